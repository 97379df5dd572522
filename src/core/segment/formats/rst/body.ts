// The body parser: reads a block of lines as a sequence of body elements the way docutils'
// state machine does, and hands the prose parts (paragraphs, titles, terms, field and option
// descriptions, list items, block quotes, footnotes, table cells, prose directive bodies) to the
// emitter. Nested constructs are blocks cut out of their parent (see lines.ts) and parsed
// recursively, so every line is looked at once per nesting level.

import type { Sentence } from '../../types';
import { directiveKind } from './directives';
import { Emitter, type Range } from './emit';
import { type BLine, type Block, dedent, indentedEnd, Rows, textOf, trimBlank } from './lines';
import {
  ANONYMOUS,
  BULLET,
  CLASSIFIER,
  DIRECTIVE,
  DOCTEST,
  endsWithLiteralMarker,
  ENUMERATOR,
  EXPLICIT,
  FIELD_MARKER,
  FOOTNOTE,
  GRID_TABLE_TOP,
  isAdornmentChar,
  isAdornmentLine,
  LINE_BLOCK,
  OPTION_MARKER,
  SIMPLE_TABLE_BORDER,
  SUBSTITUTION,
  TARGET,
} from './patterns';
import { readGridTable, readSimpleTable } from './tables';

/** Deeper nesting than this is read as plain paragraphs (it only happens in pathological input). */
const MAX_DEPTH = 40;
/** Markers are recognized in a line's first characters; longer lines are not sliced whole for them. */
const HEAD = 256;

export class BodyReader {
  readonly rows: Rows;
  readonly emit: Emitter;
  private depth = 0;

  constructor(readonly doc: string) {
    this.rows = new Rows(doc);
    this.emit = new Emitter(doc);
  }

  read(): Sentence[] {
    this.body(this.rows.document());
    return this.emit.sink;
  }

  /** Reads a block as body elements. */
  body(lines: Block): void {
    if (this.depth >= MAX_DEPTH) {
      this.plainParagraphs(lines);
      return;
    }
    this.depth++;
    let k = 0;
    while (k < lines.length) {
      const line = lines[k];
      if (line.blank) k++;
      else if (line.indent > 0) k = this.blockQuote(lines, k);
      else k = this.element(lines, k);
    }
    this.depth--;
  }

  /** Reads the element that starts at the unindented line k; returns the index after it. */
  private element(lines: Block, k: number): number {
    const line = lines[k];
    const head = this.doc.slice(line.start, Math.min(line.end, line.start + HEAD));
    let m: RegExpExecArray | null;
    switch (head[0]) {
      case '-':
      case '+':
      case '*':
      case '\u2022':
      case '\u2023':
      case '\u2043':
        if ((m = BULLET.exec(head))) return this.listItem(lines, k, m[0].length, true);
        if (head.startsWith('+-') && GRID_TABLE_TOP.test(textOf(this.doc, line))) return this.gridTable(lines, k);
        break;
      case ':':
        if ((m = FIELD_MARKER.exec(head))) return this.listItem(lines, k, m[0].length);
        break;
      case '>':
        if (DOCTEST.test(head)) return this.textBlockEnd(lines, k);
        break;
      case '|':
        if (LINE_BLOCK.test(head)) return this.lineBlock(lines, k);
        break;
      case '=':
        if (SIMPLE_TABLE_BORDER.test(head)) return this.simpleTable(lines, k);
        break;
      case '.':
        if (EXPLICIT.test(head)) return this.explicit(lines, k, head);
        break;
      case '_':
        if (ANONYMOUS.test(head)) return this.skipTarget(lines, k);
        break;
    }
    if (
      (head[0] === '-' || head[0] === '+' || head[0] === '/') &&
      (m = OPTION_MARKER.exec(head)) &&
      this.hasDescription(lines, k, m[0].length)
    ) {
      return this.listItem(lines, k, m[0].length);
    }
    if ((m = ENUMERATOR.exec(head)) && this.isEnumeratedItem(lines, k))
      return this.listItem(lines, k, m[0].length, true);
    const text = head.length < line.end - line.start ? '' : head;
    if (text && isAdornmentLine(text) && text !== '::' && text.length >= 4) return this.adornment(lines, k);
    return this.text(lines, k);
  }

  /**
   * A bullet or enumerated list item, a field or an option: the marker is not prose, its body is
   * the rest of the line plus the lines indented under it. A bullet or enumerated item with text
   * after its marker ends at the first line indented less than that text (docutils'
   * get_known_indented); the others take every indented line that follows.
   */
  private listItem(lines: Block, k: number, markerLength: number, listMarker = false): number {
    const line = lines[k];
    const first: BLine = {
      row: line.row,
      indent: 0,
      start: line.start + markerLength,
      end: line.end,
      blank: line.start + markerLength >= line.end,
    };
    if (listMarker && !first.blank) {
      const width = this.rows.columnAt(line.row, first.start) - this.rows.columnAt(line.row, line.start);
      const end = indentedEnd(lines, k + 1, width);
      this.body(dedent(lines, k, end, first, width));
      return end;
    }
    const end = indentedEnd(lines, k + 1);
    this.body(dedent(lines, k, end, first));
    return end;
  }

  /** An option list item needs a description, on its line or indented below it ("-1" alone is text). */
  private hasDescription(lines: Block, k: number, markerLength: number): boolean {
    if (lines[k].start + markerLength < lines[k].end) return true;
    const end = indentedEnd(lines, k + 1);
    for (let i = k + 1; i < end; i++) if (!lines[i].blank) return true;
    return false;
  }

  /** docutils takes "1. text" as a list item only if the next line is blank, indented or the next item. */
  private isEnumeratedItem(lines: Block, k: number): boolean {
    const next = lines[k + 1];
    if (!next || next.blank || next.indent > 0) return true;
    return ENUMERATOR.test(this.doc.slice(next.start, Math.min(next.end, next.start + 16)));
  }

  private blockQuote(lines: Block, k: number): number {
    const end = indentedEnd(lines, k);
    this.body(dedent(lines, k, end));
    return end;
  }

  /** Lines up to the next blank line (a doctest block): not prose. */
  private textBlockEnd(lines: Block, k: number): number {
    while (k < lines.length && !lines[k].blank) k++;
    return k;
  }

  /** An explicit markup construct has its first line's rest and the lines indented under it. */
  private skipFirstKnown(lines: Block, k: number): number {
    return indentedEnd(lines, k + 1);
  }

  /** A hyperlink target's URL may go on in indented lines, up to the first blank line. */
  private skipTarget(lines: Block, k: number): number {
    k++;
    while (k < lines.length && !lines[k].blank && lines[k].indent > 0) k++;
    return k;
  }

  /** "| line": each line (with its indented continuation lines) reads on its own. */
  private lineBlock(lines: Block, k: number): number {
    while (k < lines.length && !lines[k].blank) {
      const line = lines[k];
      const head = this.doc.slice(line.start, Math.min(line.end, line.start + 8));
      const m = LINE_BLOCK.exec(head);
      if (!m || line.indent > 0) break;
      const ranges: Range[] = [[line.start + m[0].length, line.end]];
      k++;
      while (k < lines.length && !lines[k].blank && lines[k].indent > 0) {
        ranges.push([lines[k].start, lines[k].end]);
        k++;
      }
      this.emit.block(ranges);
    }
    return k;
  }

  private explicit(lines: Block, k: number, head: string): number {
    const line = lines[k];
    let m: RegExpExecArray | null;
    if ((m = FOOTNOTE.exec(head))) return this.listItem(lines, k, m[0].length);
    if (TARGET.test(head)) return this.skipTarget(lines, k);
    if (SUBSTITUTION.test(head)) return this.skipFirstKnown(lines, k);
    if ((m = DIRECTIVE.exec(head))) return this.directive(lines, k, m[1], m[0].length);
    // A comment; ".." alone before a blank line is an empty comment that swallows nothing.
    const next = lines[k + 1];
    if (line.end - line.start === 2 && (!next || next.blank)) return k + 1;
    return this.skipFirstKnown(lines, k);
  }

  /**
   * ".. name:: arguments", then options (":key: value") up to the first blank line, then the
   * body. Which parts are prose depends on the directive (directives.ts).
   */
  private directive(lines: Block, k: number, name: string, markerLength: number): number {
    const end = indentedEnd(lines, k + 1);
    const kind = directiveKind(name);
    if (kind.body === 'code') return end;
    const line = lines[k];
    const first: BLine = {
      row: line.row,
      indent: 0,
      start: line.start + markerLength,
      end: line.end,
      blank: line.start + markerLength >= line.end,
    };
    const block = dedent(lines, k, end, first);
    // As docutils' parse_directive_block: the lines up to the first blank line are the argument
    // and then, from the first ":name:" line on, the options; the body follows the blank line.
    const argumentStart = block[0].blank ? 1 : 0;
    let argumentEnd = argumentStart;
    while (argumentEnd < block.length && !block[argumentEnd].blank) argumentEnd++;
    let optionsStart = argumentStart;
    while (optionsStart < argumentEnd && !this.isOption(block[optionsStart])) optionsStart++;
    const argument = block.slice(argumentStart, optionsStart);
    const content = block.slice(argumentEnd);
    if (kind.argument === 'body') {
      // No argument: the text after "::" is the first paragraph of the body.
      this.body([...argument, ...content]);
      return end;
    }
    if (kind.argument === 'prose') this.body(argument);
    else if (kind.argument === 'version') this.versionText(argument, kind.versions ?? 1);
    if (kind.body === 'csv') this.csv(content);
    else this.body(content);
    return end;
  }

  /**
   * A line that the body parser would read as (part of) a plain paragraph: no list, field or
   * option marker, no explicit markup, table border, line block, doctest or literal marker.
   */
  isPlainText(line: BLine): boolean {
    const head = this.doc.slice(line.start, Math.min(line.end, line.start + HEAD));
    if (
      BULLET.test(head) ||
      ENUMERATOR.test(head) ||
      FIELD_MARKER.test(head) ||
      EXPLICIT.test(head) ||
      ANONYMOUS.test(head)
    )
      return false;
    if (LINE_BLOCK.test(head) || DOCTEST.test(head) || GRID_TABLE_TOP.test(head) || SIMPLE_TABLE_BORDER.test(head))
      return false;
    if (isAdornmentLine(head) || endsWithLiteralMarker(head)) return false;
    // An option without a description ("-1") is text.
    const option = OPTION_MARKER.exec(head);
    return !option || option[0].length >= head.length;
  }

  private isOption(line: BLine): boolean {
    return FIELD_MARKER.test(this.doc.slice(line.start, Math.min(line.end, line.start + HEAD)));
  }

  /** "3.2 Now takes a list.": the words after the version(s) are prose. */
  private versionText(argument: Block, versions: number): void {
    if (argument.length === 0) return;
    const first = argument[0];
    let at = first.start;
    for (let n = 0; n < versions; n++) {
      while (at < first.end && !/\s/.test(this.doc[at])) at++;
      while (at < first.end && /\s/.test(this.doc[at])) at++;
    }
    const ranges: Range[] = [];
    if (at < first.end) ranges.push([at, first.end]);
    for (let k = 1; k < argument.length; k++) ranges.push([argument[k].start, argument[k].end]);
    this.emit.block(ranges);
  }

  /** csv-table data: every field is a prose cell of its own. */
  private csv(content: Block): void {
    for (const line of content) {
      if (line.blank) continue;
      const text = textOf(this.doc, line);
      const re = /\s*("(?:[^"]|"")*"|[^,]*)\s*(?:,|$)/g;
      for (let m = re.exec(text); m && m[0].length > 0; m = re.exec(text)) {
        let s = line.start + m.index + m[0].indexOf(m[1]);
        let e = s + m[1].length;
        if (m[1].startsWith('"')) {
          s++;
          e--;
        }
        if (e > s) this.emit.block([this.trimRange(s, e)]);
      }
    }
  }

  private trimRange(s: number, e: number): Range {
    while (s < e && /\s/.test(this.doc[s])) s++;
    while (e > s && /\s/.test(this.doc[e - 1])) e--;
    return [s, e];
  }

  /** A line of repeated punctuation: a transition, or the overline of a section title. */
  private adornment(lines: Block, k: number): number {
    const next = lines[k + 1];
    if (!next || next.blank) return k + 1;
    const under = lines[k + 2];
    const overline = textOf(this.doc, lines[k]);
    if (under && !under.blank && textOf(this.doc, under) === overline) {
      this.emit.block([[next.start, next.end]]);
      return k + 3;
    }
    // An overline without its underline: docutils reports it; the text below reads on.
    return k + 1;
  }

  /** A paragraph, a section title (text over an adornment line) or a definition list item. */
  private text(lines: Block, k: number): number {
    const line = lines[k];
    const next = lines[k + 1];
    if (next && !next.blank && next.indent > 0) return this.definition(lines, k);
    if (next && !next.blank && this.isUnderline(line, next)) {
      this.emit.block([[line.start, line.end]]);
      return k + 2;
    }
    let end = k + 1;
    while (end < lines.length && !lines[end].blank && lines[end].indent === 0) end++;
    return this.paragraph(lines, k, end);
  }

  private isUnderline(title: BLine, under: BLine): boolean {
    if (under.indent > 0 || under.end - under.start > HEAD) return false;
    const text = textOf(this.doc, under);
    if (!isAdornmentLine(text)) return false;
    return text.length >= 4 || text.length >= title.end - title.start;
  }

  /** A term (one line) and its definition (the block indented under it). */
  private definition(lines: Block, k: number): number {
    const term = lines[k];
    const text = textOf(this.doc, term);
    const classifier = CLASSIFIER.exec(text);
    const termEnd =
      classifier && !text.slice(0, classifier.index).includes('`') ? term.start + classifier.index : term.end;
    this.emit.block([[term.start, termEnd]]);
    const end = indentedEnd(lines, k + 1);
    this.body(dedent(lines, k + 1, end));
    return end;
  }

  /** Lines [k, end) as a paragraph; one ending with "::" introduces a literal block. */
  private paragraph(lines: Block, k: number, end: number): number {
    const ranges: Range[] = [];
    for (let i = k; i < end; i++) ranges.push([lines[i].start, lines[i].end]);
    const last = ranges[ranges.length - 1];
    const literal = endsWithLiteralMarker(this.doc.slice(Math.max(last[0], last[1] - 3), last[1]));
    if (literal) this.trimLiteralMarker(ranges);
    this.emit.block(ranges);
    return literal ? this.literalBlock(lines, end) : end;
  }

  /** "Example::" reads "Example:"; "Example ::" reads "Example"; "::" alone vanishes. */
  private trimLiteralMarker(ranges: Range[]): void {
    const last = ranges[ranges.length - 1];
    const spaced = last[1] - 2 === last[0] || /\s/.test(this.doc[last[1] - 3]);
    last[1] -= spaced ? 2 : 1;
    while (last[1] > last[0] && /\s/.test(this.doc[last[1] - 1])) last[1]--;
    if (last[1] <= last[0] && ranges.length > 1) {
      ranges.pop();
    }
  }

  /** After "::": the indented block, or else lines quoted with one punctuation character. */
  private literalBlock(lines: Block, k: number): number {
    const end = indentedEnd(lines, k);
    const [from, to] = trimBlank(lines, k, end);
    if (to > from) return end;
    let q = end;
    const quote = q < lines.length ? this.doc.charCodeAt(lines[q].start) : NaN;
    if (!isAdornmentChar(quote)) return end;
    while (
      q < lines.length &&
      !lines[q].blank &&
      lines[q].indent === 0 &&
      this.doc.charCodeAt(lines[q].start) === quote
    )
      q++;
    return q;
  }

  private gridTable(lines: Block, k: number): number {
    let end = k;
    while (end < lines.length && !lines[end].blank) end++;
    readGridTable(this, lines.slice(k, end));
    return end;
  }

  private simpleTable(lines: Block, k: number): number {
    const end = readSimpleTable(this, lines, k);
    // No bottom border: docutils rejects the table; what follows the top border reads on.
    return end > k ? end : k + 1;
  }

  /** Fallback for pathological nesting: every run of lines between blank lines is a paragraph. */
  plainParagraphs(lines: Block): void {
    let ranges: Range[] = [];
    for (const line of lines) {
      if (!line.blank) ranges.push([line.start, line.end]);
      else if (ranges.length > 0) {
        this.emit.block(ranges);
        ranges = [];
      }
    }
    if (ranges.length > 0) this.emit.block(ranges);
  }
}
