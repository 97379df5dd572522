// Decides which line breaks inside a plain-text paragraph are sentence boundaries.
// Hard-wrapped prose ("This is a sentence\ncut off in the middle because pdf.") is one sentence,
// so a line break is normally just a space. It separates sentences only when the next line
// starts a list item, when the lines are a list of short items with no sentence punctuation
// at all ("features\ncontact manager\nevents, activities"), or when the previous line is a short
// title-like line followed by a capitalized line (a heading directly above its paragraph).

import { isUpperAt, isDigitAt, isOpener } from '../splitter/chars';

export interface Line {
  /** Offset of the first non-blank character. */
  start: number;
  /** Offset just past the last non-blank character. */
  end: number;
}

const LIST_MARKER =
  /^(?:[-*+•‣◦⁃▪▫●○■□►▸➢✓✔–](?=\s)|\d{1,3}[.)](?=\s)|\d{1,3}\.\)(?=\s)|[a-z][.)](?=\s)|[A-Z]\)(?=\s)|[ivxlc]{1,5}[.)](?=\s)|\(\w{1,4}\)(?=\s))/;
const SENTENCE_PUNCTUATION = /[.!?。！？…]/;
const CONTINUES = /[,;:\-–—(/&+=]$/;
const FUNCTION_WORD =
  /\b(the|a|an|of|to|and|or|nor|but|in|on|at|for|with|by|from|as|is|are|was|were|be|been|that|which|who|than|into|onto|via|per|its|their|our|your|his|her|my)$/i;
const RULE_LINE = /^([-=_*~#+.^`'"<>:])\1{2,}\s*$|^(?:[-*_]\s*){3,}$/;

/** Length in characters below which every line of a punctuation-free block is its own item. */
const SHORT_ITEM = 40;

export function isListMarkerLine(text: string, line: Line): boolean {
  return LIST_MARKER.test(text.slice(line.start, Math.min(line.end, line.start + 12)) + ' ');
}

export function isRuleLine(text: string, line: Line): boolean {
  return RULE_LINE.test(text.slice(line.start, line.end));
}

/** Offsets (line starts) where a new sentence must begin within one paragraph. */
export function paragraphLineBreaks(text: string, lines: Line[]): number[] {
  if (lines.length < 2) return [];
  const breaks: number[] = [];
  const lengths = lines.map((l) => l.end - l.start);
  let longest = 0;
  for (const n of lengths) longest = Math.max(longest, n);
  let punctuated = false;
  for (const l of lines) {
    if (SENTENCE_PUNCTUATION.test(text.slice(l.start, l.end))) {
      punctuated = true;
      break;
    }
  }
  const itemList = !punctuated && lengths.every((n) => n <= SHORT_ITEM);
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1];
    const line = lines[k];
    if (
      itemList ||
      isListMarkerLine(text, line) ||
      isRuleLine(text, line) ||
      isRuleLine(text, prev) ||
      isTitleLine(text, prev, line, longest)
    ) {
      breaks.push(line.start);
    }
  }
  return breaks;
}

function isTitleLine(text: string, prev: Line, next: Line, longest: number): boolean {
  const length = prev.end - prev.start;
  if (length > 80 || length >= longest * 0.6) return false;
  const prevText = text.slice(prev.start, prev.end);
  if (
    SENTENCE_PUNCTUATION.test(prevText[prevText.length - 1]) ||
    CONTINUES.test(prevText) ||
    FUNCTION_WORD.test(prevText)
  )
    return false;
  let at = next.start;
  if (isOpener(text[at])) at++;
  return isUpperAt(text, at) || isDigitAt(text, at);
}

/** Groups lines into paragraphs: lines with no blank line between them. */
export function paragraphsOfLines(text: string, lines: Line[]): Line[][] {
  const out: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const prev = current[current.length - 1];
    if (prev && newlinesBetween(text, prev.end, line.start) > 1) {
      out.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 0x0a) count++;
  return count;
}

/** Splits a range of text into lines, keeping only non-blank ones, trimmed. */
export function splitLines(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  let lineStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === 0x0a) {
      let s = lineStart;
      let e = i;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      if (e > s) lines.push({ start: s, end: e });
      lineStart = i + 1;
    }
  }
  return lines;
}
