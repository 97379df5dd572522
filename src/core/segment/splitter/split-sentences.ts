// The sentence splitter for plain prose. It walks the text once, and at each run of sentence-final
// punctuation decides from the surrounding words whether a sentence ends there: abbreviations,
// initials, numbers, ellipses, quotations and brackets, inline list markers. The rules follow the
// English "Golden Rules" of pragmatic_segmenter / pySBD.
//
// Offsets are UTF-16 code units into the given text. Every span is trimmed of whitespace and holds
// at least one letter or digit; spans are ordered and do not overlap.

import {
  ABBREVIATIONS,
  NEVER_FINAL,
  ONLY_BEFORE_NUMBERS,
  SENTENCE_STARTERS,
  TITLES,
  USUALLY_FINAL,
} from './abbreviations';
import {
  hasWordChar,
  isBullet,
  isCloser,
  isDigitAt,
  isFullwidthTerminal,
  isLetterAt,
  isLowerAt,
  isOpener,
  isStrongTerminal,
  isTerminal,
  isUpperAt,
  isWhitespace,
} from './chars';
import { enclosureDepths } from './enclosures';
import { inlineListBreaks } from './inline-lists';

export interface Span {
  start: number;
  end: number;
}

export interface SplitOptions {
  /**
   * Ranges [start, end) that are opaque to the splitter, such as inline code: no sentence ends
   * inside them and punctuation inside them means nothing.
   */
  atomic?: ReadonlyArray<Span>;
  /** Positions where a new sentence must begin because the caller knows a block starts there. */
  breaks?: ReadonlyArray<number>;
}

/**
 * Splits prose into sentences. Blank lines always separate sentences, and each paragraph is
 * analysed on its own so that a stray quotation mark cannot reach into the next paragraph.
 */
export function splitSentenceSpans(text: string, options: SplitOptions = {}): Span[] {
  // One line of ASCII without ".", "!", "?" or ")" (a heading, a table cell, a short item) is one
  // sentence or none: nothing in it can end a sentence, open a paragraph or mark a list item.
  if (!options.breaks?.length && isPlainLine(text)) return wholeText(text);
  const out: Span[] = [];
  const atomic = sortedCopy(options.atomic ?? [], (a, b) => a.start - b.start);
  const breaks = sortedCopy(options.breaks ?? [], (a, b) => a - b);
  const paras = paragraphs(text);
  // The common case, one paragraph that is the whole text, needs no local copies.
  if (paras.length === 1 && paras[0].start === 0 && paras[0].end === text.length)
    return splitParagraph(text, atomic, breaks);
  let ai = 0;
  let bi = 0;
  for (const para of paras) {
    const local = text.slice(para.start, para.end);
    while (ai < atomic.length && atomic[ai].end <= para.start) ai++;
    const localAtomic: Span[] = [];
    for (let k = ai; k < atomic.length && atomic[k].start < para.end; k++) {
      localAtomic.push({ start: atomic[k].start - para.start, end: atomic[k].end - para.start });
    }
    while (bi < breaks.length && breaks[bi] < para.start) bi++;
    const localBreaks: number[] = [];
    for (let k = bi; k < breaks.length && breaks[k] < para.end; k++) localBreaks.push(breaks[k] - para.start);
    for (const span of splitParagraph(local, localAtomic, localBreaks)) {
      out.push({ start: span.start + para.start, end: span.end + para.start });
    }
  }
  return out;
}

function splitParagraph(text: string, atomic: Span[], breaks: number[]): Span[] {
  if (text.length === 0) return [];
  // Headings, table cells and short items often hold no sentence-final mark and nothing an
  // inline list marker needs ("." or ")", or a bullet): only the caller's breaks can cut them,
  // so the enclosure and list analyses are skipped.
  if (!mayEndOrList(text)) return new Splitter(text, undefined, null, NO_BREAKS).run(breaks);
  const blocked = blockedMask(text.length, atomic);
  const listBreaks = inlineListBreaks(text, blocked);
  const splitter = new Splitter(
    text,
    blocked,
    enclosureDepths(text, blocked),
    listBreaks.length > 0 ? new Set(listBreaks) : NO_BREAKS,
  );
  // Sorted breaks need no merge (a repeated position is a no-op in cut()).
  return splitter.run(listBreaks.length > 0 ? mergeBreaks(breaks, listBreaks) : breaks);
}

const NO_BREAKS: ReadonlySet<number> = new Set();

function isPlainLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x09) || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x29) return false;
  }
  return true;
}

/** The text as one trimmed span, or none when it holds no letter or digit. */
function wholeText(text: string): Span[] {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
  return start < end && hasWordChar(text, start, end) ? [{ start, end }] : [];
}

/** Whether the text holds ".", "!", "?", ")" or any non-ASCII character (which may be a terminal or a bullet). */
function mayEndOrList(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x29 || c > 0x7e) return true;
  }
  return false;
}

/** Paragraph ranges: text separated by blank lines (lines holding only spaces count as blank). */
function paragraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  let lineStart = 0;
  let lineBlank = true;
  let paraHasText = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    if (c === 0x0a || c === 0x2029 || c === 0x0c) {
      if (lineBlank && paraHasText) {
        out.push({ start, end: lineStart });
        paraHasText = false;
      }
      if (lineBlank && !paraHasText) start = i + 1;
      lineStart = i + 1;
      lineBlank = true;
    } else if (lineBlank && !isWhitespace(c)) {
      lineBlank = false;
      paraHasText = true;
    }
  }
  if (paraHasText) out.push({ start, end: text.length });
  return out;
}

/**
 * Marks the atomic ranges of a paragraph. One buffer serves every paragraph (splitting is
 * synchronous and not re-entrant): allocating a typed array per paragraph cost more than the
 * rest of the splitter on documents with inline code in most paragraphs. Only indices below
 * `length` are meaningful; readers never look past the paragraph.
 */
let maskBuffer = new Uint8Array(4096);
/** A sorted copy of the list; the list itself when it is sorted already (it is never modified). */
function sortedCopy<T>(list: ReadonlyArray<T>, compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1], list[i]) > 0) return [...list].sort(compare);
  return list as T[];
}

function blockedMask(length: number, atomic: ReadonlyArray<Span> | undefined): Uint8Array | undefined {
  if (!atomic || atomic.length === 0) return undefined;
  // A huge paragraph gets its own mask, so that the shared buffer stays small.
  if (length > MAX_SHARED_MASK) return fill(new Uint8Array(length), length, atomic);
  if (maskBuffer.length < length) maskBuffer = new Uint8Array(Math.max(length, maskBuffer.length * 2));
  maskBuffer.fill(0, 0, length);
  return fill(maskBuffer, length, atomic);
}
const MAX_SHARED_MASK = 1 << 20;

function fill(mask: Uint8Array, length: number, atomic: ReadonlyArray<Span>): Uint8Array {
  for (const { start, end } of atomic) mask.fill(1, Math.max(0, start), Math.min(length, end));
  return mask;
}

function mergeBreaks(...lists: ReadonlyArray<number>[]): number[] {
  const all: number[] = [];
  for (const list of lists) for (const p of list) all.push(p);
  all.sort((a, b) => a - b);
  return all.filter((p, i) => i === 0 || p !== all[i - 1]);
}

/** What follows a run of sentence-final punctuation, once closing quotes/brackets are skipped. */
interface Follower {
  /** Index of the first character of the next word (after whitespace), or text.length. */
  next: number;
  /** Index of the first letter/digit of the next word, past opening quotes and brackets. */
  letter: number;
}

class Splitter {
  private cuts: number[] = [];
  private forced: boolean[] = [];
  private sentenceStart = 0;
  /** The current sentence is an inline list item ("c) one more"), which ends at a line break. */
  private inListItem = false;

  constructor(
    private readonly text: string,
    private readonly blocked: Uint8Array | undefined,
    private readonly depth: Int32Array | null,
    private readonly listBreaks: ReadonlySet<number>,
  ) {}

  run(breaks: number[]): Span[] {
    const { text } = this;
    const n = text.length;
    let bi = 0;
    for (let i = 0; i < n; i++) {
      while (bi < breaks.length && breaks[bi] <= i) this.cut(breaks[bi++], true);
      const code = text.charCodeAt(i);
      if (code === 0x0a && this.inListItem) {
        const f = this.follower(i);
        if (f.next < n && isUpperAt(text, f.letter)) this.cut(f.next, true);
        continue;
      }
      if (!(code === 0x2e || code === 0x21 || code === 0x3f || (code > 0x7f && isTerminal(text[i])))) continue;
      if (this.blocked && this.blocked[i]) continue;
      const { resume, cut } = this.atPunctuation(i);
      if (cut >= 0) this.cut(cut, false);
      i = Math.max(i, resume - 1);
    }
    return this.spans();
  }

  private cut(pos: number, forced: boolean): void {
    if (pos <= this.sentenceStart || pos >= this.text.length) return;
    this.cuts.push(pos);
    this.forced.push(forced);
    this.sentenceStart = pos;
    this.inListItem = this.listBreaks.has(pos);
  }

  /** Decides whether the punctuation run starting at i ends a sentence. */
  private atPunctuation(i: number): { resume: number; cut: number } {
    const { text } = this;
    const n = text.length;
    let j = i;
    while (j < n && isTerminal(text[j]) && !(this.blocked && this.blocked[j])) j++;
    const none = { resume: j, cut: -1 };

    let fullwidth = false;
    let strong = false;
    let dots = 0;
    for (let k = i; k < j; k++) {
      if (isFullwidthTerminal(text[k])) fullwidth = true;
      if (isStrongTerminal(text[k])) strong = true;
      if (text[k] === '.' || text[k] === '…') dots += text[k] === '…' ? 3 : 1;
    }

    // CJK: no spaces between sentences, so the mark ends the sentence by itself,
    // except a full-width point between digits (３．２９).
    if (fullwidth) {
      if (j - i === 1 && (text[i] === '．' || text[i] === '｡') && isDigitAt(text, i - 1) && isDigitAt(text, j))
        return none;
      const k = this.skipClosers(j);
      if (this.depthAt(k) > 0) return { resume: k, cut: -1 };
      // 彼は「本当に来るの？」と聞いた。: a quotation ending in 」 inside a sentence that goes on.
      if (k > j && k < text.length && !isWhitespace(text.charCodeAt(k)) && !isOpener(text[k]) && !isTerminal(text[k])) {
        return { resume: k, cut: -1 };
      }
      return { resume: k, cut: k };
    }

    // "[...]" and "(...)" mark an omission inside a quotation, not an ending.
    if (!strong && (text[i - 1] === '[' || text[i - 1] === '(') && (text[j] === ']' || text[j] === ')')) return none;

    if (text[i] === '.' && j === i + 1 && text[j] === ' ' && text[j + 1] === '.') {
      const spaced = this.spacedEllipsis(i);
      if (spaced) return spaced;
    }

    const k = this.skipClosers(j);
    const inside = this.depthAt(k) > 0;
    if (inside) return { resume: k, cut: -1 };
    const closedQuote = this.depthAt(i) > this.depthAt(k);
    if (k >= n) return { resume: k, cut: -1 };

    if (!isWhitespace(text.charCodeAt(k))) {
      // "Hello world.Today is Tuesday.Mr. Smith ..." — a sentence glued to the previous one.
      if (!strong && dots === 1 && k === j && this.gluedSentence(i, j)) return { resume: j, cut: j };
      return { resume: k, cut: -1 };
    }
    const follower = this.follower(k);
    if (follower.next >= n) return { resume: k, cut: -1 };
    const yes = { resume: k, cut: k };

    if (closedQuote) return this.endsAfterQuotation(follower) ? yes : none;
    if (strong) return isLowerAt(text, follower.letter) ? none : yes;
    if (dots >= 2) return isUpperAt(text, follower.letter) || isDigitAt(text, follower.letter) ? yes : none;
    return this.endsAfterPeriod(i, follower) ? yes : none;
  }

  /**
   * A period after a word: the heart of the splitter. Decides by what the word is (abbreviation,
   * initial, number, list marker, ordinary word) and what follows it.
   */
  private endsAfterPeriod(i: number, follower: Follower): boolean {
    const { text } = this;
    const tokenStart = this.tokenStart(i);
    const word = stripOpeners(text.slice(tokenStart, i));
    const lower = word.toLowerCase();
    const at = follower.letter;
    if (isLowerAt(text, at)) return false;
    if (word === '') return true;

    // "1. The first item", "a. The first item", "Q. What is his name?": a marker opening a sentence.
    if (this.isFirstToken(tokenStart) && (/^(\d{1,3}|\p{L})$/u.test(word) || SMALL_ROMAN.test(word))) return false;
    if (TITLES.has(word) || NEVER_FINAL.has(lower)) return false;

    const nextWord = wordAt(text, at);
    const starter = SENTENCE_STARTERS.has(nextWord) || /^I['’]/.test(text.slice(at, at + 2));
    const digitNext = isDigitAt(text, at);
    const upperNext = isUpperAt(text, at);

    if (/^\p{L}$/u.test(word)) {
      // "you and I. Did you ..." — the pronoun after a lowercase word ends a sentence like any word.
      if (word === 'I' && /^\p{Ll}/u.test(this.previousWord(tokenStart))) return true;
      // Otherwise an initial ("Jonas E. Smith") or a one-letter abbreviation ("p. 55").
      return starter;
    }
    if (/^(\p{L}{1,3}\.)+\p{L}{1,3}$/u.test(word) && !/^\p{Lu}\p{Ll}+\.\p{Lu}\p{Ll}+/u.test(word)) {
      // Dotted abbreviations: U.S, E.U, a.m, Ph.D, J.C.
      if (digitNext) return false;
      const titleNext = TITLES.has(nextWord) && text[at + nextWord.length] === '.';
      if (USUALLY_FINAL.has(lower)) {
        // "at 6 P.M. Travelers who ..." splits; "At 5 a.m. Mr. Smith went ..." does not.
        return titleNext ? this.wordsSoFar(i) >= 4 : upperNext;
      }
      return starter || (titleNext && this.wordsSoFar(i) >= 4);
    }
    if (USUALLY_FINAL.has(lower)) return upperNext;
    const lowercaseWord = word === lower;
    if (lowercaseWord && ONLY_BEFORE_NUMBERS.has(lower)) return !digitNext;
    if (ABBREVIATIONS.has(lower)) return digitNext ? false : starter;
    if (isNumberLike(word)) return !digitNext;
    return true;
  }

  /**
   * After a closing quote or bracket: a capitalized word starts a new sentence (She turned to him,
   * "This is great." She held ...); a lowercase one continues it ("This is great." she said).
   * A parenthesis that follows starts a new sentence only if it is a full sentence itself:
   * '"... I should think!" (Dinah was the cat.)' but not '"... stairways [...]" (Smith 55).'
   */
  private endsAfterQuotation(follower: Follower): boolean {
    const { text } = this;
    const q = follower.next;
    if (isUpperAt(text, q)) return true;
    const ch = text[q];
    if (ch === '(' || ch === '[') {
      const close = this.matchingClose(q);
      if (close < 0) return false;
      let p = close - 1;
      while (p > q && (isWhitespace(text.charCodeAt(p)) || isCloser(text[p]))) p--;
      return isTerminal(text[p]) && isUpperAt(text, follower.letter);
    }
    return isOpener(ch) && isUpperAt(text, follower.letter);
  }

  /** ". . ." written with spaces. Returns null when the dots at i are not such an ellipsis. */
  private spacedEllipsis(i: number): { resume: number; cut: number } | null {
    const { text } = this;
    let p = i;
    let dots = 1;
    while (text[p + 1] === ' ' && text[p + 2] === '.') {
      p += 2;
      dots++;
    }
    if (dots < 3) return null;
    const runEnd = p + 1;
    const attached = i > 0 && !isWhitespace(text.charCodeAt(i - 1));
    const k = this.skipClosers(runEnd);
    if (this.depthAt(i) > 0 && this.depthAt(k) > 0) return { resume: runEnd, cut: -1 };
    const followedBySentence = () => {
      if (k >= text.length || !isWhitespace(text.charCodeAt(k))) return false;
      const f = this.follower(k);
      return f.next < text.length && isUpperAt(text, f.letter);
    };
    if (attached && dots >= 4) {
      // "compounds. . . . The practice": the word's own period ends the sentence and the
      // ellipsis opens the next one (pySBD's reading of the MLA rule).
      return { resume: runEnd, cut: followedBySentence() && this.depthAt(i) === 0 ? i + 1 : -1 };
    }
    if (dots >= 4 || attached) {
      // ". . . ." after a space: an ellipsis plus the sentence's period.
      return { resume: k, cut: followedBySentence() ? k : -1 };
    }
    // " . . . " inside a sentence marks an omission.
    return { resume: runEnd, cut: -1 };
  }

  /** "world.Today", "1,000.That": only with a clear sentence starter, and never inside URLs/emails. */
  private gluedSentence(i: number, j: number): boolean {
    const { text } = this;
    if (!(isLetterAt(text, i - 1) || isDigitAt(text, i - 1))) return false;
    const m = /^\p{Lu}\p{Ll}+/u.exec(text.slice(j, j + 40));
    if (!m) return false;
    const after = text[j + m[0].length];
    const isTitle = TITLES.has(m[0]) && after === '.';
    if (!isTitle && !(SENTENCE_STARTERS.has(m[0]) && (after === undefined || isWhitespace(after.charCodeAt(0)))))
      return false;
    const tokenStart = this.tokenStart(i);
    let tokenEnd = j;
    while (tokenEnd < text.length && tokenEnd - j < 200 && !isWhitespace(text.charCodeAt(tokenEnd))) tokenEnd++;
    const token = text.slice(tokenStart, tokenEnd);
    if (/@|:\/\/|^www\.|\.(com|org|net|io|edu|gov)\b/i.test(token)) return false;
    const wordBefore = /[\p{L}\p{N},]+$/u.exec(text.slice(Math.max(0, i - 40), i))?.[0] ?? '';
    return wordBefore.length >= 2 && !ABBREVIATIONS.has(wordBefore.toLowerCase());
  }

  private follower(k: number): Follower {
    const { text } = this;
    const n = text.length;
    let q = k;
    while (q < n && isWhitespace(text.charCodeAt(q))) q++;
    let letter = q;
    while (letter < n && letter - q < 4 && (isOpener(text[letter]) || isBullet(text[letter]))) letter++;
    return { next: q, letter };
  }

  /** Skips closing quotes/brackets and citation marks like "[12]" after sentence punctuation. */
  private skipClosers(j: number): number {
    const { text } = this;
    const n = text.length;
    let k = j;
    for (;;) {
      while (k < n && isCloser(text[k]) && !(this.blocked && this.blocked[k])) k++;
      const citation = text[k] === '[' ? /^\[\d{1,3}(?:[–,-]\d{1,3})*\]/.exec(text.slice(k, k + 16)) : null;
      if (!citation) return k;
      k += citation[0].length;
    }
  }

  private matchingClose(open: number): number {
    const { depth } = this;
    if (!depth) return -1;
    const base = depth[open];
    if (depth[open + 1] <= base) return -1;
    for (let p = open + 1; p < depth.length && p - open < 700; p++) if (depth[p] <= base) return p;
    return -1;
  }

  private depthAt(i: number): number {
    return this.depth ? this.depth[Math.min(i, this.depth.length - 1)] : 0;
  }

  private tokenStart(i: number): number {
    let p = i;
    while (p > this.sentenceStart && i - p < 200 && !isWhitespace(this.text.charCodeAt(p - 1))) p--;
    return p;
  }

  /** True when only whitespace and bullets stand between the sentence start and pos. */
  private isFirstToken(pos: number): boolean {
    for (let p = this.sentenceStart; p < pos; p++) {
      if (!isWhitespace(this.text.charCodeAt(p)) && !isBullet(this.text[p])) return false;
    }
    return true;
  }

  private previousWord(tokenStart: number): string {
    let end = tokenStart;
    while (end > this.sentenceStart && isWhitespace(this.text.charCodeAt(end - 1))) end--;
    let start = end;
    while (start > this.sentenceStart && end - start < 60 && !isWhitespace(this.text.charCodeAt(start - 1))) start--;
    return stripOpeners(this.text.slice(start, end));
  }

  /** Number of words from the sentence start through position i, counting at most up to 8. */
  private wordsSoFar(i: number): number {
    let count = 0;
    let inWord = false;
    for (let p = i; p >= this.sentenceStart && p > i - 400 && count < 8; p--) {
      const space = isWhitespace(this.text.charCodeAt(p));
      if (!space && !inWord) count++;
      inWord = !space;
    }
    return count;
  }

  private spans(): Span[] {
    const { text } = this;
    const bounds = [0, ...this.cuts, text.length];
    const out: Array<Span & { forced: boolean }> = [];
    let pending: Span | null = null;
    for (let s = 0; s + 1 < bounds.length; s++) {
      let start = bounds[s];
      let end = bounds[s + 1];
      const forcedBefore = s > 0 && this.forced[s - 1];
      while (start < end && isWhitespace(text.charCodeAt(start))) start++;
      while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
      if (start === end) continue;
      if (forcedBefore) pending = null;
      if (!hasWordChar(text, start, end)) {
        // Stray punctuation (". . ." after a sentence, a lone bullet) joins its neighbour in the
        // same block; across a block boundary it is dropped.
        const prev = out[out.length - 1];
        if (prev && !forcedBefore) prev.end = end;
        else pending = { start, end };
        continue;
      }
      if (pending) start = pending.start;
      pending = null;
      out.push({ start, end, forced: forcedBefore });
    }
    return out.map(({ start, end }) => ({ start, end }));
  }
}

/** Roman numerals up to 39, as used for list items and sections ("iv.", "XII."). */
const SMALL_ROMAN = /^(?=[ivx]+$|[IVX]+$)x{0,3}(?:ix|iv|v?i{0,3})$/i;

const OPENERS_PREFIX = /^[\p{Ps}\p{Pi}"'`¿¡•⁃◦▪▫‣●○■□►▸➢✓✔]+/u;
/** The word itself, without opening quotes, brackets or a bullet glued to it ("⁃9", "(Ind"). */
function stripOpeners(token: string): string {
  // An ASCII letter or digit is never an opener: most words need no regular expression.
  const c = token.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return token;
  return token.replace(OPENERS_PREFIX, '');
}

function wordAt(text: string, at: number): string {
  return /^[\p{L}][\p{L}\p{M}]*/u.exec(text.slice(at, at + 40))?.[0] ?? '';
}

const NUMBER_LIKE = /^[$€£¥₹#%+\-−]?\d[\d,.:/\-–]*(%|st|nd|rd|th|s|k|m|bn)?$/iu;
function isNumberLike(word: string): boolean {
  return NUMBER_LIKE.test(word);
}
