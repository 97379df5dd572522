// When a scored (claim, sentence) pair becomes a finding, and how severe it is. One module for the
// checker, the CLI's `eval` and its sweep, so a team picks settings on exactly the rule that runs.
//
// - Two tiers: a warning at P(contradiction) >= threshold, an error at >= errorThreshold (off unless
//   set); each tier on its own, the more severe one wins.
// - A margin: NLI models over-predict contradiction from negation cues alone (Gururangan et al.,
//   2018), and a sentence that repeats the claim with a "not" somewhere often comes out torn between
//   entailment and contradiction. With margin m > 0 a pair is flagged only when
//   P(contradiction) - P(entailment) >= m; 0 turns the rule off.
// - Directions: the claim is the premise (the trusted text, as in SummaC and MiniCheck); with
//   'both' the sentence is also scored as the premise, and the two distributions are combined:
//   'max' takes the direction with the higher P(contradiction), 'mean' averages them.
import type { NliLabel } from './nli/types';

export type Direction = 'claim-premise' | 'both';
export type DirectionCombine = 'max' | 'mean';
export type FindingSeverity = 'warning' | 'error';

export interface VerdictOptions {
  /** Warning when P(contradiction) >= threshold. */
  threshold: number;
  /** Error when P(contradiction) >= errorThreshold; undefined or null: no error tier. */
  errorThreshold?: number | null;
  /** Flag only when P(contradiction) - P(entailment) >= margin; 0 or undefined: no margin rule. */
  margin?: number;
  /** Default 'claim-premise'. */
  direction?: Direction;
  /** How 'both' directions are combined; default 'max'. */
  combine?: DirectionCombine;
}

export type Probabilities = Record<NliLabel, number>;

/** One NLI input of a pair: the text used as premise and the one used as hypothesis. */
export interface DirectedPair {
  premise: string;
  hypothesis: string;
}

/** The NLI inputs a (claim, sentence) pair needs under `direction`: the claim as premise first. */
export function directedPairs(
  claimText: string,
  sentenceText: string,
  direction: Direction = 'claim-premise',
): DirectedPair[] {
  const forward = { premise: claimText, hypothesis: sentenceText };
  return direction === 'both' ? [forward, { premise: sentenceText, hypothesis: claimText }] : [forward];
}

/** The probabilities a verdict is taken on: the claim-premise ones, or both directions combined. */
export function combineDirections(scores: readonly Probabilities[], combine: DirectionCombine = 'max'): Probabilities {
  if (scores.length === 1) return scores[0];
  if (combine === 'mean') {
    const mean = (label: NliLabel) => scores.reduce((sum, p) => sum + p[label], 0) / scores.length;
    return { entailment: mean('entailment'), neutral: mean('neutral'), contradiction: mean('contradiction') };
  }
  // The whole distribution of the more contradicting direction, so the margin compares
  // P(contradiction) and P(entailment) of one model output.
  return scores.reduce((best, p) => (p.contradiction > best.contradiction ? p : best));
}

/** The severity of a finding for these probabilities, or undefined when the pair is not flagged. */
export function verdictOf(p: Probabilities, options: VerdictOptions): FindingSeverity | undefined {
  const margin = options.margin ?? 0;
  if (margin > 0 && p.contradiction - p.entailment < margin) return undefined;
  const errorThreshold = options.errorThreshold;
  if (errorThreshold !== undefined && errorThreshold !== null && p.contradiction >= errorThreshold) return 'error';
  return p.contradiction >= options.threshold ? 'warning' : undefined;
}
