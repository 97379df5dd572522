// A line-based Markdown reader for input of a pathological shape (see pathological.ts and
// chunks.ts), on which the parser's delimiter matching could grow quadratically. It recognizes
// the same block structure as CommonMark/GFM in the common cases (fences, $$ math, HTML blocks, indented code, headings, lists, block quotes, tables,
// definitions) and reads inline syntax with lite-inline.ts. It is linear and never throws, at the
// price of edge cases a real parser would get right.

import { ProseBuilder, type ProseText } from '../../prose/prose-text';
import { liteFinders, liteInline, normalizeLabel, type LiteFinders } from './lite-inline';

type Range = [number, number];

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const TASK = /^\[[ xX]\][ \t]+/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const DEFINITION = /^ {0,3}\[[^\]^][^\]]*\]:/;
const FOOTNOTE = /^ {0,3}\[\^[^\]]+\]:[ \t]*/;
const HTML_START = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[ \t>]|\/>|$)|^ {0,3}<!--/;
const HTML_REGIONS: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<(script|pre|style|textarea)(\s|>|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

export function definitionLabels(definitionLines: string[]): Set<string> {
  const labels = new Set<string>();
  for (const line of definitionLines) {
    const m = /^ {0,3}\[([^\]]+)\]:/.exec(line);
    if (m) labels.add(normalizeLabel(m[1]));
  }
  return labels;
}

export function liteMarkdownProse(
  doc: string,
  start: number,
  end: number,
  emit: (prose: ProseText) => void,
  definitions: ReadonlySet<string> = new Set(),
  finders: LiteFinders = liteFinders(doc),
): void {
  let para: Range[] = [];
  let region: RegExp | null = null;
  let mode: 'normal' | 'html' | 'code' | 'table' = 'normal';
  let inList = false;
  let prevBlank = true;

  const block = (ranges: Range[]) => {
    const builder = new ProseBuilder();
    ranges.forEach(([s, e], k) => {
      if (k > 0) builder.space(ranges[k - 1][1], s);
      liteInline(doc, s, e, builder, definitions, finders);
    });
    emit(builder.build());
  };
  const flush = () => {
    if (para.length > 0) block(para);
    para = [];
  };
  const cells = (s: number, e: number) => {
    for (const cell of tableCells(doc, s, e)) block([cell]);
  };

  let lineStart = start;
  while (lineStart < end) {
    let lineEnd = doc.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > end) lineEnd = end;
    const next = lineEnd + 1;
    // Block quote markers are container syntax: strip them and read the rest as a line.
    let cs = lineStart;
    for (let guard = 0; guard < 100; guard++) {
      const q = /^ {0,3}> ?/.exec(doc.slice(cs, Math.min(lineEnd, cs + 6)));
      if (!q) break;
      cs += q[0].length;
    }
    let ce = lineEnd;
    while (ce > cs && /\s/.test(doc[ce - 1])) ce--;
    const line = doc.slice(cs, Math.min(ce, cs + 200));

    if (region) {
      if (region.test(doc.slice(cs, ce))) region = null;
    } else if (lineStart === 0 && /^(?:---|\+\+\+)[ \t]*$/.test(line)) {
      // Front matter (YAML/TOML) at the very start of the document.
      region = line.startsWith('-') ? /^(?:---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/;
    } else if (ce === cs) {
      flush();
      if (mode !== 'code') mode = 'normal';
      prevBlank = true;
    } else {
      const indent = /^[ \t]*/.exec(line)![0].length;
      if (mode === 'code' && indent >= 4) {
        lineStart = next;
        continue;
      }
      if (mode === 'code') mode = 'normal';
      if (prevBlank && indent === 0 && !LIST_ITEM.test(line)) inList = false;
      const wasBlank = prevBlank;
      prevBlank = false;
      if (mode === 'html') {
        // An HTML block runs to the next blank line.
      } else if (wasBlank && !inList && indent >= 4 && para.length === 0) {
        mode = 'code';
      } else if (FENCE.test(line) && !/^ {0,3}`{3,}(?!`).*`/.test(line)) {
        flush();
        const fence = FENCE.exec(line)![1];
        region = new RegExp(`^[ \\t]*\\${fence[0]}{${fence.length},}[ \\t]*$`);
      } else if (line.trimStart().startsWith('$$') && !line.trimStart().slice(2).includes('$$')) {
        flush();
        region = /^\s*\$\$/;
      } else if (para.length === 0 && HTML_START.test(line)) {
        const opened = HTML_REGIONS.find(([open]) => open.test(line));
        if (opened && !opened[1].test(doc.slice(cs, lineEnd).replace(opened[0], ''))) region = opened[1];
        else if (!opened) mode = 'html';
      } else if (ATX.test(line)) {
        flush();
        const marker = ATX.exec(line)![0].length;
        let hs = cs + marker;
        while (hs < ce && /[ \t]/.test(doc[hs])) hs++;
        let he = ce;
        const closing = /(?:^|[ \t])#+$/.exec(doc.slice(hs, he));
        if (closing) he = hs + closing.index;
        while (he > hs && /[ \t]/.test(doc[he - 1])) he--;
        if (he > hs) block([[hs, he]]);
      } else if (para.length > 0 && SETEXT.test(line)) {
        flush();
      } else if (THEMATIC.test(line)) {
        flush();
      } else if (para.length === 1 && TABLE_DELIMITER.test(line) && doc.slice(para[0][0], para[0][1]).includes('|')) {
        const header = para[0];
        para = [];
        cells(header[0], header[1]);
        mode = 'table';
      } else if (mode === 'table' && line.includes('|')) {
        cells(cs, ce);
      } else if (para.length === 0 && DEFINITION.test(line)) {
        // Link reference definitions are not prose.
      } else if (FOOTNOTE.test(line)) {
        flush();
        const label = FOOTNOTE.exec(line)![0].length;
        if (cs + label < ce) para.push([cs + label, ce]);
      } else if (LIST_ITEM.test(line)) {
        flush();
        inList = true;
        let is = cs + LIST_ITEM.exec(line)![0].length;
        const task = TASK.exec(doc.slice(is, is + 8));
        if (task) is += task[0].length;
        if (is < ce) para.push([is, ce]);
      } else {
        if (mode === 'table') mode = 'normal';
        para.push([cs + indent, ce]);
      }
    }
    lineStart = next;
  }
  flush();
}

/** Cells of a table row: split at "|" outside code spans and escapes, trimmed, empty ones dropped. */
function tableCells(doc: string, s: number, e: number): Range[] {
  const out: Range[] = [];
  let cellStart = s;
  let inCode = false;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(doc[a])) a++;
    while (b > a && /\s/.test(doc[b - 1])) b--;
    if (b > a) out.push([a, b]);
  };
  for (let i = s; i < e; i++) {
    const c = doc[i];
    if (c === '\\') i++;
    else if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) {
      push(cellStart, i);
      cellStart = i + 1;
    }
  }
  push(cellStart, e);
  return out;
}
