// From sentences and claims to findings: which pairs to score, the score cache, the threshold,
// dismissed findings. Shared by the language server and the CLI; knows nothing of LSP or files.
import type { Claim, DismissedSet } from './claims';
import type { NliPair, NliScore, NliLabel } from './nli';
import type { Sentence } from './segment';
import { isSilenced, type Suppressions } from './suppressions';
import { yieldToEventLoop } from './util/abort';
import { ScoreCache } from './score-cache';
// Verdicts: warning/error tiers, the margin rule, and scoring in both directions.
import {
  combineDirections,
  directedPairs,
  verdictOf,
  type FindingSeverity,
  type Probabilities,
  type VerdictOptions,
} from './verdict';
// Evidence: the sentences that support each claim, from the same scores.
import { supportingDirection, type SupportingSentence } from './evidence';
// Pair selection: a cheap lexical relevance filter in front of the model.
import { PairSelector, type PairingMode } from './pairing';
import { LruCache } from './util/lru-cache';

/** How many pairs the cache lookup handles between two turns of the event loop. */
const YIELD_EVERY_PAIRS = 2000;

/** What the checker needs from the NLI engine; an interface so tests and benches can count calls. */
export interface PairScorer {
  readonly modelName: string;
  score(pairs: NliPair[], signal?: AbortSignal): Promise<NliScore[]>;
}

export interface Finding {
  claim: Claim;
  sentence: Sentence;
  /** The probabilities the verdict was taken on (both directions combined when direction is 'both'). */
  probabilities: Record<NliLabel, number>;
  /** 'error' at or above errorThreshold, else 'warning' (src/core/verdict.ts). */
  severity: FindingSeverity;
  /** With direction 'both': [claim as premise, sentence as premise]. */
  directions?: Probabilities[];
}

/** threshold, errorThreshold, margin, direction and combine: see src/core/verdict.ts. */
export interface CheckOptions extends VerdictOptions {
  dismissed?: DismissedSet;
  signal?: AbortSignal;
  /** Sentences scored first (e.g. those visible in the editor); published via onPartial. */
  prioritize?: (sentence: Sentence) => boolean;
  /** Called with the findings among the prioritized sentences before the rest is scored. */
  onPartial?: (findings: Finding[]) => void;
  /** Progress in pairs: done of total (cached pairs count as done immediately). */
  onProgress?: (done: number, total: number) => void;
  /** Pairs per engine call; smaller means finer cancellation and progress. */
  chunkSize?: number;
  /**
   * Which pairs reach the model. 'smart' (default) skips pairs that share no content with the
   * claim (no common stem, number, unit, acronym or antonym; see src/core/pairing); 'exhaustive'
   * scores every claim x sentence pair. Smart selection depends only on the two texts, so cached
   * results and incremental re-checks behave the same in both modes.
   */
  pairing?: PairingMode;
  /** Collect supporting sentences (P(entailment) >= supportThreshold) into CheckOutcome.support. */
  supportThreshold?: number;
}

export interface DocumentToCheck {
  /** Workspace-relative path with forward slashes (used for claim scope and dismissals). */
  relativePath: string;
  sentences: Sentence[];
  /** The document's inline suppression comments (Suppressions.of(text, language)); none if absent. */
  suppressions?: Suppressions;
}

export interface CheckStats {
  pairs: number;
  scored: number;
  cached: number;
  /** Pairs whose model call failed (left unscored, so they give no finding), and the first error. */
  failed?: number;
  failure?: string;
}

export interface CheckOutcome {
  findings: Finding[];
  stats: CheckStats;
  /** Pairs that smart pairing left out (0 in exhaustive mode); stats.pairs counts the rest. */
  skipped: number;
  /** Sentences that support a claim, when options.supportThreshold is set (else empty). */
  support: SupportingSentence[];
}

interface PendingPair {
  claim: Claim;
  sentence: Sentence;
  key: string;
}

export class Checker {
  constructor(
    private readonly scorer: PairScorer,
    readonly cache: ScoreCache = new ScoreCache(),
  ) {}

  get modelName(): string {
    return this.scorer.modelName;
  }

  /** Checks one document against the claims that apply to it. Rejects with AbortError when cancelled. */
  async check(doc: DocumentToCheck, claims: Claim[], options: CheckOptions): Promise<CheckOutcome> {
    const { pairs, skipped, restating } = planPairs(doc, claims, options.pairing);
    const first = options.prioritize ? pairs.filter((p) => options.prioritize!(p.sentence)) : [];
    const rest = options.prioritize ? pairs.filter((p) => !options.prioritize!(p.sentence)) : pairs;
    const stats: CheckStats = { pairs: pairs.length, scored: 0, cached: 0 };
    let done = 0;
    const progress = (n: number) => {
      done += n;
      options.onProgress?.(done, pairs.length);
    };

    const scores = new Map<string, NliScore>();
    for (const group of first.length > 0 ? [first, rest] : [rest]) {
      await this.scoreGroup(group, scores, stats, progress, options);
      if (group === first && options.onPartial) {
        options.onPartial(collectFindings(doc, first, scores, options));
      }
    }
    // A sentence that states the claim itself supports it without a model call.
    const support: SupportingSentence[] =
      options.supportThreshold === undefined
        ? []
        : restating.map((r) => ({ ...r, probabilities: RESTATES, restates: true }));
    return { findings: collectFindings(doc, pairs, scores, options, support), stats, skipped, support };
  }

  private async scoreGroup(
    group: PendingPair[],
    scores: Map<string, NliScore>,
    stats: CheckStats,
    progress: (n: number) => void,
    options: CheckOptions,
  ): Promise<void> {
    // Each pair needs one model input per direction (verdict.ts); the same input can occur several
    // times in a document (and in both directions of two pairs): score it once.
    const unique = new Map<string, { premise: string; hypothesis: string; count: number }>();
    let cached = 0;
    let looked = 0;
    for (const pair of group) {
      // The cache lookups hash every pair (about 4 ms per 1,000 with the disk cache): yield now and
      // then so that a server keeps answering (shutdown, hovers) during a long document's check.
      if (++looked % YIELD_EVERY_PAIRS === 0) {
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
      }
      for (const input of directedPairs(pair.claim.text, pair.sentence.clean, options.direction)) {
        const key = pairKey(input.premise, input.hypothesis);
        const hit = scores.get(key) ?? this.cache.get(this.scorer.modelName, key);
        if (hit) {
          scores.set(key, hit);
          cached++;
          continue;
        }
        const entry = unique.get(key);
        if (entry) entry.count++;
        else unique.set(key, { ...input, count: 1 });
      }
    }
    stats.cached += cached;
    progress(cached);

    const keys = [...unique.keys()];
    const chunkSize = options.chunkSize ?? 64;
    for (let i = 0; i < keys.length; i += chunkSize) {
      options.signal?.throwIfAborted();
      const chunk = keys.slice(i, i + chunkSize);
      const inputs = chunk.map((key) => ({
        premise: unique.get(key)!.premise,
        hypothesis: unique.get(key)!.hypothesis,
      }));
      let results: NliScore[];
      try {
        results = await this.scorer.score(inputs, options.signal);
      } catch (error) {
        if ((error as Error)?.name === 'AbortError') throw error;
        // One failing model call must not hide the other pairs' results: these stay unscored.
        stats.failed = (stats.failed ?? 0) + chunk.length;
        stats.failure ??= error instanceof Error ? error.message : String(error);
        progress(chunk.reduce((n, key) => n + unique.get(key)!.count, 0));
        continue;
      }
      chunk.forEach((key, j) => {
        this.cache.set(this.scorer.modelName, key, results[j]);
        scores.set(key, results[j]);
      });
      stats.scored += chunk.length;
      progress(chunk.reduce((n, key) => n + unique.get(key)!.count, 0));
    }
  }
}

function collectFindings(
  doc: DocumentToCheck,
  pairs: PendingPair[],
  scores: Map<string, NliScore>,
  options: CheckOptions,
  support?: SupportingSentence[],
): Finding[] {
  const findings: Finding[] = [];
  for (const pair of pairs) {
    const directions = directedPairs(pair.claim.text, pair.sentence.clean, options.direction).map(
      (input) => scores.get(pairKey(input.premise, input.hypothesis))?.probabilities,
    );
    if (directions.some((p) => p === undefined)) continue;
    const scored = directions as Probabilities[];
    if (support && options.supportThreshold !== undefined) {
      const entailing = supportingDirection(scored);
      if (entailing.entailment >= options.supportThreshold)
        support.push({ claim: pair.claim, sentence: pair.sentence, probabilities: entailing });
    }
    const probabilities = combineDirections(scored, options.combine);
    const severity = verdictOf(probabilities, options);
    if (!severity) continue;
    if (options.dismissed?.has(pair.claim.id, doc.relativePath, pair.sentence.text)) continue;
    findings.push({
      claim: pair.claim,
      sentence: pair.sentence,
      probabilities,
      severity,
      ...(scored.length > 1 ? { directions: scored } : {}),
    });
  }
  return findings.sort((a, b) => a.sentence.start - b.sentence.start || a.claim.id.localeCompare(b.claim.id));
}

/**
 * The pairs a check scores: every (claim, sentence) pair of the given claims (the caller passes the
 * enabled, in-scope ones), minus a claim against its own source, minus (in smart mode) the pairs the
 * relevance filter rejects. Exported for `consistency-check pairs` and the benchmarks.
 */
export function planPairs(
  doc: DocumentToCheck,
  claims: Claim[],
  pairing: PairingMode = 'smart',
): {
  pairs: Array<{ claim: Claim; sentence: Sentence; key: string }>;
  skipped: number;
  /** Sentences left out because they state the claim itself (its source, or the same words): evidence. */
  restating: Array<{ claim: Claim; sentence: Sentence }>;
} {
  const selector = pairing === 'smart' ? PairSelector.for(claims.map((c) => c.text)) : undefined;
  // Per-sentence work is done once per check, not once per claim: on every edit of a long document
  // this loop runs over sentences x claims (40,000 pairs for 2,000 sentences and 20 claims). The
  // selector remembers its answer per sentence text, so an edit only analyses the edited sentences.
  const normalized = doc.sentences.map((s) => ({ clean: normalizedOnce(s.clean), text: normalizedOnce(s.text) }));
  // The filter reads sentence.clean, the text the model sees; one pass per sentence for all claims.
  const relevant = selector ? doc.sentences.map((s) => selector.acceptsAll(s.clean)) : undefined;
  // Pairs silenced by a comment in the document are not scored at all.
  const silenced = doc.suppressions?.forSentences(doc.sentences);
  const pairs: PendingPair[] = [];
  const restating: Array<{ claim: Claim; sentence: Sentence }> = [];
  let skipped = 0;
  claims.forEach((claim, claimIndex) => {
    const claimText = normalizeText(claim.text);
    doc.sentences.forEach((sentence, i) => {
      if (isOwnSource(claim, claimText, doc.relativePath, normalized[i])) {
        restating.push({ claim, sentence });
        return;
      }
      if (silenced && isSilenced(silenced[i], claim.id)) return;
      if (relevant && !relevant[i][claimIndex]) {
        skipped++;
        return;
      }
      pairs.push({ claim, sentence, key: pairKey(claim.text, sentence.clean) });
    });
  });
  return { pairs, skipped, restating };
}

/**
 * A sentence is never checked against the claim pinned from it. Offsets drift as the document is
 * edited, so the source is recognised by text: the sentence that says exactly the claim, or, in the
 * claim's source file, the sentence that contains it (a claim may be a selected clause).
 */
function isOwnSource(
  claim: Claim,
  claimText: string,
  relativePath: string,
  sentence: { clean: string; text: string },
): boolean {
  // `sentence` holds the normalizeText() forms of the sentence's clean text and raw text.
  if (sentence.clean === claimText || sentence.text === claimText) return true;
  return claim.source?.file === relativePath && sentence.clean.includes(claimText);
}

/** normalizeText, remembered for recent texts (the sentences of the documents being edited). */
const normalizedTexts = new LruCache<string, string>(40_000);
/** Bounds the normalized-text cache (a batch run meets each sentence once). */
export function limitNormalizedTextCache(entries: number): void {
  normalizedTexts.resize(entries);
}
function normalizedOnce(text: string): string {
  let normalized = normalizedTexts.get(text);
  if (normalized === undefined) {
    normalized = normalizeText(text);
    normalizedTexts.set(text, normalized);
  }
  return normalized;
}

export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** What a sentence that states the claim itself is recorded with as support (it is not scored). */
const RESTATES = { entailment: 1, neutral: 0, contradiction: 0 };

/** The cache key of one model input; the claim-premise key of a pair is pairKey(claim, sentence). */
function pairKey(premise: string, hypothesis: string): string {
  return `${premise}\u0000${hypothesis}`;
}
