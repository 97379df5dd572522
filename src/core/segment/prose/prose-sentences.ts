// Runs the sentence splitter over a prose view and maps the sentences back to the document:
// source offsets, the exact source text, and the reader's "clean" text.

import { hasWordChar, isWhitespace } from '../splitter/chars';
import { splitSentenceSpans, type Span } from '../splitter/split-sentences';
import type { Sentence } from '../types';
import type { Piece, ProseText } from './prose-text';

const CLEAN_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '…']);

export function proseSentences(doc: string, prose: ProseText): Sentence[] {
  if (prose.text.length === 0) return [];
  const atomic: Span[] = [];
  for (const p of prose.pieces) {
    if (!p.verbatim && p.kind !== 'space' && p.viewEnd - p.viewStart > 1)
      atomic.push({ start: p.viewStart, end: p.viewEnd });
  }
  const spans = splitSentenceSpans(prose.text, { atomic, breaks: prose.breaks });
  const wrap = wrapperIndex(prose);
  const out: Sentence[] = [];
  let lastEnd = 0;
  for (const span of spans) {
    if (!hasProse(prose, span)) continue;
    let start = sourceStart(prose.pieces, span.start);
    let end = sourceEnd(prose.pieces, span.end - 1);
    // Take in markup that wraps the sentence's first or last words: "**Note.**", "[the docs](url)".
    for (let guard = 0; guard < 64 && wrap.byContentStart.has(start); guard++) start = wrap.byContentStart.get(start)!;
    for (let guard = 0; guard < 64 && wrap.byContentEnd.has(end); guard++) end = wrap.byContentEnd.get(end)!;
    start = Math.max(start, lastEnd);
    end = Math.min(Math.max(end, start), doc.length);
    while (start < end && isWhitespace(doc.charCodeAt(start))) start++;
    while (end > start && isWhitespace(doc.charCodeAt(end - 1))) end--;
    if (start >= end) continue;
    out.push({ start, end, text: doc.slice(start, end), clean: cleanText(prose, span) });
    lastEnd = end;
  }
  return out;
}

/** A sentence needs a letter or digit that is prose: inline code or a URL alone is not a sentence. */
function hasProse(prose: ProseText, span: Span): boolean {
  let i = pieceAt(prose.pieces, span.start);
  for (; i < prose.pieces.length && prose.pieces[i].viewStart < span.end; i++) {
    const p = prose.pieces[i];
    if (p.kind !== 'text' && p.kind !== 'symbol') continue;
    if (hasWordChar(prose.text, Math.max(p.viewStart, span.start), Math.min(p.viewEnd, span.end))) return true;
  }
  return false;
}

/** Index of the piece containing view position v (or the last piece starting at or before it). */
function pieceAt(pieces: Piece[], v: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pieces[mid].viewStart <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function sourceStart(pieces: Piece[], v: number): number {
  const p = pieces[pieceAt(pieces, v)];
  return p.verbatim ? p.srcStart + Math.min(v - p.viewStart, p.srcEnd - p.srcStart) : p.srcStart;
}

/** Source offset just past the view character at v. */
function sourceEnd(pieces: Piece[], v: number): number {
  const p = pieces[pieceAt(pieces, v)];
  return p.verbatim ? p.srcStart + Math.min(v - p.viewStart + 1, p.srcEnd - p.srcStart) : p.srcEnd;
}

const NO_WRAPPERS = { byContentStart: new Map<number, number>(), byContentEnd: new Map<number, number>() };

function wrapperIndex(prose: ProseText): {
  byContentStart: ReadonlyMap<number, number>;
  byContentEnd: ReadonlyMap<number, number>;
} {
  if (prose.wrappers.length === 0) return NO_WRAPPERS;
  const byContentStart = new Map<number, number>();
  const byContentEnd = new Map<number, number>();
  for (const w of prose.wrappers) {
    if (w.start < w.contentStart)
      byContentStart.set(w.contentStart, Math.min(w.start, byContentStart.get(w.contentStart) ?? w.start));
    if (w.end > w.contentEnd) byContentEnd.set(w.contentEnd, Math.max(w.end, byContentEnd.get(w.contentEnd) ?? w.end));
  }
  return { byContentStart, byContentEnd };
}

/**
 * The view text of the sentence with whitespace runs collapsed to one space. A space that only
 * exists because markup was removed before punctuation ("shown in \cite{x}.") is dropped.
 */
function cleanText(prose: ProseText, span: Span): string {
  const { text, gaps } = prose;
  let gi = lowerBound(gaps, span.start);
  let out = '';
  // Text is copied in runs: a lone space that stays a space does not end a run.
  let runStart = -1;
  let i = span.start;
  while (i < span.end) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) {
      if (runStart < 0) runStart = i;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < span.end && isSpace(text.charCodeAt(j))) j++;
    while (gi < gaps.length && gaps[gi] < i) gi++;
    const gapInside = gi < gaps.length && gaps[gi] <= j;
    const dropped = gapInside && j < span.end && CLEAN_PUNCTUATION.has(text[j]);
    const space = (out.length > 0 || runStart >= 0) && j < span.end && !dropped;
    if (space && c === 0x20 && j === i + 1 && runStart >= 0) {
      i = j;
      continue;
    }
    if (runStart >= 0) out += text.slice(runStart, i);
    runStart = -1;
    if (space) out += ' ';
    i = j;
  }
  if (runStart >= 0) out += text.slice(runStart, span.end);
  return out;
}

/** isWhitespace, answering printable ASCII and the space without a call (this runs per character). */
function isSpace(c: number): boolean {
  if (c === 0x20) return true;
  return (c < 0x20 || c >= 0x7f) && isWhitespace(c);
}

function lowerBound(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
