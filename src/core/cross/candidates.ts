// Candidate pairs for cross mode: which sentence pairs of a document or a workspace are worth
// scoring. Exhaustive pairing is N*(N-1)/2 (2 million pairs for a 2,000-sentence document); two
// sentences can only contradict each other when they talk about the same thing, and then they share
// content: stems, numbers, units, acronyms, antonyms, WordNet concepts (the pairing module's terms,
// src/core/pairing).
//
// The rule (docs/benchmarks.md has the measurements behind the defaults):
// 1. An inverted index from each term key to the sentences that have it. Keys held by more than
//    `maxPosting` sentences are too common to find candidates through (a word every sentence of a
//    manual uses); they still count in the score of a pair found through a rarer key. That bounds the
//    work per sentence by (its keys x maxPosting), so the cost grows linearly with N.
// 2. Each candidate is ranked by its shared keys weighted by rarity (idf = ln(N / df)), and must
//    pass the pairing filter's floor in at least one direction: the terms of one sentence found in
//    the other weigh at least min(1.5, half of that sentence's weight), as for claims; between two
//    short statements (at most 12 words each) one shared content word is enough, as for claims.
// 3. Each sentence keeps its `perSentence` best candidates (k, default 8); the pairs are the union,
//    so there are at most N*k of them.
// Excluded: a sentence against itself or an identical sentence (repeating is not contradicting),
// two sentences of one paragraph, pairs across documents in document scope.
import { analyzeText, isShortStatement, neededEvidence, SHORT_TEXT_WORDS, type Term } from '../pairing';

export type CrossScope = 'document' | 'workspace';

export interface CandidateSentence {
  /** Index of the document in the check (pairs of one document only, in document scope). */
  doc: number;
  /** Paragraph within the document (paragraphIndexes). */
  paragraph: number;
  /** The text the model sees (Sentence.clean). */
  text: string;
}

export interface CandidateOptions {
  scope: CrossScope;
  /** k: the best candidates each sentence keeps (default DEFAULT_PER_SENTENCE). */
  perSentence?: number;
  /** Keys held by more sentences than this do not propose candidates (default DEFAULT_MAX_POSTING). */
  maxPosting?: number;
  /** Shared evidence needed, as in PairSelector (default 1.5, at most half a sentence's weight). */
  floor?: number;
  /** As in PairSelector: texts of at most this many words are short statements, and two of them need
   * only one shared content word (default SHORT_TEXT_WORDS; 0: none is). */
  shortWords?: number;
}

export const DEFAULT_PER_SENTENCE = 8;
export const DEFAULT_MAX_POSTING = 512;
const DEFAULT_FLOOR = 1.5;
const FRACTION = 0.5;
/** Keys that only an acronym window spells ("time to live" -> @ttl) count half. */
const ACRONYM_WINDOW_WEIGHT = 0.5;

/** A candidate pair: indexes into the sentence list, a < b, and the rarity-weighted shared evidence. */
export interface CandidatePair {
  a: number;
  b: number;
  score: number;
}

interface Profile {
  terms: Term[];
  /** The keys of the text's terms (what they are found by), with the weight of the heaviest term that has it. */
  keys: Map<string, number>;
  /** The keys the text has, which the other side's term keys find (analyzeText's `keys` without the
   * acronym windows): the same as `keys` but for WordNet concepts (src/core/pairing/wordnet.ts). */
  has: Set<string>;
  /** Acronyms its word sequences spell ("time to live" -> @ttl): they find the sentences that write
   * the acronym ("TTL"), and count half. Not indexed: two sentences that merely share a run of
   * initials ("doesn't accept refunds") are not about the same thing. */
  windows: Set<string>;
  /** Evidence it needs from the other text, and from a short one when it is short itself. */
  needed: number;
  neededShort: number;
  short: boolean;
  normalized: string;
}

/** Every pair the exclusion rules allow (the exhaustive mode, and the benchmark's reference). */
export function allPairs(sentences: readonly CandidateSentence[], scope: CrossScope): CandidatePair[] {
  const normalized = sentences.map((s) => normalize(s.text));
  const out: CandidatePair[] = [];
  for (let a = 0; a < sentences.length; a++) {
    for (let b = a + 1; b < sentences.length; b++) {
      if (excluded(sentences, normalized, a, b, scope)) continue;
      out.push({ a, b, score: 0 });
    }
  }
  return out;
}

export function candidatePairs(sentences: readonly CandidateSentence[], options: CandidateOptions): CandidatePair[] {
  const k = options.perSentence ?? DEFAULT_PER_SENTENCE;
  const maxPosting = options.maxPosting ?? DEFAULT_MAX_POSTING;
  const floor = options.floor ?? DEFAULT_FLOOR;
  const shortWords = options.shortWords ?? SHORT_TEXT_WORDS;
  const profiles = sentences.map((s) => profileOf(s.text, floor, shortWords));
  const normalized = profiles.map((p) => p.normalized);

  // Key -> sentences, per document in document scope (so a key's frequency is per document too).
  const postings = new Map<string, number[]>();
  const postingKey = (doc: number, key: string) => (options.scope === 'document' ? `${doc}\u0000${key}` : key);
  profiles.forEach((p, i) => {
    for (const key of p.has) {
      const name = postingKey(sentences[i].doc, key);
      const list = postings.get(name);
      if (list) list.push(i);
      else postings.set(name, [i]);
    }
  });
  const docSizes = new Map<number, number>();
  for (const s of sentences) docSizes.set(s.doc, (docSizes.get(s.doc) ?? 0) + 1);

  const accumulated = new Float64Array(sentences.length);
  const stamp = new Int32Array(sentences.length).fill(-1);
  const best = new Map<string, CandidatePair>();
  profiles.forEach((profile, a) => {
    const n = options.scope === 'document' ? docSizes.get(sentences[a].doc)! : sentences.length;
    const touched: number[] = [];
    const common: Array<[string, number]> = [];
    const lookups: Array<[string, number]> = [
      ...profile.keys,
      ...[...profile.windows].map((w): [string, number] => [w, ACRONYM_WINDOW_WEIGHT]),
    ];
    for (const [key, keyWeight] of lookups) {
      const list = postings.get(postingKey(sentences[a].doc, key));
      if (!list) continue;
      const idf = Math.log(n / list.length) + 1;
      if (list.length > maxPosting) common.push([key, idf * keyWeight]);
      if (list.length > maxPosting) continue;
      const weight = idf * keyWeight;
      for (const b of list) {
        if (b === a) continue;
        if (stamp[b] !== a) {
          stamp[b] = a;
          accumulated[b] = 0;
          touched.push(b);
        }
        accumulated[b] += weight;
      }
    }
    // Common keys propose nothing but still separate the candidates found through a rarer one
    // ("The store stores refunds." shares "refund" with a hundred sentences and "store" with one).
    if (common.length > 0) {
      for (const b of touched)
        for (const [key, weight] of common) if (profiles[b].has.has(key)) accumulated[b] += weight;
    }
    // Highest score first (ties by position, so the choice is reproducible); the exclusion rules and
    // the floor are checked only until k candidates are accepted.
    touched.sort((x, y) => accumulated[y] - accumulated[x] || x - y);
    let accepted = 0;
    for (const b of touched) {
      if (accepted === k) break;
      if (excluded(sentences, normalized, a, b, options.scope)) continue;
      if (!passesFloor(profiles[a], profiles[b])) continue;
      accepted++;
      const pair = { a: Math.min(a, b), b: Math.max(a, b), score: accumulated[b] };
      best.set(`${pair.a},${pair.b}`, pair);
    }
  });
  return [...best.values()].sort((x, y) => x.a - y.a || x.b - y.b);
}

function excluded(
  sentences: readonly CandidateSentence[],
  normalized: readonly string[],
  a: number,
  b: number,
  scope: CrossScope,
): boolean {
  const x = sentences[a];
  const y = sentences[b];
  if (x.doc === y.doc && x.paragraph === y.paragraph) return true;
  if (scope === 'document' && x.doc !== y.doc) return true;
  return normalized[a] === normalized[b];
}

function profileOf(text: string, floor: number, shortWords: number): Profile {
  const analysis = analyzeText(text);
  const terms = analysis.terms;
  const keys = new Map<string, number>();
  for (const term of terms) {
    // Alternative terms are the acronym windows themselves (^ttl): see `windows`.
    if (term.alternative) continue;
    for (const key of term.keys) keys.set(key, Math.max(keys.get(key) ?? 0, term.weight));
  }
  const windows = new Set([...analysis.keys].filter((key) => key.startsWith('@') && !keys.has(key)));
  const has = new Set([...analysis.keys].filter((key) => !windows.has(key)));
  const total = terms.reduce((sum, t) => sum + (t.alternative ? 0 : t.weight), 0);
  // The pairing filter's rule for a claim (src/core/pairing/selector.ts), applied to either side;
  // a sentence without content proposes nothing here.
  const short = isShortStatement(analysis, shortWords);
  const needed = total === 0 ? Infinity : neededEvidence(total, floor, FRACTION, false);
  const neededShort = short && total > 0 ? neededEvidence(total, floor, FRACTION, true) : needed;
  return { terms, keys, has, windows, needed, neededShort, short, normalized: normalize(text) };
}

/** The terms of `from` found in `to`, each counted once with its weight. */
function shared(from: Profile, to: Profile): number {
  let sum = 0;
  // As in the pairing filter: a term is found when the other text has any of its keys, an acronym
  // ("TTL") also when the other text spells it ("time to live").
  for (const term of from.terms)
    if (term.keys.some((key) => to.has.has(key) || to.windows.has(key))) sum += term.weight;
  return sum;
}

function passesFloor(x: Profile, y: Profile): boolean {
  const bothShort = x.short && y.short;
  return (
    shared(x, y) >= (bothShort ? x.neededShort : x.needed) || shared(y, x) >= (bothShort ? y.neededShort : y.needed)
  );
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
