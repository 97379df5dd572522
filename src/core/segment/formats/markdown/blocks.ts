// A CommonMark/GFM block scanner: finds the blocks of a Markdown range that hold prose
// (paragraphs, headings, table cells) and hands each over as the source ranges of its lines.
// Containers (block quotes, list items, footnote definitions) are tracked with CommonMark's
// rules, including lazy continuation lines; code, HTML, math and front matter blocks, thematic
// breaks and link reference definitions are recognised so that they are skipped.
//
// It replaces micromark's tokenizer for our purposes at a fraction of its cost: one pass over
// the lines, character codes rather than tokens, no syntax tree for what we do not read.

import { isBlankCode, isSpaceOrTab } from './chars';
import { stripDefinitions } from './definitions';

/** A prose block: pairs of [start, end) source offsets, one pair per line of its inline content. */
export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'tableCell';
  lines: number[];
}

type Container = { kind: 'quote' } | { kind: 'item'; indent: number } | { kind: 'footnote' };

/** A block whose lines are skipped until its end condition holds. */
interface Verbatim {
  /** Fenced code or math: the fence character and length; 0 for other kinds. */
  fenceChar: number;
  fenceLength: number;
  /** HTML blocks of kinds 1-5 end at a line holding this; kinds 6-7 end at a blank line. */
  htmlEnd: RegExp | null;
  endsAtBlank: boolean;
  /** Indented code continues while lines are indented by 4 or blank. */
  indented: boolean;
  /** Front matter: the exact closing line. */
  frontMatter: string | null;
}

const HTML_BLOCK_ENDS: Array<[RegExp, RegExp]> = [
  [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
];
const HTML_BLOCK_TAGS = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt ' +
    'fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link ' +
    'main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead ' +
    'title tr track ul'
  ).split(' '),
);
const HTML_KIND_6 = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|\/>|$)/;
const HTML_KIND_7 =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
const TABLE_DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;

/**
 * Calls emit for every prose block of doc[start, end), in document order. `frontMatter` allows
 * YAML/TOML front matter on the first line (only at the start of the document).
 */
export function scanBlocks(
  doc: string,
  start: number,
  end: number,
  emit: (block: ProseBlock) => void,
  frontMatter = start === 0,
): void {
  const containers: Container[] = [];
  /** Lines of the open paragraph: start/end pairs; its first line's offset marks it open. */
  let para: number[] = [];
  let verbatim: Verbatim | null = null;
  /** Open table: its column count, or 0 when none. */
  let tableColumns = 0;
  let first = true;

  const flushParagraph = () => {
    if (para.length === 0) return;
    const lines = stripDefinitions(doc, para);
    para = [];
    if (lines.length > 0) emit({ kind: 'paragraph', lines });
  };
  const closeLeaf = () => {
    flushParagraph();
    verbatim = null;
    tableColumns = 0;
  };

  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = doc.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const next = lineEnd + 1;
    // The line's content ends before a "\r" of CRLF.
    const contentEnd = lineEnd > lineStart && doc.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;

    if (first) {
      first = false;
      if (frontMatter) {
        const line = doc.slice(lineStart, contentEnd).trimEnd();
        if (line === '---' || line === '+++') {
          verbatim = {
            fenceChar: 0,
            fenceLength: 0,
            htmlEnd: null,
            endsAtBlank: false,
            indented: false,
            frontMatter: line,
          };
          lineStart = next;
          continue;
        }
      }
    }
    if (verbatim?.frontMatter) {
      if (doc.slice(lineStart, contentEnd).trimEnd() === verbatim.frontMatter) verbatim = null;
      lineStart = next;
      continue;
    }

    // 1. Continue the open containers.
    let pos = lineStart;
    let col = 0;
    let matched = 0;
    for (; matched < containers.length; matched++) {
      const c = containers[matched];
      const ws = whitespace(doc, pos, contentEnd, col);
      const blank = ws.pos >= contentEnd;
      if (c.kind === 'quote') {
        if (ws.columns - col <= 3 && doc.charCodeAt(ws.pos) === 0x3e /* > */) {
          ({ pos, col } = afterQuoteMarker(doc, ws.pos, contentEnd, ws.columns));
          continue;
        }
        break;
      }
      const needed = c.kind === 'item' ? c.indent : 4;
      if (blank) {
        pos = ws.pos;
        col = ws.columns;
        continue;
      }
      if (ws.columns - col >= needed) {
        ({ pos, col } = consumeColumns(doc, pos, col, col + needed));
        continue;
      }
      break;
    }

    const rest = whitespace(doc, pos, contentEnd, col);
    const blank = rest.pos >= contentEnd;

    if (matched < containers.length) {
      // A lazy continuation line: it continues an open paragraph when it starts no other block.
      if (para.length > 0 && !blank && !startsBlock(doc, rest.pos, contentEnd, rest.columns - col, false)) {
        para.push(rest.pos, contentEnd);
        lineStart = next;
        continue;
      }
      closeLeaf();
      containers.length = matched;
    }

    // 2. Lines inside fenced code, math, HTML and indented code.
    if (verbatim) {
      const v: Verbatim = verbatim;
      if (v.fenceChar) {
        if (closesFence(doc, rest.pos, contentEnd, rest.columns - col, v)) verbatim = null;
        lineStart = next;
        continue;
      }
      if (v.htmlEnd) {
        if (v.htmlEnd.test(doc.slice(pos, contentEnd))) verbatim = null;
        lineStart = next;
        continue;
      }
      if (v.endsAtBlank) {
        if (blank) verbatim = null;
        lineStart = next;
        continue;
      }
      if (v.indented) {
        if (blank || rest.columns - col >= 4) {
          lineStart = next;
          continue;
        }
        verbatim = null;
      }
    }

    // 3. Open new containers.
    let opened = false;
    for (;;) {
      const ws = whitespace(doc, pos, contentEnd, col);
      if (ws.columns - col > 3 || ws.pos >= contentEnd) break;
      const c = doc.charCodeAt(ws.pos);
      if (c === 0x3e /* > */) {
        closeLeaf();
        containers.push({ kind: 'quote' });
        ({ pos, col } = afterQuoteMarker(doc, ws.pos, contentEnd, ws.columns));
        opened = true;
        continue;
      }
      const item = listMarker(doc, ws.pos, contentEnd, ws.columns);
      if (item && !isThematicBreak(doc, ws.pos, contentEnd)) {
        // An empty item, or an ordered one not starting at 1, cannot interrupt a paragraph.
        if (para.length > 0 && !opened && (item.empty || (item.ordered && item.number !== 1))) break;
        closeLeaf();
        containers.push({ kind: 'item', indent: item.contentColumn - col });
        pos = item.contentPos;
        col = item.contentColumn;
        opened = true;
        // GFM task list item: "[ ]" or "[x]" before the item's text.
        const task = taskCheckbox(doc, pos, contentEnd);
        if (task > 0) {
          col += task - pos;
          pos = task;
        }
        continue;
      }
      if (c === 0x5b /* [ */ && doc.charCodeAt(ws.pos + 1) === 0x5e /* ^ */) {
        const after = footnoteLabelEnd(doc, ws.pos, contentEnd);
        if (after > 0) {
          closeLeaf();
          containers.push({ kind: 'footnote' });
          const text = whitespace(doc, after, contentEnd, ws.columns + (after - ws.pos));
          pos = text.pos;
          col = text.columns;
          opened = true;
          continue;
        }
      }
      break;
    }
    if (opened) flushParagraph();

    // 4. The leaf block this line belongs to.
    const ws = whitespace(doc, pos, contentEnd, col);
    const indent = ws.columns - col;
    const at = ws.pos;
    if (at >= contentEnd) {
      closeLeaf();
      lineStart = next;
      continue;
    }
    if (indent >= 4) {
      if (para.length > 0) para.push(at, contentEnd);
      else if (tableColumns > 0) emitRow(doc, at, contentEnd, tableColumns, emit);
      else
        verbatim = {
          fenceChar: 0,
          fenceLength: 0,
          htmlEnd: null,
          endsAtBlank: false,
          indented: true,
          frontMatter: null,
        };
      lineStart = next;
      continue;
    }
    const c = doc.charCodeAt(at);
    // Setext heading underline, or a table's delimiter row under its header line.
    if (para.length > 0 && (c === 0x3d || c === 0x2d) && isSetextUnderline(doc, at, contentEnd)) {
      const lines = stripDefinitions(doc, para);
      para = [];
      if (lines.length > 0) {
        emit({ kind: 'heading', lines: trimLines(doc, lines) });
        lineStart = next;
        continue;
      }
    }
    if (para.length > 0 && (c === 0x7c || c === 0x3a || c === 0x2d)) {
      const columns = delimiterRowColumns(doc, at, contentEnd);
      const hs = para[para.length - 2];
      const he = para[para.length - 1];
      if (columns > 0 && columns * 2 === rowCells(doc, hs, he).length) {
        para.length -= 2;
        flushParagraph();
        emitRow(doc, hs, he, columns, emit);
        tableColumns = columns;
        lineStart = next;
        continue;
      }
    }
    const block = startsBlock(doc, at, contentEnd, indent, para.length > 0);
    if (block) {
      closeLeaf();
      if (block === 'heading') emitAtxHeading(doc, at, contentEnd, emit);
      else if (block === 'fence') verbatim = openFence(doc, at, contentEnd);
      else if (block === 'html') verbatim = openHtml(doc, at, contentEnd);
      lineStart = next;
      continue;
    }
    if (tableColumns > 0) {
      emitRow(doc, at, contentEnd, tableColumns, emit);
      lineStart = next;
      continue;
    }
    if (para.length === 0 && !opened && c === 0x3c /* < */ && HTML_KIND_7.test(doc.slice(at, contentEnd))) {
      verbatim = { fenceChar: 0, fenceLength: 0, htmlEnd: null, endsAtBlank: true, indented: false, frontMatter: null };
      lineStart = next;
      continue;
    }
    para.push(at, contentEnd);
    lineStart = next;
  }
  closeLeaf();
}

type BlockStart = 'heading' | 'fence' | 'html' | 'break' | 'container' | null;

/**
 * Whether the line at `at` (after `indent` columns) starts a block other than a paragraph line.
 * `interrupting`: a paragraph is open, so only blocks that may interrupt one count.
 */
function startsBlock(doc: string, at: number, end: number, indent: number, interrupting: boolean): BlockStart {
  if (indent > 3) return null;
  const c = doc.charCodeAt(at);
  switch (c) {
    case 0x23 /* # */: {
      let p = at;
      while (p < end && doc.charCodeAt(p) === 0x23) p++;
      return p - at <= 6 && (p === end || isSpaceOrTab(doc.charCodeAt(p))) ? 'heading' : null;
    }
    case 0x60 /* ` */:
    case 0x7e /* ~ */:
    case 0x24 /* $ */:
      return openFence(doc, at, end) ? 'fence' : null;
    case 0x3c /* < */: {
      const line = doc.slice(at, end);
      for (const [open] of HTML_BLOCK_ENDS) if (open.test(line)) return 'html';
      const m = HTML_KIND_6.exec(line);
      return m && HTML_BLOCK_TAGS.has(m[1].toLowerCase()) ? 'html' : null;
    }
    case 0x3e /* > */:
      return 'container';
    case 0x2a /* * */:
    case 0x2d /* - */:
    case 0x5f /* _ */:
    case 0x2b /* + */:
      if (c !== 0x2b && isThematicBreak(doc, at, end)) return 'break';
      if (c === 0x5f) return null;
      break;
    default:
      if (c < 0x30 || c > 0x39) return null;
  }
  const item = listMarker(doc, at, end, 0);
  if (!item) return null;
  if (interrupting && (item.empty || (item.ordered && item.number !== 1))) return null;
  return 'container';
}

interface ListMarker {
  ordered: boolean;
  number: number;
  empty: boolean;
  contentPos: number;
  contentColumn: number;
}

/** A list item marker at `at` (column `column`): "-", "+", "*" or "1." / "1)" then a space or the line end. */
function listMarker(doc: string, at: number, end: number, column: number): ListMarker | null {
  const c = doc.charCodeAt(at);
  let p = at;
  let ordered = false;
  let number = 0;
  if (c === 0x2d || c === 0x2b || c === 0x2a) p++;
  else {
    while (p < end && p - at < 10) {
      const d = doc.charCodeAt(p);
      if (d < 0x30 || d > 0x39) break;
      number = number * 10 + (d - 0x30);
      p++;
    }
    if (p === at || p - at > 9) return null;
    const d = doc.charCodeAt(p);
    if (d !== 0x2e && d !== 0x29) return null;
    ordered = true;
    p++;
  }
  const markerColumn = column + (p - at);
  if (p >= end) return { ordered, number, empty: true, contentPos: end, contentColumn: markerColumn + 1 };
  if (!isSpaceOrTab(doc.charCodeAt(p))) return null;
  const ws = whitespace(doc, p, end, markerColumn);
  if (ws.pos >= end) return { ordered, number, empty: true, contentPos: end, contentColumn: markerColumn + 1 };
  const spaces = ws.columns - markerColumn;
  // Five or more spaces: the content is indented code starting one space after the marker.
  if (spaces > 4) return { ordered, number, empty: false, contentPos: p + 1, contentColumn: markerColumn + 1 };
  return { ordered, number, empty: false, contentPos: ws.pos, contentColumn: ws.columns };
}

/** End of "[ ]" / "[x]" plus the whitespace after it, or 0. */
function taskCheckbox(doc: string, at: number, end: number): number {
  if (doc.charCodeAt(at) !== 0x5b || doc.charCodeAt(at + 2) !== 0x5d) return 0;
  const mark = doc.charCodeAt(at + 1);
  if (mark !== 0x20 && mark !== 0x78 && mark !== 0x58 && mark !== 0x09) return 0;
  let p = at + 3;
  if (p >= end || !isSpaceOrTab(doc.charCodeAt(p))) return 0;
  while (p < end && isSpaceOrTab(doc.charCodeAt(p))) p++;
  return p < end ? p : 0;
}

/** For "[^label]:" at `at`: the offset after the colon, or 0. */
function footnoteLabelEnd(doc: string, at: number, end: number): number {
  let p = at + 2;
  while (p < end && p - at < 1000) {
    const c = doc.charCodeAt(p);
    if (c === 0x5d) break;
    if (c === 0x5b || isBlankCode(c)) return 0;
    if (c === 0x5c) p++;
    p++;
  }
  if (p === at + 2 || doc.charCodeAt(p) !== 0x5d || doc.charCodeAt(p + 1) !== 0x3a) return 0;
  return p + 2;
}

function isThematicBreak(doc: string, at: number, end: number): boolean {
  const c = doc.charCodeAt(at);
  if (c !== 0x2a && c !== 0x2d && c !== 0x5f) return false;
  let count = 0;
  for (let p = at; p < end; p++) {
    const d = doc.charCodeAt(p);
    if (d === c) count++;
    else if (!isSpaceOrTab(d)) return false;
  }
  return count >= 3;
}

function isSetextUnderline(doc: string, at: number, end: number): boolean {
  const c = doc.charCodeAt(at);
  let p = at;
  while (p < end && doc.charCodeAt(p) === c) p++;
  while (p < end && isSpaceOrTab(doc.charCodeAt(p))) p++;
  return p >= end;
}

function openFence(doc: string, at: number, end: number): Verbatim | null {
  const c = doc.charCodeAt(at);
  let p = at;
  while (p < end && doc.charCodeAt(p) === c) p++;
  const length = p - at;
  if (length < (c === 0x24 ? 2 : 3)) return null;
  // The info string of a backtick fence cannot hold a backtick, nor a math fence's a dollar.
  if (c !== 0x7e && doc.indexOf(String.fromCharCode(c), p) >= 0 && doc.indexOf(String.fromCharCode(c), p) < end)
    return null;
  return { fenceChar: c, fenceLength: length, htmlEnd: null, endsAtBlank: false, indented: false, frontMatter: null };
}

function closesFence(doc: string, at: number, end: number, indent: number, fence: Verbatim): boolean {
  if (indent > 3 || at >= end) return false;
  let p = at;
  while (p < end && doc.charCodeAt(p) === fence.fenceChar) p++;
  if (p - at < fence.fenceLength) return false;
  while (p < end && isSpaceOrTab(doc.charCodeAt(p))) p++;
  return p >= end;
}

/** The HTML block opened by the line at `at`, or null when it also ends on that line. */
function openHtml(doc: string, at: number, end: number): Verbatim | null {
  const line = doc.slice(at, end);
  for (const [open, close] of HTML_BLOCK_ENDS) {
    const m = open.exec(line);
    if (!m) continue;
    if (close.test(line.slice(m[0].length))) return null;
    return { fenceChar: 0, fenceLength: 0, htmlEnd: close, endsAtBlank: false, indented: false, frontMatter: null };
  }
  return { fenceChar: 0, fenceLength: 0, htmlEnd: null, endsAtBlank: true, indented: false, frontMatter: null };
}

function emitAtxHeading(doc: string, at: number, end: number, emit: (block: ProseBlock) => void): void {
  let s = at;
  while (s < end && doc.charCodeAt(s) === 0x23) s++;
  while (s < end && isSpaceOrTab(doc.charCodeAt(s))) s++;
  let e = end;
  while (e > s && isSpaceOrTab(doc.charCodeAt(e - 1))) e--;
  // A closing sequence of "#"s, preceded by a space (or making up the whole content).
  let h = e;
  while (h > s && doc.charCodeAt(h - 1) === 0x23) h--;
  if (h < e && (h === s || isSpaceOrTab(doc.charCodeAt(h - 1)))) {
    e = h;
    while (e > s && isSpaceOrTab(doc.charCodeAt(e - 1))) e--;
  }
  if (e > s) emit({ kind: 'heading', lines: [s, e] });
}

/** Number of cells of a GFM table delimiter row ("| --- | :-: |"), or 0 if it is not one. */
function delimiterRowColumns(doc: string, at: number, end: number): number {
  const cells = rowCells(doc, at, end, true);
  if (cells.length === 0) return 0;
  for (let k = 0; k < cells.length; k += 2) {
    if (!TABLE_DELIMITER_CELL.test(doc.slice(cells[k], cells[k + 1]))) return 0;
  }
  // A single cell needs a pipe, or it is a setext underline / list item.
  if (cells.length === 2 && !doc.slice(at, end).includes('|')) return 0;
  return cells.length / 2;
}

/**
 * The cells of a table row as start/end pairs, trimmed: split at "|" unless escaped (GFM splits
 * inside code spans too); a leading and a trailing pipe open and close the row.
 */
function rowCells(doc: string, at: number, end: number, keepEmpty = true): number[] {
  let e = end;
  while (e > at && isBlankCode(doc.charCodeAt(e - 1))) e--;
  let s = at;
  if (doc.charCodeAt(s) === 0x7c) s++;
  if (e > s && doc.charCodeAt(e - 1) === 0x7c && doc.charCodeAt(e - 2) !== 0x5c) e--;
  const out: number[] = [];
  let cellStart = s;
  const push = (a: number, b: number) => {
    while (a < b && isSpaceOrTab(doc.charCodeAt(a))) a++;
    while (b > a && isSpaceOrTab(doc.charCodeAt(b - 1))) b--;
    if (keepEmpty || b > a) out.push(a, b);
  };
  if (e <= s && doc.charCodeAt(at) === 0x7c) return e === s && end > at ? (push(s, s), out) : out;
  for (let i = s; i < e; i++) {
    const c = doc.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x7c) {
      push(cellStart, i);
      cellStart = i + 1;
    }
  }
  push(cellStart, e);
  return out;
}

function emitRow(doc: string, at: number, end: number, columns: number, emit: (block: ProseBlock) => void): void {
  const cells = rowCells(doc, at, end);
  for (let k = 0; k < cells.length && k < columns * 2; k += 2) {
    if (cells[k + 1] > cells[k]) emit({ kind: 'tableCell', lines: [cells[k], cells[k + 1]] });
  }
}

/** Heading lines lose the trailing whitespace of their last line. */
function trimLines(doc: string, lines: number[]): number[] {
  let e = lines[lines.length - 1];
  while (e > lines[lines.length - 2] && isSpaceOrTab(doc.charCodeAt(e - 1))) e--;
  lines[lines.length - 1] = e;
  return lines;
}

/** Skips spaces and tabs from pos; columns counts tabs to the next multiple of 4. */
function whitespace(doc: string, pos: number, end: number, column: number): { pos: number; columns: number } {
  let p = pos;
  let col = column;
  while (p < end) {
    const c = doc.charCodeAt(p);
    if (c === 0x20) col++;
    else if (c === 0x09) col += 4 - (col % 4);
    else break;
    p++;
  }
  return { pos: p, columns: col };
}

/** Consumes whitespace from pos up to column `target` (a tab that reaches past it is consumed whole). */
function consumeColumns(doc: string, pos: number, column: number, target: number): { pos: number; col: number } {
  let p = pos;
  let col = column;
  while (col < target) {
    const c = doc.charCodeAt(p);
    if (c === 0x20) col++;
    else if (c === 0x09) col += 4 - (col % 4);
    else break;
    p++;
  }
  return { pos: p, col: Math.max(col, target) };
}

/** After a ">" at `at`: one optional following space is part of the marker. */
function afterQuoteMarker(doc: string, at: number, end: number, column: number): { pos: number; col: number } {
  let pos = at + 1;
  let col = column + 1;
  if (pos < end) {
    const c = doc.charCodeAt(pos);
    if (c === 0x20) {
      pos++;
      col++;
    } else if (c === 0x09) {
      pos++;
      col += 4 - (col % 4);
    }
  }
  return { pos, col };
}
