// AsciiDoc: paragraphs, section titles, list items, admonition paragraphs, and the content of
// example/sidebar/quote/open blocks and table cells are prose. Attribute entries, block
// attribute lines ([source,java]), block titles (.Title), comments, and listing, literal,
// passthrough and source blocks are not. Inline markup is read as the reader sees it.

import type { Sentence } from '../types';
import { delimited, escape, linkText, render, url } from './inline-rules';
import { InlineScanner, type InlineRule } from './inline-scanner';
import { BlockCollector, sourceLines } from './line-blocks';

const ATTRIBUTE_ENTRY = /^:!?[\w][\w-]*!?:(?:\s|$)/;
const BLOCK_ATTRIBUTES = /^\[[^\]]*\]$/;
const BLOCK_TITLE = /^\.[^\s.]/;
const SECTION = /^(={1,6}|#{1,6})\s+(\S.*?)(?:\s+\1)?$/;
const SETEXT_UNDERLINE = /^([=\-~^+])\1+$/;
const ADMONITION = /^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):\s+/;
const LIST_ITEM = /^(?:\*{1,5}|-|\.{1,5}|\d{1,9}\.|[a-zA-Z]\.|[ivxIVX]+\))\s+(?:\[[ x*]\]\s+)?/;
const DESCRIPTION = /^(.+?)(:{2,4}|;;)(?:\s+(.*))?$/;
const BLOCK_MACRO = /^[a-z][\w-]*::\S*\[.*\]$/;
const THEMATIC = /^(?:'{3,}|<<<|-{3}|\*{3}|\*\s\*\s\*)$/;
const CONTINUATION = /^\+$/;

/** Delimiters of blocks whose content is not prose. */
const VERBATIM_DELIMITER = /^(?:-{4,}|\.{4,}|\+{4,}|\/{4,}|`{3}.*|~{4,})$/;
/** Delimiters of blocks whose content is prose. */
const COMPOUND_DELIMITER = /^(?:={4,}|\*{4,}|_{4,}|--)$/;
const TABLE_DELIMITER = /^[|,:!]={3,}$/;
/** Block styles that make the next block (or paragraph) non-prose. */
const VERBATIM_STYLE = /^\[\s*(?:source|listing|literal|pass|stem|latexmath|asciimath|comment|plantuml|graphviz|mermaid|ditaa|svgbob|verbatim)\b/i;

const LINK_MACRO: InlineRule = {
  starts: 'lmx',
  wordStart: true,
  match(ctx, i, end) {
    if (!macroNameAt(ctx.doc, i)) return null;
    const m = /^(?:link|mailto|xref):([^\s[]*)\[/.exec(ctx.doc.slice(i, i + 300));
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next(']', s, end);
    if (close < 0) return null;
    return { end: close + 1, emit: () => linkText(ctx, s, close, i, close + 1) };
  },
};

/** Inline macros: footnote:[..], image:x[..], kbd:[..], stem:[..], pass:[..] and the like. */
const INLINE_MACRO: InlineRule = {
  starts: 'abcdefghijklmnopqrstuvwxyz',
  wordStart: true,
  match(ctx, i, end) {
    if (!macroNameAt(ctx.doc, i)) return null;
    const m = /^(footnote|footnoteref|image|icon|kbd|btn|menu|stem|latexmath|asciimath|pass|indexterm|indexterm2|anchor):([^\s[]*)\[/.exec(
      ctx.doc.slice(i, i + 200),
    );
    if (!m) return null;
    const s = i + m[0].length;
    const close = ctx.next(']', s, end);
    if (close < 0) return null;
    const name = m[1];
    return {
      end: close + 1,
      emit: () => {
        if (name === 'kbd' || name === 'btn' || name === 'pass') render(ctx, 'code', s, close, [i, close + 1]);
        else if (name === 'stem' || name === 'latexmath' || name === 'asciimath') render(ctx, 'math', s, close, [i, close + 1]);
        else if (name === 'indexterm2') render(ctx, 'text', s, close, [i, close + 1]);
        else ctx.builder.gap();
      },
    };
  },
};

/** Cheap pre-check for "name:" at a word start, so that most words skip the macro regexes. */
function macroNameAt(doc: string, i: number): boolean {
  if (/[\p{L}\p{N}]/u.test(doc[i - 1] ?? '')) return false;
  let k = i;
  while (k < doc.length && k - i < 12 && doc.charCodeAt(k) >= 0x61 && doc.charCodeAt(k) <= 0x7a) k++;
  return doc[k] === ':' || (doc[k] === '2' && doc[k + 1] === ':');
}

/** Cross references: <<id>> (nothing to read) and <<id,text>> (the text). */
const XREF: InlineRule = {
  starts: '<',
  match(ctx, i, end) {
    if (!ctx.doc.startsWith('<<', i)) return null;
    const close = ctx.next('>>', i + 2, end);
    if (close < 0 || close - i > 300) return null;
    const comma = ctx.doc.indexOf(',', i + 2);
    return {
      end: close + 2,
      emit: () => {
        if (comma > 0 && comma < close) render(ctx, 'text', comma + 1, close, [i, close + 2]);
        else ctx.builder.gap();
      },
    };
  },
};

/** Inline anchors [[id]] and role attributes [.role] before #text#. */
const INLINE_ATTRIBUTES: InlineRule = {
  starts: '[',
  match(ctx, i) {
    const m = /^(?:\[\[\[?[\w:.-]+(?:,[^\]]*)?\]\]\]?|\[[.#%][\w. -]*\](?=#))/.exec(ctx.doc.slice(i, i + 120));
    return m ? { end: i + m[0].length, emit: () => ctx.builder.gap() } : null;
  },
};

const RULES: InlineRule[] = [
  escape,
  INLINE_ATTRIBUTES,
  delimited('``', '``', 'code', false),
  delimited('`+', '+`', 'code', true),
  delimited('`', '`', 'code', true),
  delimited('+++', '+++', 'code', false),
  delimited('++', '++', 'code', false),
  delimited('+', '+', 'code', true),
  delimited('**', '**', 'text', false),
  delimited('*', '*', 'text', true),
  delimited('__', '__', 'text', false),
  delimited('_', '_', 'text', true),
  delimited('##', '##', 'text', false),
  delimited('#', '#', 'text', true),
  delimited('(((', ')))', 'drop', false),
  delimited('((', '))', 'text', false),
  XREF,
  LINK_MACRO,
  INLINE_MACRO,
  url(true),
];

export function asciidocSentences(doc: string): Sentence[] {
  const lines = sourceLines(doc);
  const out = new BlockCollector(doc, new InlineScanner(doc, RULES));
  let skipUntil: string | null = null; // closing delimiter of a verbatim block
  let verbatimNext = false; // the next block or paragraph is source/literal/...
  let skippingParagraph = false;
  let table = false;
  let header = false; // author and revision lines under the document title
  let seenContent = false;

  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    const t = line.text.slice(line.indent);
    const cs = line.start + line.indent;
    if (skipUntil !== null) {
      if (line.text === skipUntil) skipUntil = null;
      continue;
    }
    if (line.blank) {
      out.flush();
      skippingParagraph = false;
      header = false;
      continue;
    }
    if (skippingParagraph) continue;
    if (header && !ATTRIBUTE_ENTRY.test(t)) continue;
    if (line.indent === 0 && t.startsWith('//') && !t.startsWith('////')) continue;
    if (line.indent === 0 && (VERBATIM_DELIMITER.test(t) || (verbatimNext && COMPOUND_DELIMITER.test(t)))) {
      out.flush();
      skipUntil = t.startsWith('```') ? '```' : t;
      verbatimNext = false;
      continue;
    }
    if (line.indent === 0 && TABLE_DELIMITER.test(t)) {
      out.flush();
      table = !table;
      continue;
    }
    if (table) {
      out.flush();
      // Cells start at "|", optionally preceded by a cell specifier such as "2+" or "a".
      const re = /(?:^|(?<=\s))[\d.+*<>^a-z]*\|/g;
      const starts: number[] = [];
      for (let m = re.exec(t); m; m = re.exec(t)) starts.push(m.index + m[0].length);
      if (starts.length === 0) starts.push(0);
      starts.forEach((s, n) => {
        const e = n + 1 < starts.length ? t.lastIndexOf('|', starts[n + 1] - 1) : t.length;
        const cell = t.slice(s, Math.max(s, e)).replace(/\s+[\d.+*<>^a-z]*$/, '');
        const lead = cell.length - cell.trimStart().length;
        out.single(cs + s + lead, cs + s + cell.trimEnd().length);
      });
      continue;
    }
    if (line.indent === 0 && COMPOUND_DELIMITER.test(t)) {
      out.flush();
      continue;
    }
    if (line.indent === 0 && (ATTRIBUTE_ENTRY.test(t) || BLOCK_MACRO.test(t) || THEMATIC.test(t) || CONTINUATION.test(t))) {
      out.flush();
      continue;
    }
    if (line.indent === 0 && BLOCK_ATTRIBUTES.test(t)) {
      out.flush();
      if (VERBATIM_STYLE.test(t)) verbatimNext = true;
      continue;
    }
    if (line.indent === 0 && BLOCK_TITLE.test(t) && !out.open) continue;
    if (verbatimNext && !out.open) {
      // [source]/[literal] applied to a plain paragraph: skip to the blank line.
      verbatimNext = false;
      skippingParagraph = true;
      continue;
    }
    if (!out.open && line.indent > 0 && !LIST_ITEM.test(t)) {
      // An indented paragraph is a literal block.
      skippingParagraph = true;
      continue;
    }
    const section = line.indent === 0 ? SECTION.exec(t) : null;
    if (section) {
      const s = cs + t.indexOf(section[2], section[1].length);
      out.single(s, s + section[2].length);
      header = !seenContent && section[1] === '=';
      seenContent = true;
      continue;
    }
    seenContent = true;
    if (out.open && line.indent === 0 && SETEXT_UNDERLINE.test(t) && t.length >= 2) {
      out.flush();
      continue;
    }
    const admonition = ADMONITION.exec(t);
    const item = LIST_ITEM.exec(t);
    const description = !item && !out.open ? DESCRIPTION.exec(t) : null;
    if (admonition || item) {
      out.flush();
      out.add(cs + (admonition ?? item)![0].length, endOfText(doc, line.start, line.end));
      continue;
    }
    if (description && !/^\w+:\/\//.test(t)) {
      out.single(cs, cs + description[1].length);
      if (description[3]) out.add(line.end - description[3].length, endOfText(doc, line.start, line.end));
      continue;
    }
    out.add(cs, endOfText(doc, line.start, line.end));
  }
  out.flush();
  return out.sentences;
}

/** A line's end without a trailing " +" (a hard line break). */
function endOfText(doc: string, start: number, end: number): number {
  return end - start >= 2 && doc[end - 1] === '+' && doc[end - 2] === ' ' ? end - 2 : end;
}
