// The prose view of a block without inline syntax, built straight from its lines. Most headings
// and table cells, and many paragraphs, hold no character that could start inline syntax; for
// them the inline parser (tokens, then mdast nodes, then the prose walk) would only rebuild the
// lines as text. This gives the same view, piece for piece, without those objects:
// test/unit/segment-markdown-plain-block.test.ts compares the two.

import { ProseBuilder, type ProseText } from '../../prose/prose-text';
import { isSpaceOrTab } from './chars';

/**
 * Characters that may start inline syntax (inline.ts's SPECIAL, less the letters of literal URLs,
 * which are tested as "://" and "www.", and "!", which needs a "[" after it).
 */
const SYNTAX = new Uint8Array(128);
for (const c of '\\`$<&[]*_~@') SYNTAX[c.charCodeAt(0)] = 1;

/**
 * The view of the block whose content lines are the start/end pairs `lines` of doc, or null when
 * a line holds a character that may start inline syntax.
 */
export function plainBlockProse(doc: string, lines: number[]): ProseText | null {
  for (let k = 0; k < lines.length; k += 2) if (mayHoldSyntax(doc, lines[k], lines[k + 1])) return null;
  const builder = new ProseBuilder();
  const last = lines.length - 2;
  for (let k = 0; k < last; k += 2) {
    const start = lines[k];
    const end = lines[k + 1];
    // As the parser reads a line end: trailing spaces and tabs are dropped, and two or more
    // spaces make a hard break, which stands for everything up to the next line's content.
    let textEnd = end;
    let spaces = 0;
    while (textEnd > start && isSpaceOrTab(doc.charCodeAt(textEnd - 1))) {
      textEnd--;
      if (doc.charCodeAt(textEnd) === 0x20) spaces++;
    }
    if (textEnd > start) builder.text(start, doc.slice(start, textEnd));
    if (spaces >= 2) builder.space(textEnd, lines[k + 2]);
    // The line feed itself, after the "\r" of a CRLF line end.
    else builder.text(doc.charCodeAt(end) === 0x0d ? end + 1 : end, '\n');
  }
  let end = lines[last + 1];
  while (end > lines[last] && isSpaceOrTab(doc.charCodeAt(end - 1))) end--;
  if (end > lines[last]) builder.text(lines[last], doc.slice(lines[last], end));
  return builder.build();
}

function mayHoldSyntax(doc: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = doc.charCodeAt(i);
    if (c >= 128) continue;
    if (SYNTAX[c] === 1) return true;
    // A GFM literal URL starts with "http://", "https://" or "www.".
    if (c === 0x3a && doc.charCodeAt(i + 1) === 0x2f && doc.charCodeAt(i + 2) === 0x2f) return true;
    if (c === 0x2e && i >= start + 3 && isWww(doc, i - 3)) return true;
  }
  return false;
}

function isWww(doc: string, p: number): boolean {
  return (
    (doc.charCodeAt(p) | 0x20) === 0x77 &&
    (doc.charCodeAt(p + 1) | 0x20) === 0x77 &&
    (doc.charCodeAt(p + 2) | 0x20) === 0x77
  );
}
