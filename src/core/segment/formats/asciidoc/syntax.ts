// Line-level syntax of AsciiDoc as Asciidoctor recognizes it: delimiters, section titles, list
// markers, block metadata. Each pattern mirrors the reference reader's rule, so that blocks start
// and end where Asciidoctor starts and ends them.

export const ATTRIBUTE_ENTRY = /^:(!?[\p{L}\p{N}_][^:]*):(?:[ \t]+(.*))?$/u;
export const BLOCK_ATTRIBUTE_LIST = /^\[(|[\p{L}\p{N}_.#%{,"'].*)\]$/u;
export const BLOCK_ANCHOR = /^\[\[(?:|[\p{L}_:][\p{L}\p{N}_\-:.]*(?:, *.+)?)\]\]$/u;
/** A line that breaks a paragraph: an attribute list or an anchor. */
export const BLOCK_ATTRIBUTE_LINE = /^\[(?:|[\p{L}\p{N}_.#%{,"'].*|\[(?:|[\p{L}_:][\p{L}\p{N}_\-:.]*(?:, *.+)?)\])\]$/u;
export const BLOCK_TITLE = /^\.(\.?[^ \t.].*)$/;
export const ADMONITION_PARAGRAPH = /^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+/;
export const ADMONITION_STYLES = new Set(['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION']);
export const LITERAL_LINE = /^[ \t]+.*$/;

export const UNORDERED_ITEM = /^[ \t]*(-|\*+|\u2022)[ \t]+(.*)$/;
export const ORDERED_ITEM = /^[ \t]*(\.+|\d+\.|[a-zA-Z]\.|[IVXivx]+\))[ \t]+(.*)$/;
export const DESCRIPTION_ITEM = /^(?!\/\/[^/])[ \t]*([^ \t].*?)(:::{0,2}|;;)(?:$|[ \t]+(.*)$)/;
export const CALLOUT_ITEM = /^<(\d+|\.)>[ \t]+(.*)$/;
const ANY_LIST_ITEM =
  /^(?:[ \t]*(?:-|\*+|\.+|\u2022|\d+\.|[a-zA-Z]\.|[IVXivx]+\))[ \t]|(?!\/\/[^/])[ \t]*[^ \t].*?(?::::{0,2}|;;)(?:$|[ \t])|<(?:\d+|\.)>[ \t])/;
/** Sibling items of a description list: same delimiter, and "a:::" is not a "::" item. */
export const DESCRIPTION_SIBLING: Record<string, RegExp> = {
  '::': /^(?!\/\/[^/])[ \t]*([^ \t].*?[^:]|[^ \t:])(::)(?:$|[ \t]+(.*)$)/,
  ':::': /^(?!\/\/[^/])[ \t]*([^ \t].*?[^:]|[^ \t:])(:::)(?:$|[ \t]+(.*)$)/,
  '::::': /^(?!\/\/[^/])[ \t]*([^ \t].*?[^:]|[^ \t:])(::::)(?:$|[ \t]+(.*)$)/,
  ';;': /^(?!\/\/[^/])[ \t]*([^ \t].*?)(;;)(?:$|[ \t]+(.*)$)/,
};

const ATX_TITLE = /^(=={0,5}|#{1,6})[ \t]+(.+?)(?:[ \t]+\1)?$/;
const SETEXT_TITLE = /^(?!\.).*[\p{L}\p{N}].*$/u;
const SETEXT_LEVELS = '=-~^+';
const LAYOUT_BREAK = /^(?:'{3,}|<{3,}|([-*_])( *)\1\2\1)$/;
const INDENTED_THEMATIC_BREAK = /^ {0,3}([-*_])( *)\1\2\1$/;
const MEDIA_OR_TOC_MACRO = /^(?:(?:image|video|audio)::\S(?:.*?\S)?|toc::)\[.*\]$/;
/** A block macro of an extension (plantuml::x[], kroki::y[]): never prose. */
const CUSTOM_BLOCK_MACRO = /^[\p{L}\p{N}_][\p{L}\p{N}_-]*::(?:|\S|\S.*?\S)\[.*\]$/u;

export type ListKind = 'ulist' | 'olist' | 'dlist' | 'colist';

export function isAnyListItem(text: string): boolean {
  return ANY_LIST_ITEM.test(text);
}

export function listPattern(kind: ListKind): RegExp {
  return kind === 'ulist'
    ? UNORDERED_ITEM
    : kind === 'olist'
      ? ORDERED_ITEM
      : kind === 'dlist'
        ? DESCRIPTION_ITEM
        : CALLOUT_ITEM;
}

/** The marker that siblings of an ordered list item share: "1." for any number, "a." for any letter. */
export function orderedMarkerClass(marker: string): string {
  if (marker.startsWith('.')) return marker;
  if (/^\d+\.$/.test(marker)) return '1.';
  if (/^[a-z]\.$/.test(marker)) return 'a.';
  if (/^[ivx]+\)$/.test(marker)) return 'i)';
  if (/^[A-Z]\.$/.test(marker)) return 'A.';
  return 'I)';
}

export function isUniform(text: string, ch: string): boolean {
  for (let i = 0; i < text.length; i++) if (text[i] !== ch) return false;
  return text.length > 0;
}

export type BlockContext =
  'open' | 'listing' | 'literal' | 'example' | 'sidebar' | 'quote' | 'pass' | 'table' | 'comment' | 'fenced_code';

interface DelimiterKind {
  context: BlockContext;
  /** Styles that may turn the block into another kind ([source] over "--", [verse] over "____"). */
  masquerades: readonly string[];
}

const DELIMITERS: Record<string, DelimiterKind> = {
  '--': {
    context: 'open',
    masquerades: [
      'comment',
      'example',
      'literal',
      'listing',
      'pass',
      'quote',
      'sidebar',
      'source',
      'verse',
      'admonition',
      'abstract',
      'partintro',
    ],
  },
  '----': { context: 'listing', masquerades: ['literal', 'source'] },
  '....': { context: 'literal', masquerades: ['listing', 'source'] },
  '====': { context: 'example', masquerades: ['admonition'] },
  '****': { context: 'sidebar', masquerades: [] },
  ____: { context: 'quote', masquerades: ['verse'] },
  '++++': { context: 'pass', masquerades: ['stem', 'latexmath', 'asciimath'] },
  '|===': { context: 'table', masquerades: [] },
  ',===': { context: 'table', masquerades: [] },
  ':===': { context: 'table', masquerades: [] },
  '!===': { context: 'table', masquerades: [] },
  '////': { context: 'comment', masquerades: [] },
  '```': { context: 'fenced_code', masquerades: [] },
};
const DELIMITER_HEADS = new Set(Object.keys(DELIMITERS).map((k) => k.slice(0, 2)));
const DELIMITER_CHARS = [...new Set(Object.keys(DELIMITERS).map((k) => k[0]))].join('');

export interface Delimiter extends DelimiterKind {
  /** The line that closes the block: the same delimiter, same length. */
  terminator: string;
}

/**
 * A delimiter line opens a block: two dashes for an open block, four or more of one character
 * otherwise (the closing line must be identical), or a Markdown fence "```lang".
 */
export function delimiterOf(text: string): Delimiter | null {
  const len = text.length;
  if (len < 2 || !DELIMITER_CHARS.includes(text[0]) || !DELIMITER_HEADS.has(text.slice(0, 2))) return null;
  if (len === 2) return text === '--' ? { ...DELIMITERS['--'], terminator: text } : null;
  if (text.startsWith('```')) return text.startsWith('````') ? null : { ...DELIMITERS['```'], terminator: '```' };
  if (len === 3) return null;
  const tip = text.slice(0, 4);
  const kind = DELIMITERS[tip];
  if (!kind || (len > 4 && !isUniform(text.slice(4), tip[3]))) return null;
  return { ...kind, terminator: text };
}

export interface SectionTitle {
  level: number;
  /** Offsets of the title text within the first line. */
  textStart: number;
  textEnd: number;
  /** 1 for "== Title", 2 for a title over an underline. */
  lineCount: 1 | 2;
}

/** "== Title" or "## Title" (Markdown headings are read too). */
export function atxTitle(text: string): SectionTitle | null {
  if (!(text.startsWith('=') || text.startsWith('#'))) return null;
  const m = ATX_TITLE.exec(text);
  if (!m) return null;
  const textStart = text.indexOf(m[2], m[1].length);
  return { level: m[1].length - 1, textStart, textEnd: textStart + m[2].length, lineCount: 1 };
}

/** A title over an underline of =, -, ~, ^ or + whose length is within one character of the title's. */
export function setextTitle(text: string, underline: string | undefined): SectionTitle | null {
  if (!underline) return null;
  const level = SETEXT_LEVELS.indexOf(underline[0]);
  if (level < 0 || !isUniform(underline, underline[0]) || !SETEXT_TITLE.test(text)) return null;
  if (Math.abs(codePointLength(text) - underline.length) >= 2) return null;
  const lead = text.length - text.trimStart().length;
  return { level, textStart: lead, textEnd: text.length, lineCount: 2 };
}

export function sectionTitle(text: string, next: string | undefined): SectionTitle | null {
  return atxTitle(text) ?? setextTitle(text, next);
}

function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** Thematic and page breaks ("'''", "<<<", "---", "* * *") at the start of a block. */
export function isLayoutBreak(text: string): boolean {
  return text.startsWith(' ') ? INDENTED_THEMATIC_BREAK.test(text) : LAYOUT_BREAK.test(text);
}

/** A block macro with no prose: image::, video::, audio::, toc::, or an extension's name::target[]. */
export function isBlockMacro(text: string): boolean {
  if (!text.endsWith(']') || !text.includes('::')) return false;
  return MEDIA_OR_TOC_MACRO.test(text) || CUSTOM_BLOCK_MACRO.test(text);
}

/** The style of a block attribute line: the first positional attribute up to its shorthands. */
export function styleOf(attributeList: string): string | undefined {
  const first = attributeList.split(',', 1)[0].trim();
  if (first === '' || first.includes('=') || /^["']/.test(first)) return undefined;
  const style = first.split(/[#.%]/, 1)[0].trim();
  return style === '' ? undefined : style;
}
