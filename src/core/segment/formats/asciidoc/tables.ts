// Table cells. In the default format a cell starts at each "|" (or "!" in a nested table) and
// runs across lines to the next one; a cell specifier such as "2+" or "a" just before the
// separator belongs to the next cell. Column styles come from the cols attribute. Cells in the
// "a" style hold AsciiDoc blocks, "l" cells are literal, all others are prose. CSV and DSV
// tables have one row a line.

import { blankAt, lineOf, type Line } from './source';

export interface TableCell {
  /** The cell's style letter ("a", "l", "m", ...), or '' for the default. */
  style: string;
  /** The cell's text, one line per source line; blank lines separate paragraphs. */
  lines: Line[];
}

export interface TableOptions {
  /** The delimiter line: its first character tells the format ("|", "!", ",", ":"). */
  delimiter: string;
  format?: string;
  separator?: string;
  cols?: string;
}

const CELL_SPEC_START =
  /^[ \t]*(?:(\d+(?:\.\d*)?|(?:\d*\.)?\d+)([*+]))?([<^>](?:\.[<^>]?)?|(?:[<^>]?\.)?[<^>])?([a-z])?$/;
const CELL_SPEC_END = /[ \t]+(?:(\d+(?:\.\d*)?|(?:\d*\.)?\d+)([*+]))?([<^>](?:\.[<^>]?)?|(?:[<^>]?\.)?[<^>])?([a-z])?$/;
const COLUMN_SPEC = /^(?:(\d+)\*)?([<^>](?:\.[<^>]?)?|(?:[<^>]?\.)?[<^>])?(\d+%?|~)?([a-z])?$/;

export function tableCells(doc: string, lines: Line[], options: TableOptions): TableCell[] {
  const format =
    options.format ?? (options.delimiter[0] === ',' ? 'csv' : options.delimiter[0] === ':' ? 'dsv' : 'psv');
  const separator =
    options.separator ?? (format === 'csv' ? ',' : format === 'dsv' ? ':' : options.delimiter[0] === '!' ? '!' : '|');
  const columns = new ColumnStyles(options.cols);
  const cells =
    format === 'psv' ? delimitedCells(doc, lines, separator) : rowCells(doc, lines, separator, format === 'csv');
  for (const cell of cells) {
    const column = columns.next(cell.span);
    if (cell.style === '') cell.style = column;
  }
  return cells;
}

interface ParsedCell extends TableCell {
  /** Columns the cell spans ("3+|"). */
  span: number;
}

interface CellSpec {
  style: string;
  span: number;
}

function specOf(m: RegExpExecArray | null): CellSpec {
  return { style: m?.[4] ?? '', span: m?.[2] === '+' ? Number.parseInt(m[1], 10) || 1 : 1 };
}

/** Cells of a table in the prefix-separated format ("|a |b"). */
function delimitedCells(doc: string, lines: Line[], separator: string): ParsedCell[] {
  const cells: ParsedCell[] = [];
  let open: ParsedCell | null = null;
  const close = () => {
    if (open && open.lines.some((l) => l.text.trim() !== '')) cells.push(trimCell(doc, open));
    open = null;
  };
  const start = (spec: CellSpec) => {
    close();
    open = { style: spec.style, span: spec.span, lines: [] };
  };
  const segment = (line: Line, from: number, to: number) => lineOf(doc, line.start + from, line.start + to);

  for (const line of lines) {
    const text = line.text;
    if (text === '') {
      if (open) (open as ParsedCell).lines.push(blankAt(line.start));
      continue;
    }
    let pos = 0;
    const first = separatorAt(text, separator, 0);
    if (first >= 0) {
      const spec = CELL_SPEC_START.exec(text.slice(0, first));
      if (spec) {
        start(specOf(spec));
        pos = first + 1;
      }
    }
    if (!open) open = { style: '', span: 1, lines: [] };
    for (let d = separatorAt(text, separator, pos); ; d = separatorAt(text, separator, pos)) {
      if (d < 0) {
        (open as ParsedCell).lines.push(segment(line, pos, text.length));
        break;
      }
      const before = text.slice(pos, d);
      const spec = CELL_SPEC_END.exec(before);
      (open as ParsedCell).lines.push(segment(line, pos, spec ? pos + spec.index : d));
      start(specOf(spec && spec[0].trim() !== '' ? spec : null));
      pos = d + 1;
    }
  }
  close();
  return cells;
}

/** The next unescaped separator at or after from. */
function separatorAt(text: string, separator: string, from: number): number {
  for (let i = text.indexOf(separator, from); i >= 0; i = text.indexOf(separator, i + 1)) {
    if (text[i - 1] !== '\\') return i;
  }
  return -1;
}

/** Cells of CSV and DSV tables: one row a line, cells split at the separator (outside quotes in CSV). */
function rowCells(doc: string, lines: Line[], separator: string, quoted: boolean): ParsedCell[] {
  const cells: ParsedCell[] = [];
  for (const line of lines) {
    let from = 0;
    let inQuotes = false;
    for (let i = 0; i <= line.text.length; i++) {
      const ch = line.text[i];
      if (quoted && ch === '"') inQuotes = !inQuotes;
      if (i < line.text.length && (ch !== separator || inQuotes)) continue;
      const cell = lineOf(doc, line.start + from, line.start + i);
      if (cell.text.trim() !== '') cells.push({ style: '', span: 1, lines: [cell] });
      from = i + 1;
    }
  }
  return cells;
}

/** Asciidoctor strips a cell's text: no leading blank lines or indentation before its first line. */
function trimCell(doc: string, cell: ParsedCell): ParsedCell {
  const lines = cell.lines.slice();
  while (lines.length > 0 && lines[0].text.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1].text.trim() === '') lines.pop();
  const first = lines[0];
  const lead = first.text.length - first.text.trimStart().length;
  lines[0] = lineOf(doc, first.start + lead, first.end);
  return { ...cell, lines };
}

/** Styles of the columns named by cols="1,2a" or "3*", applied to cells in order. */
class ColumnStyles {
  private readonly styles: string[] = [];
  private index = 0;

  constructor(cols: string | undefined) {
    if (!cols) return;
    const value = cols.trim();
    if (/^\d+$/.test(value)) return; // "cols=3": three default columns
    for (const record of value.split(/[,;]/)) {
      const m = COLUMN_SPEC.exec(record.trim());
      const repeat = m?.[1] ? Math.min(Number.parseInt(m[1], 10), 100) : 1;
      for (let k = 0; k < repeat; k++) this.styles.push(m?.[4] ?? '');
    }
  }

  /** The style of the column the next cell falls in. */
  next(span: number): string {
    if (this.styles.length === 0) return '';
    const style = this.styles[this.index % this.styles.length];
    this.index += Math.max(1, span);
    return style;
  }
}
