// Grid and simple tables. Every cell is a small document of its own (docutils parses it as body
// elements), so a cell's lines are cut out of the table as a block and read as prose. A sentence
// must be one contiguous slice of the source, which a multi-line cell is not when its neighbours
// have text on the same lines: such a sentence is read line by line instead, so that sentences
// never overlap.

import type { Sentence } from '../../types';
import type { BodyReader } from './body';
import type { Range } from './emit';
import { type BLine, type Block, dedent, textOf } from './lines';

/** One cell: its lines (cut to the cell's columns), its left edge, and the table row it starts in. */
interface Cell {
  lines: Block;
  left: number;
  top: number;
}

/**
 * Characters checked while finding a grid table's cells, per character of the table: the tables
 * of the Linux, Python, Sphinx and docutils manuals need under 5; a grid whose corners lead
 * nowhere needs many more and is read row by row instead.
 */
const GRID_CHECKS_PER_CHAR = 24;

export function readGridTable(reader: BodyReader, table: Block): void {
  const { rows } = reader;
  const base = rows.columnAt(table[0].row, table[0].start);
  const grid = table.map((line) => rows.expanded(line.row, base));
  const rects = gridRectangles(grid);
  if (!rects) {
    readRowsAsCells(reader, table, grid, base);
    return;
  }
  const cells: Cell[] = rects.map(([top, left, bottom, right]) => {
    const lines: Block = [];
    for (let r = top + 1; r < bottom; r++) lines.push(rows.slice(table[r].row, base + left + 1, base + right));
    return { lines, left, top };
  });
  readCells(reader, cells);
}

/**
 * The cells of a grid table as [top, left, bottom, right] (rows and columns of their corners),
 * or null when the grid is malformed or too large.
 */
function gridRectangles(grid: string[]): Array<[number, number, number, number]> | null {
  const height = grid.length;
  const width = grid[0].length;
  if (height < 2) return null;
  let size = 0;
  for (const row of grid) size += row.length;
  let budget = GRID_CHECKS_PER_CHAR * size + 10_000;
  const at = (r: number, c: number) => {
    budget--;
    return grid[r][c] ?? ' ';
  };
  const closes = (top: number, left: number, bottom: number, right: number): boolean => {
    for (let c = right - 1; c > left; c--) if (!'-=+'.includes(at(bottom, c))) return false;
    if (at(bottom, left) !== '+') return false;
    for (let r = bottom - 1; r > top; r--) if (!'|+'.includes(at(r, left))) return false;
    return true;
  };
  const scan = (top: number, left: number): [number, number] | null => {
    for (let c = left + 1; c < width && budget > 0; c++) {
      const ch = at(top, c);
      if (ch === '+') {
        for (let r = top + 1; r < height && budget > 0; r++) {
          const down = at(r, c);
          if (down === '+') {
            if (closes(top, left, r, c)) return [r, c];
          } else if (down !== '|') break;
        }
      } else if (ch !== '-' && ch !== '=') return null;
    }
    return null;
  };
  const rects: Array<[number, number, number, number]> = [];
  const seen = new Set<number>();
  const corners: Array<[number, number]> = [[0, 0]];
  // A cell's top-right and bottom-left corners are the top-left corners of its neighbours; the
  // order cells are found in does not matter, their sentences are sorted afterwards.
  while (corners.length > 0) {
    const [top, left] = corners.pop()!;
    if (top >= height - 1 || left >= width - 1 || at(top, left) !== '+') continue;
    const found = scan(top, left);
    if (budget <= 0) return null;
    if (!found) continue;
    const [bottom, right] = found;
    rects.push([top, left, bottom, right]);
    for (const [r, c] of [
      [top, right],
      [bottom, left],
    ] as Array<[number, number]>) {
      const key = r * (width + 1) + c;
      if (!seen.has(key)) {
        seen.add(key);
        corners.push([r, c]);
      }
    }
  }
  return rects.length > 0 ? rects : null;
}

/** A malformed grid table: each "| a | b |" row line's cells read on their own. */
function readRowsAsCells(reader: BodyReader, table: Block, grid: string[], base: number): void {
  const cells: Cell[] = [];
  table.forEach((line, r) => {
    const text = grid[r];
    if (text[0] !== '|') return;
    let left = 0;
    for (let c = 1; c <= text.length; c++) {
      if (c === text.length || text[c] === '|') {
        cells.push({ lines: [reader.rows.slice(line.row, base + left + 1, base + c)], left, top: r });
        left = c;
      }
    }
  });
  readCells(reader, cells);
}

/**
 * A simple table: "=== ===" borders, rows of text in the columns the top border marks, a header
 * separator, and a bottom border. Returns the index after the table, or k when docutils would
 * reject it (no bottom border, or borders of different lengths).
 */
export function readSimpleTable(reader: BodyReader, lines: Block, k: number): number {
  const { doc, rows } = reader;
  const topText = textOf(doc, lines[k]);
  const topWidth = borderWidth(reader, lines[k]);
  let end = -1;
  let found = 0;
  for (let i = k + 1; i < lines.length; i++) {
    const line = lines[i];
    // Only unindented lines can be borders: an indented one belongs to a table nested in a cell.
    if (
      line.blank ||
      line.indent > 0 ||
      !/^=+[ \t=]*$/.test(doc.slice(line.start, Math.min(line.end, line.start + topText.length + 1)))
    )
      continue;
    if (borderWidth(reader, line) !== topWidth) return k;
    found++;
    if (found === 2 || i === lines.length - 1 || lines[i + 1].blank) {
      end = i;
      break;
    }
  }
  if (end < 0) return k;
  const base = rows.columnAt(lines[k].row, lines[k].start);
  const border = rows.expanded(lines[k].row, base);
  const columns = columnStarts(border);
  const firstColumnEnd = base + border.indexOf(' ');
  const cells: Cell[] = [];
  let row: Block[] | null = null;
  const flush = () => {
    if (row) row.forEach((cellLines, j) => cells.push({ lines: cellLines, left: columns[j], top: row![0][0].row }));
    row = null;
  };
  // A row starts at a line with text in the first column and takes the lines below it that have
  // none (blank lines included); a border or a column span underline ends it.
  for (let i = k + 1; i < end; i++) {
    const line = lines[i];
    if (!line.blank && line.indent === 0 && /^[-=][-= \t]*$/.test(textOf(doc, line))) {
      flush();
      continue;
    }
    const startsRow = !line.blank && !rows.slice(line.row, base, firstColumnEnd).blank;
    if (startsRow) {
      flush();
      row = columns.map(() => []);
    }
    if (!row) continue;
    const current: Block[] = row;
    columns.forEach((from, j) => {
      const to = j + 1 < columns.length ? base + columns[j + 1] : Infinity;
      current[j].push(line.blank ? line : rows.slice(line.row, base + from, to));
    });
  }
  flush();
  readCells(reader, cells);
  return end + 1;
}

/** Width of a border line in columns, tabs expanded (docutils compares borders by it). */
function borderWidth(reader: BodyReader, line: BLine): number {
  return reader.rows.columnAt(line.row, line.end) - reader.rows.columnAt(line.row, line.start);
}

/** Columns where the runs of "=" in a border start. */
function columnStarts(border: string): number[] {
  const starts: number[] = [];
  for (let c = 0; c < border.length; c++) if (border[c] === '=' && (c === 0 || border[c - 1] !== '=')) starts.push(c);
  return starts;
}

/**
 * Reads a table's cells and adds their sentences in document order, never overlapping. A row of
 * short cells and a plain last cell is a record ("vendorid   should be 0x104c") and reads as one
 * block, its cells joined by spaces; other cells are read as body elements of their own.
 */
function readCells(reader: BodyReader, cells: Cell[]): void {
  const { emit } = reader;
  const outer = emit.sink;
  const collected: Sentence[] = [];
  emit.sink = collected;
  const lefts = contentLefts(cells);
  for (const row of tableRows(cells)) {
    const record = recordRanges(reader, row);
    if (record) {
      emit.block(record.ranges);
      if (record.rest.some((line) => !line.blank))
        readCell(reader, { ...row[row.length - 1], lines: record.rest }, lefts, collected);
    } else if (interleaved(reader, row, lefts)) for (const line of lineRecords(row)) emit.block(line);
    else for (const cell of row) readCell(reader, cell, lefts, collected);
  }
  emit.sink = outer;
  collected.sort((a, b) => a.start - b.start);
  let lastEnd = outer.length > 0 ? outer[outer.length - 1].end : 0;
  for (const sentence of collected) {
    if (sentence.start < lastEnd) continue;
    outer.push(sentence);
    lastEnd = sentence.end;
  }
}

/** Cells grouped by the row they start in, each row left to right. */
function tableRows(cells: Cell[]): Cell[][] {
  const byTop = new Map<number, Cell[]>();
  for (const cell of cells) {
    const row = byTop.get(cell.top);
    if (row) row.push(cell);
    else byTop.set(cell.top, [cell]);
  }
  return [...byTop.values()].map((row) => row.sort((a, b) => a.left - b.left));
}

/** Which cells have text on each source row, by left edge: a sentence spanning rows must not cover them. */
function contentLefts(cells: Cell[]): Map<number, number[]> {
  const lefts = new Map<number, number[]>();
  for (const cell of cells) {
    for (const line of cell.lines) {
      if (line.blank) continue;
      const list = lefts.get(line.row);
      if (list) list.push(cell.left);
      else lefts.set(line.row, [cell.left]);
    }
  }
  return lefts;
}

/**
 * The line ranges of a row that reads as a record, in source order, or null. The cells before the
 * last are each at most one line of plain text, all on the row's first line; the last cell starts
 * with a plain paragraph of any length ("ffff0000   ffff0fff   CPU vector page. The CPU vectors are
 * mapped here ..."), so the record reads left to right and top to bottom like the source. What
 * follows that paragraph in the last cell (more paragraphs, a list) is `rest`, read as the cell's
 * own body.
 */
function recordRanges(reader: BodyReader, row: Cell[]): { ranges: Range[]; rest: Block } | null {
  let firstRow = Infinity;
  for (const cell of row) for (const line of cell.lines) if (!line.blank && line.row < firstRow) firstRow = line.row;
  const ranges: Range[] = [];
  for (const cell of row.slice(0, -1)) {
    const content = cell.lines.filter((line) => !line.blank);
    if (content.length > 1) return null;
    if (content.length === 0) continue;
    if (content[0].row !== firstRow || !isRecordText(reader, content[0])) return null;
    ranges.push([content[0].start, content[0].end]);
  }
  const last = firstParagraph(reader, row[row.length - 1]);
  if (!last) return null;
  for (const line of last.lines) ranges.push([line.start, line.end]);
  return ranges.length >= 2 ? { ranges, rest: last.rest } : null;
}

/**
 * True when the row's cells are columns of single values over several lines beside each other
 * ("bit7" over "cp1" over "cp3" in each column; a one-line cell such as a row label may hold
 * more): no cell's text is one slice of the source, so the row reads line by line, each line's values joined as in a record, instead of value by value.
 * Cells holding phrases keep their own reading: joining them across columns would make sentences
 * of words from different cells.
 */
function interleaved(reader: BodyReader, row: Cell[], lefts: Map<number, number[]>): boolean {
  let shared = false;
  for (const cell of row) {
    const content = cell.lines.filter((line) => !line.blank);
    const value = (line: BLine) => content.length === 1 || !/\s/.test(textOf(reader.doc, line).trim());
    if (!content.every((line) => isRecordText(reader, line) && value(line))) return false;
    if (content.length > 1 && content.slice(1).some((line) => (lefts.get(line.row)?.length ?? 0) > 1)) shared = true;
  }
  return shared;
}

/** The row's text line by line: per source line, the ranges of its cells' text, left to right. */
function lineRecords(row: Cell[]): Range[][] {
  const byRow = new Map<number, Range[]>();
  for (const cell of row) {
    for (const line of cell.lines) {
      if (line.blank) continue;
      const ranges = byRow.get(line.row);
      if (ranges) ranges.push([line.start, line.end]);
      else byRow.set(line.row, [[line.start, line.end]]);
    }
  }
  return [...byRow.keys()].sort((a, b) => a - b).map((r) => byRow.get(r)!.sort((a, b) => a[0] - b[0]));
}

/**
 * A cell's first paragraph, if it is plain (no indentation, no markup) and starts the cell, and
 * the cell's lines after it.
 */
function firstParagraph(reader: BodyReader, cell: Cell): { lines: Block; rest: Block } | null {
  const lines = dedent(cell.lines, 0, cell.lines.length);
  let from = 0;
  while (from < lines.length && lines[from].blank) from++;
  let to = from;
  while (to < lines.length && !lines[to].blank) {
    if (lines[to].indent > 0 || !isRecordText(reader, lines[to])) return null;
    to++;
  }
  const rest = lines.slice(to);
  // A paragraph followed by an indented block is a definition or a quote's start: not a record.
  const next = rest.find((line) => !line.blank);
  if (next && next.indent > 0) return null;
  return { lines: lines.slice(from, to), rest };
}

/**
 * Text a record's cell may hold: plain text, or punctuation alone ("...", "-", "--"), which tables use
 * for "and so on" or "none" and which would otherwise look like an adornment or a bullet.
 */
function isRecordText(reader: BodyReader, line: BLine): boolean {
  return reader.isPlainText(line) || /^[\p{P}\p{S}]{1,3}$/u.test(textOf(reader.doc, line));
}

/** One cell as body elements; a sentence that would cover a neighbour's text is read line by line. */
function readCell(reader: BodyReader, cell: Cell, lefts: Map<number, number[]>, collected: Sentence[]): void {
  const { emit } = reader;
  const sentences: Sentence[] = [];
  emit.sink = sentences;
  reader.body(dedent(cell.lines, 0, cell.lines.length));
  emit.sink = collected;
  for (const sentence of sentences) {
    if (coversOtherCells(reader, sentence, cell, lefts)) readLineByLine(reader, cell, sentence, collected);
    else collected.push(sentence);
  }
}

function coversOtherCells(reader: BodyReader, sentence: Sentence, cell: Cell, lefts: Map<number, number[]>): boolean {
  const first = reader.rows.rowOf(sentence.start);
  const last = reader.rows.rowOf(sentence.end - 1);
  for (let r = first; r <= last; r++) {
    for (const left of lefts.get(r) ?? []) {
      if (left === cell.left) continue;
      if ((r > first && r < last) || (r === first && left > cell.left) || (r === last && left < cell.left)) return true;
    }
  }
  return false;
}

/** The cell's lines that a sentence spans, each as a block of its own. */
function readLineByLine(reader: BodyReader, cell: Cell, sentence: Sentence, out: Sentence[]): void {
  const { emit } = reader;
  const saved = emit.sink;
  emit.sink = out;
  for (const line of cell.lines) {
    if (line.blank || line.end <= sentence.start || line.start >= sentence.end) continue;
    emit.block([[Math.max(line.start, sentence.start), Math.min(line.end, sentence.end)]]);
  }
  emit.sink = saved;
}
