// Cross mode: sentences that contradict each other, with no pinned claim. The candidate pairs come
// from candidates.ts; each pair is scored in both directions (neither sentence is more trusted than
// the other) and the two are combined with the verdict rule of the claim check (src/core/verdict.ts:
// threshold, error tier, margin, 'max' or 'mean'), so one setting means the same in both modes.
import type { DismissedSet } from '../claims';
import { normalizeSentence } from '../claims/dismissal-key';
import type { NliScore } from '../nli';
import type { PairScorer } from '../check';
import { ScoreCache } from '../score-cache';
import type { Sentence } from '../segment';
import { isSilenced, type Suppressions } from '../suppressions';
import {
  combineDirections,
  directedPairs,
  verdictOf,
  type FindingSeverity,
  type Probabilities,
  type VerdictOptions,
} from '../verdict';
import { allPairs, candidatePairs, type CandidatePair, type CandidateSentence, type CrossScope } from './candidates';
import { paragraphIndexes } from './paragraphs';

/** The id suppression comments use for cross findings: `consistency-disable claim=cross`. */
export const CROSS_SUPPRESSION_ID = 'cross';

export interface CrossDocument {
  /** Workspace-relative path with forward slashes. */
  relativePath: string;
  /** The document's text (paragraph boundaries come from it). */
  text: string;
  sentences: Sentence[];
  suppressions?: Suppressions;
}

export interface CrossSide {
  relativePath: string;
  sentence: Sentence;
}

export interface CrossFinding {
  /** The earlier side (by document order in the check, then offset). */
  a: CrossSide;
  b: CrossSide;
  /** The combined probabilities the verdict was taken on. */
  probabilities: Probabilities;
  /** [a as premise, b as premise]. */
  directions: Probabilities[];
  severity: FindingSeverity;
}

export interface CrossOptions extends VerdictOptions {
  scope: CrossScope;
  /** 'smart' (default): candidate pairs from the term index; 'exhaustive': every allowed pair. */
  pairing?: 'smart' | 'exhaustive';
  /** k, the candidates each sentence keeps (candidates.ts). */
  perSentence?: number;
  dismissed?: DismissedSet;
  /** Texts of enabled claims: a sentence that states one is left to the claim check. */
  claimTexts?: readonly string[];
  /** Only pairs with at least one side for which this is true (the editor: sides in open documents). */
  involving?: (side: CrossSide) => boolean;
  signal?: AbortSignal;
  /** Pairs with a side for which this is true are scored first, then onPartial is called. */
  prioritize?: (side: CrossSide) => boolean;
  onPartial?: (findings: CrossFinding[]) => void;
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

export interface CrossStats {
  sentences: number;
  /** Pairs the exclusion rules allow: what an exhaustive check scores. */
  exhaustive: number;
  /** Pairs checked (candidates in smart mode). */
  pairs: number;
  /** Model inputs run (two per pair, fewer when cached or repeated). */
  scored: number;
  cached: number;
}

export interface CrossOutcome {
  findings: CrossFinding[];
  stats: CrossStats;
}

/** The dismissal entry of a pair: "claim" `cross:<file of b>:<sentence b>` on sentence a. */
export function crossDismissal(
  a: { relativePath: string; sentence: string },
  b: { relativePath: string; sentence: string },
) {
  return {
    claimId: `cross:${b.relativePath}:${normalizeSentence(b.sentence)}`,
    file: a.relativePath,
    sentence: a.sentence,
  };
}

export function isCrossDismissed(dismissed: DismissedSet | undefined, a: CrossSide, b: CrossSide): boolean {
  if (!dismissed) return false;
  const x = { relativePath: a.relativePath, sentence: a.sentence.text };
  const y = { relativePath: b.relativePath, sentence: b.sentence.text };
  for (const [p, q] of [
    [x, y],
    [y, x],
  ]) {
    const d = crossDismissal(p, q);
    if (dismissed.has(d.claimId, d.file, d.sentence)) return true;
  }
  return false;
}

interface Indexed extends CandidateSentence {
  side: CrossSide;
  silenced: boolean;
}

export class CrossChecker {
  constructor(
    private readonly scorer: PairScorer,
    readonly cache: ScoreCache = new ScoreCache(),
  ) {}

  async check(documents: readonly CrossDocument[], options: CrossOptions): Promise<CrossOutcome> {
    const sentences = indexSentences(documents, options.claimTexts);
    const all = options.pairing === 'exhaustive';
    const candidates = (all ? allPairs(sentences, options.scope) : candidatePairs(sentences, options)).filter(
      (p) =>
        !sentences[p.a].silenced &&
        !sentences[p.b].silenced &&
        (!options.involving || options.involving(sentences[p.a].side) || options.involving(sentences[p.b].side)),
    );
    const stats: CrossStats = {
      sentences: sentences.length,
      exhaustive: countAllowed(sentences, options.scope, all ? candidates.length : undefined),
      pairs: candidates.length,
      scored: 0,
      cached: 0,
    };
    const prioritize = options.prioritize;
    const isFirst = (p: CandidatePair) =>
      prioritize !== undefined && (prioritize(sentences[p.a].side) || prioritize(sentences[p.b].side));
    const first = prioritize ? candidates.filter(isFirst) : [];
    const rest = prioritize ? candidates.filter((p) => !isFirst(p)) : candidates;

    const scores = new Map<string, NliScore>();
    let done = 0;
    for (const group of first.length > 0 ? [first, rest] : [rest]) {
      await this.scoreGroup(group, sentences, scores, stats, options, (n) => {
        done += n;
        options.onProgress?.(done, candidates.length * 2);
      });
      if (group === first && options.onPartial) options.onPartial(findingsOf(first, sentences, scores, options));
    }
    return { findings: findingsOf(candidates, sentences, scores, options), stats };
  }

  private async scoreGroup(
    group: CandidatePair[],
    sentences: Indexed[],
    scores: Map<string, NliScore>,
    stats: CrossStats,
    options: CrossOptions,
    progress: (n: number) => void,
  ): Promise<void> {
    const pending = new Map<string, { premise: string; hypothesis: string; count: number }>();
    let cached = 0;
    for (const pair of group) {
      for (const input of inputsOf(pair, sentences)) {
        const key = inputKey(input.premise, input.hypothesis);
        const hit = scores.get(key) ?? this.cache.get(this.scorer.modelName, key);
        if (hit) {
          scores.set(key, hit);
          cached++;
        } else {
          const entry = pending.get(key);
          if (entry) entry.count++;
          else pending.set(key, { ...input, count: 1 });
        }
      }
    }
    stats.cached += cached;
    progress(cached);
    const keys = [...pending.keys()];
    const chunkSize = options.chunkSize ?? 64;
    for (let i = 0; i < keys.length; i += chunkSize) {
      options.signal?.throwIfAborted();
      const chunk = keys.slice(i, i + chunkSize);
      const results = await this.scorer.score(
        chunk.map((key) => ({ premise: pending.get(key)!.premise, hypothesis: pending.get(key)!.hypothesis })),
        options.signal,
      );
      chunk.forEach((key, j) => {
        this.cache.set(this.scorer.modelName, key, results[j]);
        scores.set(key, results[j]);
      });
      stats.scored += chunk.length;
      progress(chunk.reduce((n, key) => n + pending.get(key)!.count, 0));
    }
  }
}

function indexSentences(documents: readonly CrossDocument[], claimTexts: readonly string[] = []): Indexed[] {
  const claims = new Set(claimTexts.map(normalizeText));
  const out: Indexed[] = [];
  documents.forEach((doc, d) => {
    const paragraphs = paragraphIndexes(doc.text, doc.sentences);
    const silenced = doc.suppressions?.forSentences(doc.sentences);
    doc.sentences.forEach((sentence, i) => {
      out.push({
        doc: d,
        paragraph: paragraphs[i],
        text: sentence.clean,
        side: { relativePath: doc.relativePath, sentence },
        silenced:
          (silenced !== undefined && isSilenced(silenced[i], CROSS_SUPPRESSION_ID)) ||
          claims.has(normalizeText(sentence.clean)),
      });
    });
  });
  return out;
}

/** Pairs the exclusion rules allow, counted without listing them (for the stats). */
function countAllowed(sentences: Indexed[], scope: CrossScope, known?: number): number {
  if (known !== undefined) return known;
  const perDoc = new Map<number, Map<number, number>>();
  for (const s of sentences) {
    const paragraphs = perDoc.get(s.doc) ?? new Map<number, number>();
    paragraphs.set(s.paragraph, (paragraphs.get(s.paragraph) ?? 0) + 1);
    perDoc.set(s.doc, paragraphs);
  }
  const choose2 = (n: number) => (n * (n - 1)) / 2;
  let samePara = 0;
  let withinDocs = 0;
  for (const paragraphs of perDoc.values()) {
    let docSize = 0;
    for (const n of paragraphs.values()) {
      samePara += choose2(n);
      docSize += n;
    }
    withinDocs += choose2(docSize);
  }
  return (scope === 'document' ? withinDocs : choose2(sentences.length)) - samePara;
}

function inputsOf(pair: CandidatePair, sentences: Indexed[]) {
  return directedPairs(sentences[pair.a].text, sentences[pair.b].text, 'both');
}

function findingsOf(
  pairs: CandidatePair[],
  sentences: Indexed[],
  scores: Map<string, NliScore>,
  options: CrossOptions,
): CrossFinding[] {
  const findings: CrossFinding[] = [];
  for (const pair of pairs) {
    const directions = inputsOf(pair, sentences).map(
      (input) => scores.get(inputKey(input.premise, input.hypothesis))?.probabilities,
    );
    if (directions.some((p) => p === undefined)) continue;
    const scored = directions as Probabilities[];
    const probabilities = combineDirections(scored, options.combine);
    const severity = verdictOf(probabilities, options);
    if (!severity) continue;
    const a = sentences[pair.a].side;
    const b = sentences[pair.b].side;
    if (isCrossDismissed(options.dismissed, a, b)) continue;
    findings.push({ a, b, probabilities, directions: scored, severity });
  }
  return findings;
}

/** The score cache key of one model input: the same as the claim check's, so the two share scores. */
function inputKey(premise: string, hypothesis: string): string {
  return `${premise}\u0000${hypothesis}`;
}

function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
