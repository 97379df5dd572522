// Detects list items written inline, "1. The first item 2. The second item" or
// "a) here it is b) another", and bullets "• 9. The first item • 10. The second item".
// A marker counts only as part of a run of consecutive markers (1, 2, 3 / a, b, c / i, ii, iii)
// whose first marker opens the text, a line or a sentence; that keeps "for 1. above ... for 2.
// above" and "Jonas E. Smith" from being read as lists. Returns the positions where items start.

import { isBullet, isTerminal, isWhitespace } from './chars';

interface Candidate {
  pos: number;
  style: string;
  value: number;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };

function romanValue(s: string): number {
  const lower = s.toLowerCase();
  if (!/^[ivxlc]{1,6}$/.test(lower)) return -1;
  let total = 0;
  for (let i = 0; i < lower.length; i++) {
    const v = ROMAN[lower[i]];
    const next = i + 1 < lower.length ? ROMAN[lower[i + 1]] : 0;
    total += v < next ? -v : v;
  }
  return total;
}

/**
 * The next position from `from` on where a bullet or a marker may start: at the text start or
 * after whitespace or a bullet, a bullet, or "(" optionally, then 1-3 digits or a letter and up to
 * five roman-numeral letters, then "." or ")". A hand-written scan: the equivalent regular
 * expression (with a look-behind) cost more than the rest of the list analysis.
 */
function nextCandidate(text: string, from: number): number {
  const n = text.length;
  let boundary = from === 0 || startsAfter(text.charCodeAt(from - 1), text[from - 1]);
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (
      boundary &&
      (c === 0x28 || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c > 0x7f) &&
      isCandidate(text, i)
    ) {
      return i;
    }
    boundary = c <= 0x20 || c >= 0x7f ? startsAfter(c, text[i]) : false;
  }
  return -1;
}

function startsAfter(code: number, ch: string): boolean {
  return code === 0x20 || isWhitespace(code) || (code > 0x7f && isBullet(ch));
}

/** [ivxlcIVXLC], by character code (c | 0x20 folds only those letters onto i, v, x, l, c): this runs at every word. */
function isRomanLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower === 0x69 || lower === 0x76 || lower === 0x78 || lower === 0x6c || lower === 0x63;
}

function isCandidate(text: string, i: number): boolean {
  if (text.charCodeAt(i) > 0x7f) return isBullet(text[i]);
  let q = text.charCodeAt(i) === 0x28 ? i + 1 : i;
  const c = text.charCodeAt(q);
  if (c >= 0x30 && c <= 0x39) {
    let r = q;
    while (r < text.length && r - q <= 3 && text.charCodeAt(r) >= 0x30 && text.charCodeAt(r) <= 0x39) r++;
    if (r - q > 3) return false;
    q = r;
  } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
    let r = q + 1;
    while (r < text.length && r - q - 1 <= 5 && isRomanLetter(text.charCodeAt(r))) r++;
    if (r - q - 1 > 5) return false;
    q = r;
  } else return false;
  const end = text.charCodeAt(q);
  return end === 0x2e || end === 0x29;
}

// A marker: optional "(", then digits, a letter or a roman numeral, then ".", ".)" or ")".
const MARKER = /^(\()?(\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})(\.\)|\.|\))/;

/** Item start positions for inline lists and bullets, sorted ascending. */
export function inlineListBreaks(text: string, blocked?: Uint8Array): number[] {
  const candidates: Candidate[] = [];
  const breaks: number[] = [];
  const n = text.length;
  for (let i = nextCandidate(text, 0); i >= 0; i = nextCandidate(text, i + 1)) {
    if (blocked && blocked[i]) continue;
    if (isBullet(text[i])) {
      // A bullet introduces an item when some text follows it.
      let k = i + 1;
      while (k < n && (text[k] === ' ' || text[k] === '\t')) k++;
      if (k < n && !isWhitespace(text.charCodeAt(k))) breaks.push(i);
      continue;
    }
    const m = MARKER.exec(text.slice(i, i + 12));
    if (!m) continue;
    const end = i + m[0].length;
    if (m[1] && m[3] !== ')') continue; // "(a." is not a marker
    // The marker must be followed by whitespace and then by the item's text.
    if (end >= n || !isWhitespace(text.charCodeAt(end))) continue;
    let k = end;
    while (k < n && isWhitespace(text.charCodeAt(k))) k++;
    if (k >= n) continue;
    const body = m[2];
    const punct = (m[1] ? '(' : '') + m[3];
    if (/^\d+$/.test(body)) {
      candidates.push({ pos: i, style: `num${punct}`, value: Number(body) });
      continue;
    }
    if (body.length === 1) {
      const lower = body === body.toLowerCase();
      candidates.push({ pos: i, style: `${lower ? 'a' : 'A'}${punct}`, value: body.toLowerCase().charCodeAt(0) });
    }
    const roman = romanValue(body);
    if (roman > 0) {
      const lower = body === body.toLowerCase();
      candidates.push({ pos: i, style: `${lower ? 'i' : 'I'}${punct}`, value: roman });
    }
  }

  // Chain candidates of one style with consecutive values (a chain needs two).
  if (candidates.length < 2) return breaks;
  const byStyle = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const list = byStyle.get(c.style);
    if (list) list.push(c);
    else byStyle.set(c.style, [c]);
  }
  for (const list of byStyle.values()) {
    if (list.length < 2) continue;
    let k = 0;
    while (k < list.length) {
      if (!opensSequence(text, list[k].pos)) {
        k++;
        continue;
      }
      let last = k;
      for (let m = k + 1; m < list.length && list[m].value === list[last].value + 1; m++) last = m;
      if (last > k) {
        for (let m = k; m <= last; m++) if (!followsBullet(text, list[m].pos)) breaks.push(list[m].pos);
      }
      k = last + 1;
    }
  }
  breaks.sort((a, b) => a - b);
  return breaks;
}

/** True when a marker at pos starts the text, a line or a sentence (or follows a colon or a bullet). */
function opensSequence(text: string, pos: number): boolean {
  let p = pos - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  if (p < 0) return true;
  const ch = text[p];
  return ch === '\n' || ch === '\r' || ch === ':' || ch === ';' || isTerminal(ch) || isBullet(ch);
}

/** "• 9. item": the bullet already starts the item, so the number must not split it off. */
function followsBullet(text: string, pos: number): boolean {
  let p = pos - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  return p >= 0 && isBullet(text[p]);
}
