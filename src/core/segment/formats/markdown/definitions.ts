// Link reference definitions ("[label]: destination 'title'") at the start of a paragraph are
// not prose: CommonMark removes them from the paragraph, which may leave nothing.

import { isSpaceOrTab } from './chars';

/** The paragraph's lines (start/end pairs) without its leading link reference definitions. */
export function stripDefinitions(doc: string, lines: number[]): number[] {
  let li = 0;
  while (li < lines.length && doc.charCodeAt(lines[li]) === 0x5b /* [ */) {
    const after = definitionEnd(doc, lines, li);
    if (after < 0) break;
    li = after;
  }
  return li === 0 ? lines : lines.slice(li);
}

/** For a definition starting on line li: the index of the first line after it, or -1. */
function definitionEnd(doc: string, lines: number[], li: number): number {
  const s = lines[li];
  const e = lines[li + 1];
  // The label: up to 999 characters without unescaped brackets, not blank, on this line.
  let p = s + 1;
  let blank = true;
  for (; p < e; p++) {
    const c = doc.charCodeAt(p);
    if (c === 0x5d) break;
    if (c === 0x5b) return -1;
    if (c === 0x5c) p++;
    if (!isSpaceOrTab(c)) blank = false;
  }
  if (p >= e || blank || p - s - 1 > 999 || doc.charCodeAt(p + 1) !== 0x3a /* : */) return -1;
  if (doc.charCodeAt(s + 1) === 0x5e /* ^ */) return -1; // a footnote definition, a container
  // The destination: on this line after the colon, or alone at the start of the next line.
  let line = li;
  p = skipSpaces(doc, p + 2, e);
  if (p >= e) {
    line += 2;
    if (line >= lines.length) return -1;
    p = lines[line];
  }
  const lineEnd = lines[line + 1];
  const destEnd = destination(doc, p, lineEnd);
  if (destEnd < 0) return -1;
  // An optional title, on the same line or the next; without one the destination ends the line.
  const afterDest = skipSpaces(doc, destEnd, lineEnd);
  if (afterDest >= lineEnd) {
    const next = line + 2;
    if (next < lines.length) {
      const titleEnd = title(doc, lines, next, lines[next]);
      if (titleEnd >= 0) return titleEnd;
    }
    return next;
  }
  if (afterDest === destEnd) return -1;
  const titleEnd = title(doc, lines, line, afterDest);
  return titleEnd;
}

/** End of a link destination at p ("<...>" or a run without spaces and with balanced parentheses), or -1. */
export function destination(doc: string, p: number, end: number): number {
  if (doc.charCodeAt(p) === 0x3c /* < */) {
    for (let q = p + 1; q < end; q++) {
      const c = doc.charCodeAt(q);
      if (c === 0x5c) q++;
      else if (c === 0x3e) return q + 1;
      else if (c === 0x3c || c === 0x0a) return -1;
    }
    return -1;
  }
  let depth = 0;
  let q = p;
  for (; q < end; q++) {
    const c = doc.charCodeAt(q);
    if (c <= 0x20 || c === 0x7f) break;
    if (c === 0x5c && q + 1 < end) q++;
    else if (c === 0x28) {
      if (++depth > 32) return -1;
    } else if (c === 0x29) {
      if (depth === 0) break;
      depth--;
    }
  }
  return q > p && depth === 0 ? q : -1;
}

/** A title starting at p on line li, followed only by spaces to its line's end: the next line's index, or -1. */
function title(doc: string, lines: number[], li: number, p: number): number {
  const open = doc.charCodeAt(p);
  const close = open === 0x28 ? 0x29 : open;
  if (open !== 0x22 && open !== 0x27 && open !== 0x28) return -1;
  let line = li;
  let q = p + 1;
  for (;;) {
    const e = lines[line + 1];
    for (; q < e; q++) {
      const c = doc.charCodeAt(q);
      if (c === 0x5c) q++;
      else if (c === close) {
        return skipSpaces(doc, q + 1, e) >= e ? line + 2 : -1;
      } else if (open === 0x28 && c === 0x28) return -1;
    }
    line += 2;
    if (line >= lines.length) return -1;
    q = lines[line];
  }
}

function skipSpaces(doc: string, p: number, end: number): number {
  while (p < end && isSpaceOrTab(doc.charCodeAt(p))) p++;
  return p;
}
