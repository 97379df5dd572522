// Finds matched quotation marks and brackets so the splitter can leave punctuation inside them
// alone: "He teaches science (He previously worked ... as an engineer.) at the local University."
// Returns, per position, how many matched pairs enclose it. Linear time: one pass with stacks.

import { isLetterAt, isOpener, isWhitespace } from './chars';

/** A quote or bracket left open longer than this is treated as a stray mark, not an enclosure. */
const MAX_SPAN = 600;

const BRACKET_CLOSER: Record<string, string> = {
  '(': ')',
  '[': ']',
  '{': '}',
  '「': '」',
  '『': '』',
  '（': '）',
  '【': '】',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
  '〖': '〗',
  '［': '］',
  '｛': '｝',
  '“': '”',
  '«': '»',
  '‘': '’',
};
const BRACKET_OPENERS = new Set(Object.keys(BRACKET_CLOSER));
const BRACKET_CLOSERS = new Set(Object.values(BRACKET_CLOSER));

/**
 * depth[i] = number of matched pairs (open, close) with open < i < close, for 0 <= i <= length.
 * Returns null when the text has no matched pair, which is the common case for short sentences.
 */
export function enclosureDepths(text: string, blocked?: Uint8Array): Int32Array | null {
  const n = text.length;
  let diff: Int32Array | null = null;

  const stack: Array<{ ch: string; pos: number }> = [];
  let openDouble = -1;
  let openSingle = -1;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    // Fast path: letters, digits, spaces and common punctuation never open or close anything.
    if (
      code < 0x7f &&
      !(
        code === 0x22 ||
        code === 0x27 ||
        code === 0x28 ||
        code === 0x29 ||
        code === 0x5b ||
        code === 0x5d ||
        code === 0x7b ||
        code === 0x7d ||
        code === 0x60
      )
    )
      continue;
    if (blocked && blocked[i]) continue;
    const ch = text[i];
    if (ch === '’' && isLetterAt(text, i - 1) && i + 1 < n && isLetterAt(text, i + 1)) continue; // apostrophe
    if (BRACKET_OPENERS.has(ch)) {
      stack.push({ ch, pos: i });
      continue;
    }
    if (BRACKET_CLOSERS.has(ch)) {
      // Match the nearest compatible opener; skip over at most a few unmatched ones (":(" smileys).
      for (let k = stack.length - 1; k >= 0 && k >= stack.length - 4; k--) {
        if (BRACKET_CLOSER[stack[k].ch] === ch) {
          diff = record(diff, n, stack[k].pos, i);
          stack.length = k;
          break;
        }
      }
      continue;
    }
    if (ch === '"') {
      const role = straightQuoteRole(text, i, false);
      if (openDouble >= 0 && i - openDouble > MAX_SPAN) openDouble = -1;
      if (openDouble >= 0 && role.canClose) {
        diff = record(diff, n, openDouble, i);
        openDouble = -1;
      } else if (role.canOpen) {
        openDouble = i;
      }
      continue;
    }
    if (ch === "'" || ch === '`') {
      const role = straightQuoteRole(text, i, true);
      if (openSingle >= 0 && i - openSingle > MAX_SPAN) openSingle = -1;
      if (ch === "'" && openSingle >= 0 && role.canClose) {
        diff = record(diff, n, openSingle, i);
        openSingle = -1;
      } else if (role.canOpen) {
        openSingle = i;
      }
    }
  }
  if (!diff) return null;
  const depth: Int32Array = diff;
  let running = 0;
  for (let i = 0; i <= n; i++) {
    running += depth[i];
    depth[i] = running;
  }
  return depth;
}

/** Records a matched pair in the difference array, created on the first pair (a plain function, not a closure: this runs per paragraph). */
function record(diff: Int32Array | null, n: number, open: number, close: number): Int32Array | null {
  if (close - open > MAX_SPAN || close - open < 2) return diff;
  const d = diff ?? new Int32Array(n + 1);
  d[open + 1] += 1;
  d[close] -= 1;
  return d;
}

/**
 * Whether a straight quote at i can open or close a quotation, judged by its neighbours:
 * an opener follows a space and precedes a word; a closer follows a word and precedes a space or
 * punctuation. A single quote between letters is an apostrophe ("don't") and does neither.
 */
function straightQuoteRole(text: string, i: number, single: boolean): { canOpen: boolean; canClose: boolean } {
  const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
  const prevIsSpace =
    prev < 0 || isWhitespace(prev) || isOpener(text[i - 1]) || text[i - 1] === '—' || text[i - 1] === '-';
  const nextIsSpace = next < 0 || isWhitespace(next);
  const nextIsPunct = next >= 0 && /[.,;:!?)\]}…'"”’»\-—]/.test(text[i + 1]);
  if (single) {
    if (isLetterAt(text, i - 1) && i + 1 < text.length && isLetterAt(text, i + 1))
      return { canOpen: false, canClose: false };
    return {
      canOpen: prevIsSpace && i + 1 < text.length && isLetterAt(text, i + 1),
      canClose: !prevIsSpace && (nextIsSpace || nextIsPunct),
    };
  }
  return {
    canOpen: prevIsSpace && !nextIsSpace,
    canClose: !prevIsSpace && (nextIsSpace || nextIsPunct),
  };
}
