// Smart pair selection: which (claim, sentence) pairs are worth sending to the NLI model.
// A sentence can only contradict a claim it talks about, and a sentence that talks about a claim
// almost always shares some of its wording: content words (after stemming), numbers, units,
// acronyms, an antonym of one of its words ("disabled" for "enabled"), or a WordNet synonym, hypernym
// or antonym ("cop" for "policeman", "empty" for "full"). The filter scores that
// shared evidence and lets a pair through when it reaches a floor. It is a pure function of the
// claim text and the sentence text, so an unchanged sentence never changes its selection (edits
// re-score only edited sentences) and `consistency-check pairs` is reproducible.
// The floor is justified by bench/pairing.ts (docs/benchmarks.md): on bench/corpus it keeps all 21
// hand-annotated contradictions and, in the fixture model's domain, every true contradiction the
// exhaustive mode flags, while sending about 1/17 of the sentence x claim pairs to the model (1/5
// for claims against their own document; 1/31 and 1/8 before the short-statement rule, 1/87 and
// 1/11 before WordNet). Floor 2 loses one paraphrase. Between two short statements (NLI-style
// sentences, SHORT_TEXT_WORDS) the floor is one content word: bench/paraphrase.ts.
import { LruCache } from '../util/lru-cache';
import { analyzeText, type Term } from './terms';
import { limitConceptKeyCache } from './wordnet';

export type PairingMode = 'smart' | 'exhaustive';

export interface PairSelectorOptions {
  /** Shared evidence (in content words; generic words count GENERIC_WEIGHT) needed to score a pair. */
  floor?: number;
  /** A claim with little content needs less: the floor is at most this fraction of its total weight. */
  fraction?: number;
  /** Texts of at most this many words are short statements (default SHORT_TEXT_WORDS; 0: none is). */
  shortWords?: number;
}

export const DEFAULT_FLOOR = 1.5;
export const DEFAULT_FRACTION = 0.5;
/** Statements of at most this many words are short (docs/benchmarks.md has the sweep). */
export const SHORT_TEXT_WORDS = 12;
/** Between two short statements one shared content word is enough. That is what most NLI-style
 * contradictions share: the subject ("A man is hiking in the mountains." / "A man is lying in bed
 * at home."), the object ("A man is strumming a guitar." / "Nobody is playing a guitar.") or the
 * place, with the rest changed. A three-word claim otherwise needs 1.5 words. Not for longer texts:
 * a documentation sentence shares a word with most sentences of its document (its subject). */
export const SHORT_PAIR_FLOOR = 1;

/** Evidence a text of this total term weight needs from another: min(floor, fraction of it), at
 * least one content word (or all of a text that has less); 0 for a text without content ("It
 * is."), which gives the filter nothing to go on. `bothShort`: the two texts are short statements. */
export function neededEvidence(total: number, floor: number, fraction: number, bothShort: boolean): number {
  if (total === 0) return 0;
  const needed = Math.max(Math.min(floor, fraction * total), Math.min(1, total));
  return bothShort ? Math.min(needed, SHORT_PAIR_FLOOR) : needed;
}

/** A short statement: at most `shortWords` words, and a statement rather than a heading (terms.ts). */
export function isShortStatement(
  text: { words: number; statement: boolean },
  shortWords: number = SHORT_TEXT_WORDS,
): boolean {
  return text.statement && text.words <= shortWords;
}

/** What the filter needs of a sentence: the keys of its terms (see analyzeText). */
export interface SentenceKeys {
  /** Distinct; an array, not analyzeText's Set: about 1.3 KB less a sentence in the cache below. */
  keys: readonly string[];
  /** Its word tokens, and whether it reads as a statement (isShortStatement). */
  words: number;
  statement: boolean;
}

/** Keys of recent sentence texts, shared by all selectors: every edit re-checks the same sentences.
 * About 2 KB per sentence with its words' WordNet lookups (3 KB when the keys were a Set), so at
 * most ~40 MB even in a long workspace check. */
const sentenceKeys = new LruCache<string, SentenceKeys>(20_000);

/** Answers each selector remembers (see acceptsAll). */
let answerEntries = 20_000;

/** Bounds the pairing caches: the shared sentence keys, each selector's remembered answers and
 * WordNet's remembered lookups. A batch run over many files meets each sentence once, so it keeps a
 * few thousand instead of the editor's 20,000; the answers' keys are sentence texts, slices that
 * keep their documents alive. */
export function limitPairingCaches(limits: { sentences: number; words: number }): void {
  sentenceKeys.resize(limits.sentences);
  answerEntries = limits.sentences;
  for (const selector of selectors.values()) selector.limitAnswers(limits.sentences);
  limitConceptKeyCache(limits.words);
}

export function analyzeSentence(text: string): SentenceKeys {
  let analysis = sentenceKeys.get(text);
  if (!analysis) {
    const { keys, words, statement } = analyzeText(text);
    analysis = { keys: [...keys], words, statement };
    sentenceKeys.set(text, analysis);
  }
  return analysis;
}

/** Recently used selectors: a few claim sets (one per scope combination) are in use at a time. */
const selectors = new LruCache<string, PairSelector>(16);

interface ClaimProfile {
  terms: Term[];
  /** Evidence a sentence must share with this claim, and a short sentence when the claim is short. */
  needed: number;
  neededShort: number;
}

export class PairSelector {
  private readonly profiles: ClaimProfile[];
  /** Inverted index: key -> ids of the claim terms that have it (term ids index the arrays below). */
  private readonly index = new Map<string, number[]>();
  private readonly termClaim: Int32Array;
  private readonly termWeight: Float64Array;
  /** Per term, the last sentence it was counted for, so a term with several matching keys counts once. */
  private readonly termSeen: Int32Array;
  private sentenceStamp = 0;
  private readonly answers = new LruCache<string, boolean[]>(answerEntries);
  private readonly shortWords: number;

  /** A selector for these claims, reused across checks while the claims stay the same (each check
   * of a document, on every edit, asks about the same claims). */
  static for(claimTexts: readonly string[], options: PairSelectorOptions = {}): PairSelector {
    const key = JSON.stringify([claimTexts, options.floor, options.fraction, options.shortWords]);
    let selector = selectors.get(key);
    if (!selector) {
      selector = new PairSelector(claimTexts, options);
      selectors.set(key, selector);
    }
    return selector;
  }

  constructor(claimTexts: readonly string[], options: PairSelectorOptions = {}) {
    const floor = options.floor ?? DEFAULT_FLOOR;
    const fraction = options.fraction ?? DEFAULT_FRACTION;
    const shortWords = (this.shortWords = options.shortWords ?? SHORT_TEXT_WORDS);
    this.profiles = claimTexts.map((text) => {
      const analysis = analyzeText(text);
      const { terms } = analysis;
      const total = terms.reduce((sum, t) => sum + (t.alternative ? 0 : t.weight), 0);
      const needed = neededEvidence(total, floor, fraction, false);
      const short = isShortStatement(analysis, shortWords);
      return { terms, needed, neededShort: short ? neededEvidence(total, floor, fraction, true) : needed };
    });
    const termCount = this.profiles.reduce((n, p) => n + p.terms.length, 0);
    this.termClaim = new Int32Array(termCount);
    this.termWeight = new Float64Array(termCount);
    this.termSeen = new Int32Array(termCount);
    let id = 0;
    this.profiles.forEach((profile, claimIndex) => {
      for (const term of profile.terms) {
        this.termClaim[id] = claimIndex;
        this.termWeight[id] = term.weight;
        for (const key of new Set(term.keys)) {
          const list = this.index.get(key);
          if (list) list.push(id);
          else this.index.set(key, [id]);
        }
        id++;
      }
    });
  }

  limitAnswers(entries: number): void {
    this.answers.resize(entries);
  }

  /** Shared evidence between each claim and a sentence (text or analyzeSentence() result), by claim index. */
  evidenceAll(sentence: string | SentenceKeys): Float64Array {
    const { keys } = typeof sentence === 'string' ? analyzeSentence(sentence) : sentence;
    const evidence = new Float64Array(this.profiles.length);
    const stamp = ++this.sentenceStamp;
    for (const key of keys) {
      const terms = this.index.get(key);
      if (!terms) continue;
      for (const term of terms) {
        if (this.termSeen[term] === stamp) continue;
        this.termSeen[term] = stamp;
        evidence[this.termClaim[term]] += this.termWeight[term];
      }
    }
    return evidence;
  }

  /** For each claim (by index), whether the pair with this sentence is worth scoring. One pass over
   * the sentence's keys for all claims: the cost of a check grows with sentences, not pairs. Given
   * a text, the answer is remembered, so re-checking an edited document only analyses what changed. */
  acceptsAll(sentence: string | SentenceKeys): readonly boolean[] {
    if (typeof sentence !== 'string') return this.decide(sentence);
    let answer = this.answers.get(sentence);
    if (!answer) {
      answer = this.decide(analyzeSentence(sentence));
      this.answers.set(sentence, answer);
    }
    return answer;
  }

  private decide(sentence: SentenceKeys): boolean[] {
    const evidence = this.evidenceAll(sentence);
    const short = isShortStatement(sentence, this.shortWords);
    return this.profiles.map((p, i) => evidence[i] >= (short ? p.neededShort : p.needed));
  }

  /** Shared evidence between claim `claimIndex` and a sentence. */
  evidence(claimIndex: number, sentence: string | SentenceKeys): number {
    return this.evidenceAll(sentence)[claimIndex];
  }

  /** True when the pair is worth scoring. */
  accepts(claimIndex: number, sentence: string | SentenceKeys): boolean {
    const keys = typeof sentence === 'string' ? analyzeSentence(sentence) : sentence;
    const profile = this.profiles[claimIndex];
    const short = isShortStatement(keys, this.shortWords);
    return this.evidence(claimIndex, keys) >= (short ? profile.neededShort : profile.needed);
  }
}
