// The document as docutils sees it: lines whose tabs are expanded to stops every 8 columns, and
// "blocks" of lines cut out of it. docutils parses nested constructs (list items, directive
// bodies, table cells) by cutting a rectangle of lines out of the input, removing the common
// indentation, and parsing that as a document of its own. A Block does the same without copying
// text: every BLine keeps the offsets of its content in the original document, so sentences
// found in a nested block map straight back to the source.

export const TAB_WIDTH = 8;

/** One physical line of the document. */
export interface SourceRow {
  /** Offset of the line's first character. */
  start: number;
  /** Offset just past the last non-blank character (start when blank). */
  end: number;
  /** Offset of the first non-blank character (end when blank). */
  contentStart: number;
  /** Column of the first non-blank character, tabs expanded. */
  indent: number;
  /** The line has a tab before its last non-blank character. */
  hasTab: boolean;
}

/** One line of a block: what lies at or right of the block's left edge (and left of its right edge). */
export interface BLine {
  /** Index of the source row. */
  row: number;
  /** Columns of white space between the block's left edge and the first non-blank character. */
  indent: number;
  /** Offset of the first non-blank character. */
  start: number;
  /** Offset just past the last non-blank character. */
  end: number;
  blank: boolean;
}

export type Block = BLine[];

/** Indentation: spaces and tabs (docutils turns vertical tabs and form feeds into spaces too). */
function isIndentChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c;
}

/** Trailing white space, which docutils strips from every line: any Unicode white space. */
function isBlankChar(c: number): boolean {
  return isIndentChar(c) || c === 0x0d || (c > 0x7f && /\s/.test(String.fromCharCode(c)));
}

export function sourceRows(doc: string): SourceRow[] {
  const rows: SourceRow[] = [];
  let start = 0;
  // Next tab at or after the current line, looked up once for all lines before it.
  let nextTab = -1;
  for (;;) {
    let nl = doc.indexOf('\n', start);
    if (nl < 0) nl = doc.length;
    let end = nl;
    while (end > start && isBlankChar(doc.charCodeAt(end - 1))) end--;
    let i = start;
    let col = 0;
    let hasTab = false;
    for (; i < end; i++) {
      const c = doc.charCodeAt(i);
      if (c === 0x09) {
        col = nextTabStop(col);
        hasTab = true;
      } else if (isIndentChar(c)) col++;
      else break;
    }
    if (!hasTab && nextTab !== Infinity) {
      if (nextTab < i) nextTab = doc.indexOf('\t', i);
      if (nextTab < 0) nextTab = Infinity;
      hasTab = nextTab < end;
    }
    rows.push({ start, end, contentStart: i, indent: col, hasTab });
    if (nl >= doc.length) break;
    start = nl + 1;
  }
  return rows;
}

export function nextTabStop(col: number): number {
  return (Math.floor(col / TAB_WIDTH) + 1) * TAB_WIDTH;
}

/** Reads rows: columns and offsets with tabs expanded. */
export class Rows {
  readonly rows: SourceRow[];

  constructor(readonly doc: string) {
    this.rows = sourceRows(doc);
  }

  /** The whole document as a block. */
  document(): Block {
    return this.rows.map((r, row) => ({
      row,
      indent: r.indent,
      start: r.contentStart,
      end: r.end,
      blank: r.contentStart >= r.end,
    }));
  }

  /** Index of the row that holds offset. */
  rowOf(offset: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.rows[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of the character at column col (or of the first one right of it, or the line's end). */
  offsetAt(row: number, col: number): number {
    const r = this.rows[row];
    if (!r.hasTab) return Math.min(r.start + col, r.end);
    let c = 0;
    for (let i = r.start; i < r.end; i++) {
      if (c >= col) return i;
      c = this.doc.charCodeAt(i) === 0x09 ? nextTabStop(c) : c + 1;
    }
    return r.end;
  }

  /** Column of the character at offset. */
  columnAt(row: number, offset: number): number {
    const r = this.rows[row];
    if (!r.hasTab) return offset - r.start;
    let c = 0;
    for (let i = r.start; i < offset; i++) c = this.doc.charCodeAt(i) === 0x09 ? nextTabStop(c) : c + 1;
    return c;
  }

  /** The row's text from column `from` to column `to`, tabs expanded (for tables). */
  expanded(row: number, from = 0, to = Infinity): string {
    const r = this.rows[row];
    if (!r.hasTab)
      return this.doc.slice(r.start + Math.min(from, r.end - r.start), r.start + Math.min(to, r.end - r.start));
    let out = '';
    let c = 0;
    for (let i = r.start; i < r.end && c < to; i++) {
      const ch = this.doc[i];
      const next = ch === '\t' ? nextTabStop(c) : c + 1;
      for (let k = Math.max(c, from); k < Math.min(next, to); k++) out += ch === '\t' ? ' ' : ch;
      c = next;
    }
    return out;
  }

  /** The part of a row between two columns, trimmed, as a block line whose left edge is `from`. */
  slice(row: number, from: number, to: number): BLine {
    let s = this.offsetAt(row, from);
    let e = to === Infinity ? this.rows[row].end : this.offsetAt(row, to);
    while (s < e && isBlankChar(this.doc.charCodeAt(s))) s++;
    while (e > s && isBlankChar(this.doc.charCodeAt(e - 1))) e--;
    const indent = s < e ? this.columnAt(row, s) - from : 0;
    return { row, indent, start: s, end: e, blank: s >= e };
  }
}

/** The text of a block line. */
export function textOf(doc: string, line: BLine): string {
  return doc.slice(line.start, line.end);
}

/**
 * The block lines [from, to) with their common indentation removed, as docutils' get_indented
 * does; the first line may be given a known indentation instead (a list item's text after its
 * marker, already cut by the caller), and the block may have a known indentation (a list item's
 * lines are indented as far as its text).
 */
export function dedent(lines: Block, from: number, to: number, firstKnown?: BLine, knownIndent?: number): Block {
  let min = Infinity;
  if (knownIndent !== undefined) min = knownIndent;
  else
    for (let k = firstKnown ? from + 1 : from; k < to; k++)
      if (!lines[k].blank && lines[k].indent < min) min = lines[k].indent;
  if (min === Infinity) min = 0;
  const out: Block = [];
  for (let k = from; k < to; k++) {
    if (k === from && firstKnown) out.push(firstKnown);
    else out.push(lines[k].blank ? lines[k] : { ...lines[k], indent: lines[k].indent - min });
  }
  return out;
}

/**
 * End of the indented block that starts at `from`: the first non-blank line with no indentation
 * (relative to the block) or, with a known indentation, with less than that.
 */
export function indentedEnd(lines: Block, from: number, atLeast = 1): number {
  let k = from;
  while (k < lines.length && (lines[k].blank || lines[k].indent >= atLeast)) k++;
  return k;
}

/** Drops blank lines at both ends of [from, to). */
export function trimBlank(lines: Block, from: number, to: number): [number, number] {
  while (from < to && lines[from].blank) from++;
  while (to > from && lines[to - 1].blank) to--;
  return [from, to];
}
