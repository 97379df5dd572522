// Splits a Markdown document into top-level chunks that can be handled independently.
//
// Why: chunking at blank lines that CommonMark itself treats as block boundaries lets us skip
// parsing for chunks whose meaning is obvious (a fenced code block, or a paragraph with no
// Markdown syntax at all) and confine input of a pathological shape to the chunks that have it.
//
// A blank line ends a chunk only when the next line starts at column 0 (an indented line after a
// blank may continue a list item or an indented code block) and we are not inside a fenced code
// block, a $$ math block, front matter, or an HTML block that may contain blank lines.

import { isBlankCode } from './chars';

/**
 * plain: a paragraph without Markdown syntax; code: one fenced code block; markdown: for the
 * parser; lite: Markdown that would make a parser slow (deep nesting, long delimiter runs,
 * masses of unmatched delimiters), read by the lite reader instead.
 */
export type ChunkKind = 'plain' | 'code' | 'markdown' | 'lite';

export interface Chunk {
  start: number;
  end: number;
  kind: ChunkKind;
  /** Emphasis and bracket delimiters (* _ ~ [ ]) counted while classifying a 'markdown' or 'plain' chunk. */
  delimiters?: number;
}

export interface ChunkedMarkdown {
  chunks: Chunk[];
  /** Link reference and footnote definition lines, which apply to the whole document. */
  definitions: string[];
}

interface Region {
  /** Tests whether a line closes the region. */
  closes(line: string): boolean;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const DEFINITION = /^ {0,3}\[\^?[^\]\n]{1,999}\]:/;
const HTML_REGIONS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, />/],
];

export function chunkMarkdown(text: string): ChunkedMarkdown {
  const chunks: Chunk[] = [];
  const definitions: string[] = [];
  let region: Region | null = null;
  let chunkStart = -1;
  let lastContentEnd = 0;
  let sawBlank = false;

  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    // A CRLF line's text ends before its "\r": fences and other openers are tested without it.
    const textEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd;
    // Most lines are prose: look at their first characters before slicing anything.
    let first = lineStart;
    while (first < lineEnd && isBlankCode(text.charCodeAt(first))) first++;
    if (region) {
      if (region.closes(text.slice(lineStart, textEnd))) region = null;
      lastContentEnd = lineEnd;
    } else if (first === lineEnd) {
      sawBlank = true;
    } else {
      const indented = first > lineStart;
      if (chunkStart < 0) chunkStart = lineStart;
      else if (sawBlank && !indented) {
        chunks.push({ start: chunkStart, end: lastContentEnd, kind: 'markdown' });
        chunkStart = lineStart;
      }
      sawBlank = false;
      const c = text[first];
      if ('`~$<-+'.includes(c) && first - lineStart < 4)
        region = opensRegion(text.slice(lineStart, textEnd), lineStart === 0);
      if (!region && c === '[') {
        const line = text.slice(lineStart, textEnd);
        if (DEFINITION.test(line)) definitions.push(line);
      }
      lastContentEnd = lineEnd;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  if (chunkStart >= 0) chunks.push({ start: chunkStart, end: lastContentEnd, kind: 'markdown' });
  for (const chunk of chunks) chunk.kind = classify(text, chunk);
  return { chunks, definitions };
}

function opensRegion(line: string, atDocumentStart: boolean): Region | null {
  // Every region opener starts (after up to three spaces) with one of ` ~ $ < - +.
  let p = 0;
  while (p < 4 && (line[p] === ' ' || line[p] === '\t')) p++;
  if (!'`~$<-+'.includes(line[p] ?? ' ')) return null;
  const fence = FENCE.exec(line);
  if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    const char = fence[1][0];
    const length = fence[1].length;
    const close = new RegExp(`^[ \\t]*\\${char}{${length},}[ \\t]*$`);
    return { closes: (l) => close.test(l) };
  }
  const trimmed = line.trimStart();
  if (trimmed.startsWith('$$') && !trimmed.slice(2).includes('$$')) {
    return { closes: (l) => l.trimStart().startsWith('$$') };
  }
  if (atDocumentStart && (line.trimEnd() === '---' || line.trimEnd() === '+++')) {
    const fenceLine = line.trimEnd();
    return { closes: (l) => l.trimEnd() === fenceLine || (fenceLine === '---' && l.trimEnd() === '...') };
  }
  for (const [open, close] of HTML_REGIONS) {
    const m = open.exec(line);
    if (m && !close.test(line.slice(m[0].length))) return { closes: (l) => close.test(l) };
  }
  return null;
}

// Anything that could make a CommonMark parser read a paragraph differently from its plain text.
const MARKDOWN_SYNTAX = /[\\`*_[\]<>~$|]|&(?:#|[A-Za-z]+;)|https?:|www\.|@|^[ \t]*(?:[-+=#>]|\d{1,9}[.)](?:[ \t]|$))/m;

function classify(text: string, chunk: Chunk): ChunkKind {
  const body = text.slice(chunk.start, chunk.end);
  const firstLineEnd = body.indexOf('\n') < 0 ? body.length : body.indexOf('\n');
  const firstLine = body.slice(0, firstLineEnd).replace(/\r$/, '');
  const fence = FENCE.exec(firstLine);
  if (fence && /^ {0,3}[`~]/.test(firstLine) && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    // A chunk that is exactly one fenced code block (or an unterminated one) holds no prose.
    const close = new RegExp(`^[ \\t]*\\${fence[1][0]}{${fence[1].length},}[ \\t]*$`);
    const rest = body.slice(firstLineEnd + 1).split(/\r?\n/);
    const closing = rest.findIndex((l) => close.test(l));
    if (closing < 0 || closing === rest.length - 1) return 'code';
    return 'markdown';
  }
  const delimiters = delimiterCount(body);
  if (delimiters < 0) return 'lite';
  chunk.delimiters = delimiters;
  if (/^(?: {4}|\t)/.test(firstLine)) return 'markdown';
  if (hasBlankLine(body)) return 'markdown';
  return MARKDOWN_SYNTAX.test(body) ? 'markdown' : 'plain';
}

const CONTAINER_PREFIX = /^(?:[ \t]{0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?){13}/;
/** What delimiterCount looks at, by character code: most characters are none of these. */
const RUN = 1; // a run of 40 of one of * _ ` ~ [ ] < > ( ) { } is pathological
const EMPHASIS = 2; // * _ ~
const OPEN = 4; // [
const CLOSE = 8; // ]
const LINE_END = 16; // a line terminator, after which indentation is measured
const CHAR_CLASS = new Uint8Array(128);
for (const c of '*_`~[]<>(){}') CHAR_CLASS[c.charCodeAt(0)] |= RUN;
for (const c of '*_~') CHAR_CLASS[c.charCodeAt(0)] |= EMPHASIS;
CHAR_CLASS[0x5b] |= OPEN;
CHAR_CLASS[0x5d] |= CLOSE;
CHAR_CLASS[0x0a] |= LINE_END;
CHAR_CLASS[0x0d] |= LINE_END;
const LONG_RUN = 40;
const DEEP_INDENT = 80;

/**
 * The chunk's delimiter count, or -1 for input on which CommonMark parsing (emphasis and bracket
 * matching, container nesting) can grow quadratically:
 * a line nested more than 12 containers deep, indentation past 80 columns, a run of 40 equal
 * delimiters, or a mass of emphasis/bracket delimiters (real prose has a few per paragraph).
 * One table-driven pass over the characters: every chunk of a document goes through here.
 */
function delimiterCount(body: string): number {
  const n = body.length;
  let delimiters = 0;
  let open = 0;
  let unmatchedClose = 0;
  let lineStart = 0;
  /** The current run of one RUN character. */
  let runChar = -1;
  let run = 0;
  if (indentation(body, 0) >= DEEP_INDENT) return -1;
  for (let i = 0; i < n; i++) {
    const c = body.charCodeAt(i);
    const k = c < 128 ? CHAR_CLASS[c] : c === 0x2028 || c === 0x2029 ? LINE_END : 0;
    if (k === 0) {
      runChar = -1;
      continue;
    }
    if (k & RUN) {
      if (c !== runChar) {
        runChar = c;
        run = 1;
      } else if (++run >= LONG_RUN) return -1;
    } else runChar = -1;
    if (k & EMPHASIS) delimiters++;
    else if (k & OPEN) {
      delimiters++;
      open++;
    } else if (k & CLOSE) {
      delimiters++;
      if (open > 0) open--;
      else unmatchedClose++;
    } else if (k & LINE_END) {
      if (
        c === 0x0a &&
        mayOpenContainer(body, lineStart) &&
        CONTAINER_PREFIX.test(body.slice(lineStart, Math.min(i, lineStart + 200)))
      )
        return -1;
      if (c === 0x0a) lineStart = i + 1;
      // A line starts after any line terminator, as /^/m reads them.
      if (indentation(body, i + 1) >= DEEP_INDENT) return -1;
    }
  }
  if (mayOpenContainer(body, lineStart) && CONTAINER_PREFIX.test(body.slice(lineStart, lineStart + 200))) return -1;
  return unmatchedClose > 100 || open > 200 || (delimiters > 256 && delimiters > body.length * 0.12) ? -1 : delimiters;
}

/** Number of spaces and tabs from p, counting up to DEEP_INDENT. */
function indentation(body: string, p: number): number {
  let q = p;
  while (q < body.length && q - p < DEEP_INDENT && (body.charCodeAt(q) === 0x20 || body.charCodeAt(q) === 0x09)) q++;
  return q - p;
}

/** Whether the line at p starts (after up to three spaces or tabs) with ">", "-", "+", "*" or a digit: the quick test before CONTAINER_PREFIX. */
function mayOpenContainer(body: string, p: number): boolean {
  let q = p;
  while (q < p + 3 && (body.charCodeAt(q) === 0x20 || body.charCodeAt(q) === 0x09)) q++;
  const c = body.charCodeAt(q);
  return c === 0x3e || c === 0x2d || c === 0x2b || c === 0x2a || (c >= 0x30 && c <= 0x39);
}

/** /\n[ \t]*\n/: a line of only spaces and tabs between two line feeds. */
function hasBlankLine(body: string): boolean {
  for (let i = body.indexOf('\n'); i >= 0; i = body.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < body.length && (body.charCodeAt(j) === 0x20 || body.charCodeAt(j) === 0x09)) j++;
    if (body.charCodeAt(j) === 0x0a) return true;
  }
  return false;
}
