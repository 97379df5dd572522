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
// exhaustive mode flags, while sending about 1/31 of the sentence x claim pairs to the model (1/8
// for claims against their own document; 1/87 and 1/11 before WordNet). Floor 2 loses one paraphrase.
import { LruCache } from '../util/lru-cache';
import { analyzeText, type Term } from './terms';

export type PairingMode = 'smart' | 'exhaustive';

export interface PairSelectorOptions {
  /** Shared evidence (in content words; generic words count GENERIC_WEIGHT) needed to score a pair. */
  floor?: number;
  /** A claim with little content needs less: the floor is at most this fraction of its total weight. */
  fraction?: number;
}

export const DEFAULT_FLOOR = 1.5;
export const DEFAULT_FRACTION = 0.5;

/** What the filter needs of a sentence: the keys of its terms (see analyzeText). */
export interface SentenceKeys {
  keys: ReadonlySet<string>;
}

/** Keys of recent sentence texts, shared by all selectors: every edit re-checks the same sentences.
 * About 2-3 KB per sentence, so at most ~50 MB even in a long workspace check. */
const sentenceKeys = new LruCache<string, SentenceKeys>(20_000);

/** Bounds the shared sentence-key cache: a batch run over many files meets each sentence once,
 * so it keeps a few thousand instead of the editor's 20,000. */
export function limitSentenceKeyCache(entries: number): void {
  sentenceKeys.resize(entries);
}

export function analyzeSentence(text: string): SentenceKeys {
  let analysis = sentenceKeys.get(text);
  if (!analysis) {
    analysis = { keys: analyzeText(text).keys };
    sentenceKeys.set(text, analysis);
  }
  return analysis;
}

/** Recently used selectors: a few claim sets (one per scope combination) are in use at a time. */
const selectors = new LruCache<string, PairSelector>(16);

interface ClaimProfile {
  terms: Term[];
  /** Evidence a sentence must share with this claim. */
  needed: number;
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
  private readonly answers = new LruCache<string, boolean[]>(20_000);

  /** A selector for these claims, reused across checks while the claims stay the same (each check
   * of a document, on every edit, asks about the same claims). */
  static for(claimTexts: readonly string[], options: PairSelectorOptions = {}): PairSelector {
    const key = JSON.stringify([claimTexts, options.floor, options.fraction]);
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
    this.profiles = claimTexts.map((text) => {
      const { terms } = analyzeText(text);
      const total = terms.reduce((sum, t) => sum + (t.alternative ? 0 : t.weight), 0);
      // A claim without content words ("It is.") gives the filter nothing to go on: score every
      // sentence against it. Otherwise a pair must share something, at least one content word
      // (or all of a claim that has less).
      return { terms, needed: total === 0 ? 0 : Math.max(Math.min(floor, fraction * total), Math.min(1, total)) };
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
    if (typeof sentence !== 'string') return this.decide(this.evidenceAll(sentence));
    let answer = this.answers.get(sentence);
    if (!answer) {
      answer = this.decide(this.evidenceAll(sentence));
      this.answers.set(sentence, answer);
    }
    return answer;
  }

  private decide(evidence: Float64Array): boolean[] {
    return this.profiles.map((p, i) => evidence[i] >= p.needed);
  }

  /** Shared evidence between claim `claimIndex` and a sentence. */
  evidence(claimIndex: number, sentence: string | SentenceKeys): number {
    return this.evidenceAll(sentence)[claimIndex];
  }

  /** True when the pair is worth scoring. */
  accepts(claimIndex: number, sentence: string | SentenceKeys): boolean {
    return this.evidence(claimIndex, sentence) >= this.profiles[claimIndex].needed;
  }
}
