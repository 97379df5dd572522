// When two statements give different values for the same quantity.
//
// Same quantity: the same dimension (a duration and a duration, requests per second and requests
// per second, a count of CPUs and a count of CPUs) and the same subject. Same subject means the rest
// of the two sentences match on content terms: leaving out the words of the quantities themselves,
// the side with fewer content terms (the pairing module's stems, acronyms and antonyms) has nearly
// all of them in the other (at most UNSHARED_ALLOWED of them missing, none for short sentences), and
// at least MIN_SHARED_TERMS of them, generic words counting half (a one-word context such as
// "3 - no attach:" matches too much). The other side may add words ("By default the cache holds at most 256
// MiB of entries" restates "The cache holds 512 MiB"); a word swapped on both sides ("the data bit
// is 2 ms" / "the start bit is 4 ms") is two parallel statements about different things, the
// commonest near miss in real documentation (docs/benchmarks.md). Against a pinned claim, a value
// that names what it counts ("requests per second", "CPUs") is the subject by itself; between two
// sentences, a rate of things is ("The API allows 100 requests per second." / "Clients may send up
// to 50 requests per second.").
//
// Different values: exact values that differ (beyond a 7.5% tolerance between binary and decimal
// size prefixes, 10% for "about"), bounds of the same kind that differ ("at most 50" / "up to
// 100"), an exact value against a bound on it that differs ("100" / "up to 50"), a value outside a
// range. A lower bound against an upper bound says nothing ("at least 10" / "at most 50").
import { analyzeText, type Term } from '../pairing';
import { extractQuantities, tokenize, type Mention } from './extract';

export const UNSHARED_ALLOWED = 0.1;
// The pairing filter's floor (src/core/pairing/selector.ts): one content word and a generic one at least.
export const MIN_SHARED_TERMS = 1.5;

export interface QuantityText {
  text: string;
  mentions: Mention[];
  /** Content terms outside the quantities. */
  context: Term[];
  /** Every number as written, quantity or not ("24", "32"). */
  numbers: Set<string>;
  keys: Set<string>;
}

export interface Disagreement {
  /** The mention on each side. */
  a: Mention;
  b: Mention;
}

/** Extracts once per text; callers comparing many pairs keep these. */
export function quantityText(text: string): QuantityText {
  const mentions = extractQuantities(text);
  if (mentions.length === 0) return { text, mentions, context: [], keys: new Set(), numbers: new Set() };
  const numbers = new Set(text.match(/\d+(?:[.,]\d+)*/g) ?? []);
  // The context is the sentence with the quantities' own words blanked out.
  const tokens = tokenize(text);
  let masked = text;
  for (const m of mentions)
    for (const t of m.tokens)
      masked =
        masked.slice(0, tokens[t].start) + ' '.repeat(tokens[t].end - tokens[t].start) + masked.slice(tokens[t].end);
  // Same words, not WordNet relatives: two parallel statements about sibling things ("the receiver's
  // frequency" / "the transmitter's") are the check's main false alarm already.
  const { terms } = analyzeText(masked, { concepts: false });
  // Numbers and unit words left outside a quantity ("Unit: 4K bytes") say nothing about the subject.
  const context = terms.filter(
    (t) => !t.alternative && !t.keys[0].startsWith('#') && !t.keys.some((k) => k.startsWith('~')),
  );
  const keys = new Set(context.flatMap((t) => t.keys));
  return { text, mentions, context, keys, numbers };
}

/** Whether the rest of the two sentences say they are about the same thing. */
export function sameSubject(a: QuantityText, b: QuantityText): boolean {
  const [small, large] = a.context.length <= b.context.length ? [a, b] : [b, a];
  if (small.context.length === 0) return false;
  const common = small.context.filter((t) => t.keys.some((k) => large.keys.has(k)));
  const missing = small.context.length - common.length;
  // Generic words ("default", "value", "use") weigh half, as in the pairing filter: "The default
  // value is 5 seconds." and "The default value is HZ, one second." share no subject.
  const weight = common.reduce((sum, t) => sum + t.weight, 0);
  return weight >= MIN_SHARED_TERMS && missing <= Math.floor(UNSHARED_ALLOWED * small.context.length);
}

/**
 * Whether a value of this dimension is its own subject, compared without shared wording: against a
 * claim any rate or count of things ("rate:reques", "count:cpu"), between two sentences only a rate
 * ("100 requests per second" / "up to 50 requests per second"): counts ("4 CPUs" / "8 CPUs") are
 * most often parallel facts. A rate of a unit's dimension ("MB per second") names nothing.
 */
export function namesItsSubject(dimension: string, against: 'claim' | 'sentence'): boolean {
  if (/^rate:(size|duration|bits|frequency|percent)$/.test(dimension)) return false;
  return against === 'claim' ? /^(rate|count):/.test(dimension) : dimension.startsWith('rate:');
}

/**
 * The first quantity the two texts disagree on, or undefined. `b` may be a pinned claim
 * (`claim: true`): then a value that names what it counts needs no other shared wording.
 */
export function disagreement(
  a: QuantityText,
  b: QuantityText,
  options: { claim?: boolean } = {},
): Disagreement | undefined {
  if (a.mentions.length === 0 || b.mentions.length === 0) return undefined;
  const subject = sameSubject(a, b);
  const named = (dimension: string) => namesItsSubject(dimension, options.claim ? 'claim' : 'sentence');
  if (!subject && !a.mentions.some((m) => named(m.dimension))) return undefined;
  // Sentences with several numbers each and not one number in common are parallel statements about
  // different things (table rows written as prose: "uses 24 bits out of 32" / "56 bits out of 64"),
  // not one statement gone stale, which changes a value and keeps the rest.
  if (a.numbers.size > 1 && b.numbers.size > 1 && ![...a.numbers].some((n) => b.numbers.has(n))) return undefined;
  const dimensions = new Set(a.mentions.map((m) => m.dimension));
  for (const dimension of dimensions) {
    const left = a.mentions.filter((m) => m.dimension === dimension);
    const right = b.mentions.filter((m) => m.dimension === dimension);
    if (right.length === 0) continue;
    // Several quantities of one kind in a sentence are compared in order, and only when both
    // sentences have as many: otherwise which one answers which is guesswork.
    if (left.length !== right.length) continue;
    // Values that appear on both sides in another order are not a disagreement ("30 or 60" / "60 or 30").
    if (left.length > 1 && sameValues(left, right)) continue;
    if (!subject && !named(dimension)) continue;
    for (let i = 0; i < left.length; i++) {
      if (differ(left[i], right[i])) return { a: left[i], b: right[i] };
    }
  }
  return undefined;
}

function sameValues(left: Mention[], right: Mention[]): boolean {
  const key = (m: Mention) => `${m.value}:${m.high ?? ''}`;
  return [...left.map(key)].sort().join() === [...right.map(key)].sort().join();
}

export function differ(x: Mention, y: Mention): boolean {
  if (typeof x.value === 'string' || typeof y.value === 'string') return String(x.value) !== String(y.value);
  if ((x.bound === 'lower' && y.bound === 'upper') || (x.bound === 'upper' && y.bound === 'lower')) return false;
  const tolerance = x.binary !== y.binary ? 0.075 : x.bound === 'approx' || y.bound === 'approx' ? 0.1 : 1e-9;
  const equal = (p: number, q: number) => Math.abs(p - q) <= tolerance * Math.max(Math.abs(p), Math.abs(q));
  if (x.bound === 'range' && y.bound === 'range') return !(equal(x.value, y.value) && equal(x.high!, y.high!));
  if (x.bound === 'range' || y.bound === 'range') {
    const [r, v] = x.bound === 'range' ? [x, y] : [y, x];
    if (v.bound === 'lower' || v.bound === 'upper') return false;
    const value = v.value as number;
    return value < (r.value as number) * (1 - tolerance) || value > r.high! * (1 + tolerance);
  }
  return !equal(x.value, y.value);
}

/** How a finding states the value ("50 requests per second"), without its bound words. */
export function describe(m: Mention): string {
  return m.text;
}
