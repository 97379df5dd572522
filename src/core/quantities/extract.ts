// Quantities in a sentence: numbers with units and their spelled forms, percentages, durations,
// sizes, rates, counts ("4 CPUs"), versions and ports, with their bounds ("at most 50", "up to 100",
// "at least", "between 1 and 10"). Deterministic and cheap: one tokenizing pass per sentence.
// What is deliberately not a quantity: years, ordinals, section/figure/RFC numbers, identifiers
// with digits in them (ext4, x86_64, v4l2), IP addresses, times of day, hexadecimal.
import { stem } from '../pairing';
import { STOP_WORDS } from '../pairing/lexicon';
import { spelledNumber } from './numbers';
import { RATE_UNITS, unitOf, type Unit } from './units';

export type Bound = 'exact' | 'upper' | 'lower' | 'range' | 'approx';

export interface Mention {
  /** What is measured: 'duration', 'size', 'bits', 'frequency', 'percent', 'port', 'version',
   * 'rate:<thing>' ("requests per second"), 'count:<noun stem>' ("4 CPUs"). */
  dimension: string;
  /** In the dimension's base unit (seconds, bytes, ...); a string for versions. */
  value: number | string;
  /** Upper end of a range. */
  high?: number;
  bound: Bound;
  /** A binary size prefix (MiB, 4K): compared with loose decimal usage within a tolerance. */
  binary?: boolean;
  /** The words of the sentence that state it ("up to 50 requests per second"). */
  text: string;
  /** Indexes of the tokens it used (so the same-subject rule can leave them out). */
  tokens: number[];
}

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const TOKEN =
  /\d+(?:[.,:]\d+)*[A-Za-zµ%]*(?:\/[A-Za-z]+)?|[\p{L}µ][\p{L}\p{N}_'’-]*(?:\/[A-Za-z]+)?|%|~|[^\s\p{L}\p{N}]/gu;

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    lower: m[0].toLowerCase(),
    start: m.index!,
    end: m.index! + m[0].length,
  }));
}

const REFERENCE_WORDS = new Set(
  'section sections sect figure fig figures table tables chapter chapters step steps rfc page pages line lines item items appendix cve iso ieee patch commit bit irq cpu node level ring stage phase part parts volume vol rev revision no number issue pr bug case example option rule article clause paragraph footnote note slot lane pin gpio register reg channel ch device dev id index core socket pass round variant list group mode type class layer zone bank entry queue slice lun bus'.split(
    ' ',
  ),
);
const VERSION_WORDS = new Set('version versions release releases kernel python gcc clang llvm linux glibc'.split(' '));
const UPPER: string[][] = [
  ['at', 'most'],
  ['up', 'to'],
  ['no', 'more', 'than'],
  ['not', 'more', 'than'],
  ['maximum', 'of'],
  ['a', 'maximum', 'of'],
  ['max'],
  ['maximum'],
  ['limited', 'to'],
  ['exceed'],
  ['less', 'than'],
  ['fewer', 'than'],
  ['below'],
  ['under'],
  ['within'],
  ['limit', 'of'],
];
const LOWER: string[][] = [
  ['at', 'least'],
  ['minimum', 'of'],
  ['a', 'minimum', 'of'],
  ['minimum'],
  ['min'],
  ['no', 'less', 'than'],
  ['not', 'less', 'than'],
  ['more', 'than'],
  ['greater', 'than'],
  ['over'],
  ['above'],
  ['exceeds'],
];
const APPROX: string[][] = [
  ['about'],
  ['approximately'],
  ['around'],
  ['roughly'],
  ['~'],
  ['nearly'],
  ['almost'],
  ['approx'],
];
const ABBREVIATED_NOUNS: Record<string, string> = {
  req: 'request',
  reqs: 'request',
  op: 'operation',
  ops: 'operation',
  pkt: 'packet',
  pkts: 'packet',
  msg: 'message',
  msgs: 'message',
  conn: 'connection',
  conns: 'connection',
  iops: 'operation',
};
// Words that cannot be what a number counts: the pairing filter's function words, and a few more.
const NOT_NOUNS = new Set([...STOP_WORDS, ...'per via times x'.split(' ')]);

/** The numeric start of a token: its value, and the rest glued to it ("30s" -> 30, "s"). */
function numericToken(text: string): { value: number; rest: string; dots: number; raw: string } | undefined {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)((?:\.\d+)*)(.*)$/.exec(text);
  if (!m || text.includes(':')) return undefined;
  const dots = (m[2].match(/\./g) ?? []).length;
  const value = Number(m[1].replace(/,/g, '') + (dots === 1 ? m[2] : ''));
  return { value, rest: m[3], dots, raw: m[1] + m[2] };
}

export function extractQuantities(text: string): Mention[] {
  const tokens = tokenize(text);
  const mentions: Mention[] = [];
  const used = new Set<number>();
  const words = tokens.map((t) => t.text);
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const found = mentionAt(tokens, words, i, text);
    if (!found) continue;
    for (const t of found.tokens) used.add(t);
    mentions.push(found);
    i = Math.max(i, ...found.tokens);
  }
  return mentions;
}

function mentionAt(tokens: Token[], words: string[], i: number, text: string): Mention | undefined {
  const token = tokens[i];
  const previous = tokens[i - 1]?.lower;
  // Versions: "v3.2", "version 3.2", "Python 3.8", "2.6.32".
  const vword = /^v(\d+(?:\.\d+)*)$/i.exec(token.text);
  if (vword && /\./.test(vword[1])) return versionOf(vword[1], tokens, [i], text);
  const numeric = numericToken(token.text);
  let value: number;
  let length = 1;
  let glued = '';
  if (numeric) {
    if (tokens[i - 1]?.text === '#' || (tokens[i - 1]?.text === '.' && /\d$/.test(tokens[i - 2]?.text ?? '')))
      return undefined;
    if (numeric.dots >= 3) return undefined; // an IP address or similar
    if (numeric.dots >= 1 && previous && VERSION_WORDS.has(previous))
      return versionOf(numeric.raw, tokens, [i - 1, i], text);
    if (numeric.dots === 2) return versionOf(numeric.raw, tokens, [i], text);
    if (/^0x/i.test(token.text) || /^0\d/.test(numeric.raw)) return undefined;
    value = numeric.value;
    glued = numeric.rest;
    if (glued && /^(st|nd|rd|th|x)$/i.test(glued)) return undefined; // ordinals, multipliers
  } else {
    const spelled = spelledNumber(words, i);
    if (!spelled) return undefined;
    // "one" alone is usually a pronoun ("the one that"); it counts with a unit after it.
    value = spelled.value;
    length = spelled.length;
  }
  if (previous && REFERENCE_WORDS.has(previous)) return undefined;
  if (previous === 'port' || (previous === 'number' && tokens[i - 2]?.lower === 'port'))
    return single('port', value, tokens, [i - 1, i], text);
  if (previous && VERSION_WORDS.has(previous) && numeric)
    return versionOf(String(numeric.raw), tokens, [i - 1, i], text);

  const used = range(i, i + length);
  let unit: Unit | undefined;
  let unitWord = '';
  let rateDivisor: number | undefined;
  let next = i + length;
  if (glued) {
    const [head, perPart] = glued.split('/');
    unit = unitOf(head, true);
    if (!unit) {
      if (!perPart) return undefined; // an identifier such as 2D, 3rd-party, 4x4
    }
    unitWord = head;
    if (perPart) rateDivisor = RATE_UNITS[perPart.toLowerCase()];
  } else if (tokens[next]) {
    const word = tokens[next].text;
    const [head, perPart] = word.split('/');
    unit =
      unitOf(head, false) ??
      (tokens[next].lower === 'per' && tokens[next + 1]?.lower === 'cent' ? unitOf('percent', false) : undefined);
    // A word with a time after its slash counts things per that time ("ops/s"), unless it is a
    // name ("DVB-S/S2": a capital, as for counted nouns below).
    if (unit || (perPart && RATE_UNITS[perPart.toLowerCase()] !== undefined && /^\p{Ll}/u.test(head))) {
      unitWord = head;
      used.push(next);
      if (tokens[next].lower === 'per' && tokens[next + 1]?.lower === 'cent') used.push(++next);
      if (perPart) rateDivisor = RATE_UNITS[perPart.toLowerCase()];
      next++;
    }
  }
  if (!numeric && !unit && !unitWord && value === 1) return undefined; // "one of", "the one"

  // "per second", "a second", "/s" after the unit or the counted noun.
  let noun = '';
  // A capitalized word after a number is a name ("QuickCam 3000 Pro", "2017 Intel", "Min: 0 Default"), not what it counts.
  if (!unit && !unitWord && tokens[next] && /^\p{Ll}/u.test(tokens[next].text) && !NOT_NOUNS.has(tokens[next].lower)) {
    const [head, perPart] = tokens[next].lower.split('/');
    noun = ABBREVIATED_NOUNS[head] ?? head;
    used.push(next);
    if (perPart) rateDivisor = RATE_UNITS[perPart];
    next++;
  }
  if (
    rateDivisor === undefined &&
    (tokens[next]?.lower === 'per' ||
      tokens[next]?.lower === 'a' ||
      tokens[next]?.lower === 'an' ||
      tokens[next]?.lower === 'every') &&
    RATE_UNITS[singular(tokens[next + 1]?.lower ?? '')] !== undefined &&
    (unit || noun)
  ) {
    rateDivisor = RATE_UNITS[singular(tokens[next + 1].lower)];
    used.push(next, next + 1);
    next += 2;
  }

  // Where a range that starts with this number ends ("between 65 and 127 octets").
  const end = numeric ? rangeEnd(tokens, words, i, length, boundBefore(tokens, i).kind === 'range') : undefined;
  // A bare number from 1900 to 2099 is a year ("since 2019"), not a quantity; "2048 processors" is,
  // and so is the first number of a range with a unit after the second ("2000 to 3000 interrupts per
  // second": read as a year, the range was "3000 interrupts per second" alone).
  if (numeric && !unit && !unitWord && !noun && value >= 1900 && value <= 2099 && Number.isInteger(value) && !end)
    return undefined;
  let dimension: string;
  let base = value;
  if (rateDivisor !== undefined) {
    const measured = unit
      ? unit.dimension
      : stem(singular(noun || (ABBREVIATED_NOUNS[unitWord.toLowerCase()] ?? unitWord.toLowerCase())));
    dimension = `rate:${measured}`;
    base = (unit ? value * unit.factor : value) / rateDivisor;
  } else if (unit) {
    dimension = unit.dimension;
    base = value * unit.factor;
  } else if (noun) {
    dimension = `count:${stem(singular(noun))}`;
  } else {
    // A bare number ("Default is 1", "3 - no attach:", "priority -1") says what it counts only in
    // its context, and in real documentation it is mostly a setting's value, a list label or an
    // identifier: on the kernel's admin guide, bare numbers were nine in ten of the false alarms.
    // Only numbers with a unit or a counted noun are quantities here, and the first number of a
    // range whose unit comes after the second ("between 65 and 127 octets").
    const second = end && mentionAt(tokens, words, end.index, text);
    if (!end || !second || typeof second.value !== 'number' || second.bound === 'range') return undefined;
    const factor = (second.value as number) / (numericToken(tokens[end.index].text)?.value || 1);
    const bound = boundBefore(tokens, i);
    const tokensUsed = [...new Set([...bound.tokens, ...used, ...end.tokens, ...second.tokens])].sort((a, b) => a - b);
    return {
      dimension: second.dimension,
      value: value * factor,
      high: second.value,
      bound: 'range',
      ...(second.binary ? { binary: true } : {}),
      text: text.slice(tokens[tokensUsed[0]].start, tokens[tokensUsed[tokensUsed.length - 1]].end),
      tokens: tokensUsed,
    };
  }

  const bound = boundBefore(tokens, i);
  const mention: Mention = { dimension, value: base, bound: bound.kind, text: '', tokens: [...bound.tokens, ...used] };
  if (unit?.binary) mention.binary = true;
  // Ranges: "between 10 and 20 seconds", "10 to 20 seconds", "10-20 seconds".
  const high = rangeEnd(tokens, words, i, length + (unitWord && !glued ? 1 : 0), bound.kind === 'range');
  if (high) {
    const factor = unit ? unit.factor : 1;
    // The unit after the second number applies to both ("10 to 20 seconds").
    const second = mentionAt(tokens, words, high.index, text);
    if (second && second.dimension === dimension) {
      mention.value = second.dimension === dimension && unit ? (value * factor) / (rateDivisor ?? 1) : base;
      mention.high = second.value as number;
      mention.bound = 'range';
      mention.tokens.push(...high.tokens, ...second.tokens);
    }
  }
  // "from 49.25 MHz" with no second number is a lower bound; "between 10" alone says nothing more.
  if (mention.bound === 'range' && mention.high === undefined)
    mention.bound = tokens[bound.tokens[0]]?.lower === 'from' ? 'lower' : 'exact';
  mention.tokens = [...new Set(mention.tokens)].sort((a, b) => a - b);
  mention.text = text.slice(tokens[mention.tokens[0]].start, tokens[mention.tokens[mention.tokens.length - 1]].end);
  return mention;
}

/**
 * A version is the version of something: the word before it or before "version" ("Samba 3.0.6",
 * "mount.cifs version 1.4", "kernel version 2.6.29"), part of its dimension, so that the versions of
 * two programs in one sentence pair are not compared. "or later" makes it a lower bound.
 */
function versionOf(value: string, tokens: Token[], used: number[], text: string): Mention {
  const first = Math.min(...used);
  const head = tokens[first].lower;
  let product = '';
  if (VERSION_WORDS.has(head) && !/^(version|release)s?$/.test(head))
    product = head; // "Python 3.8", "kernel 2.6.32"
  else {
    let k = first - 1;
    while (k >= 0 && (tokens[k].text === '(' || NOT_NOUNS.has(tokens[k].lower))) k--;
    if (k >= 0 && /\p{L}/u.test(tokens[k].text)) product = tokens[k].lower;
  }
  const mention = single(`version:${product}`, value, tokens, used, text);
  const last = Math.max(...used);
  const after = `${tokens[last + 1]?.lower ?? ''} ${tokens[last + 2]?.lower ?? ''}`;
  if (/^(or|and) (later|newer|higher|above)$/.test(after)) mention.bound = 'lower';
  else if (/^(or|and) (earlier|older|lower|below)$/.test(after)) mention.bound = 'upper';
  return mention;
}

function single(dimension: string, value: number | string, tokens: Token[], used: number[], text: string): Mention {
  const sorted = used.filter((t) => t >= 0).sort((a, b) => a - b);
  return {
    dimension,
    value: typeof value === 'number' ? value : value,
    bound: 'exact',
    text: text.slice(tokens[sorted[0]].start, tokens[sorted[sorted.length - 1]].end),
    tokens: sorted,
  };
}

function boundBefore(tokens: Token[], i: number): { kind: Bound; tokens: number[] } {
  if (tokens[i - 1]?.lower === 'between' || (tokens[i - 1]?.lower === 'from' && /^\d/.test(tokens[i].text)))
    return { kind: 'range', tokens: [i - 1] };
  for (const [kind, phrases] of [
    ['upper', UPPER],
    ['lower', LOWER],
    ['approx', APPROX],
  ] as const) {
    for (const phrase of phrases) {
      const start = i - phrase.length;
      if (start < 0) continue;
      if (phrase.every((w, k) => tokens[start + k].lower === w)) return { kind, tokens: range(start, i) };
    }
  }
  return { kind: 'exact', tokens: [] };
}

/** The second number of a range after the first ("and 20", "to 20", "- 20", "–20"). */
function rangeEnd(
  tokens: Token[],
  words: string[],
  i: number,
  length: number,
  afterBetween: boolean,
): { index: number; tokens: number[] } | undefined {
  const joiner = tokens[i + length];
  if (!joiner) return undefined;
  const ok =
    joiner.lower === 'to' || joiner.text === '-' || joiner.text === '–' || (afterBetween && joiner.lower === 'and');
  if (!ok) return undefined;
  const index = i + length + 1;
  if (!tokens[index] || (!numericToken(tokens[index].text) && !spelledNumber(words, index))) return undefined;
  return { index, tokens: [i + length] };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}
