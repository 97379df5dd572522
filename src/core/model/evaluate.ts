// Labelled NLI data and the metrics `eval` reports: accuracy, and per-label precision, recall
// and F1 (with their macro average and the confusion matrix), so a model swap or a conversion
// change can be judged on the same numbers as published results.
import type { NliLabel } from '../nli';
import { verdictOf, type Probabilities } from '../verdict';

export const EVAL_LABELS: readonly NliLabel[] = ['entailment', 'neutral', 'contradiction'];

export interface LabelledPair {
  premise: string;
  hypothesis: string;
  label: NliLabel;
}

export interface LabelledData {
  pairs: LabelledPair[];
  /** Rows without a gold label (SNLI's "-" / -1), left out of the metrics. */
  skipped: number;
}

export class EvalDataError extends Error {}

/** MNLI/SNLI integer labels as the GLUE datasets number them. */
const INTEGER_LABELS: Record<number, NliLabel> = { 0: 'entailment', 1: 'neutral', 2: 'contradiction' };

/**
 * Parses a JSON array of {premise, hypothesis, label} or JSON lines of the same; labels are the
 * three names (any case) or 0/1/2 in GLUE's order.
 */
export function parseLabelledPairs(text: string, source: string): LabelledData {
  const trimmed = text.trimStart();
  let rows: Array<{ value: unknown; where: string }>;
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new EvalDataError(`${source}: not valid JSON: ${(err as Error).message}`);
    }
    rows = (parsed as unknown[]).map((value, i) => ({ value, where: `${source}[${i}]` }));
  } else {
    rows = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        rows.push({ value: JSON.parse(line), where: `${source}:${i + 1}` });
      } catch (err) {
        throw new EvalDataError(`${source}:${i + 1}: not valid JSON: ${(err as Error).message}`);
      }
    });
  }
  const data: LabelledData = { pairs: [], skipped: 0 };
  for (const { value, where } of rows) {
    const row = value as Record<string, unknown> | null;
    if (!row || typeof row !== 'object' || typeof row.premise !== 'string' || typeof row.hypothesis !== 'string') {
      throw new EvalDataError(`${where}: expected an object with string "premise" and "hypothesis"`);
    }
    if (row.label === '-' || row.label === -1) {
      data.skipped++;
      continue;
    }
    const label =
      typeof row.label === 'number'
        ? INTEGER_LABELS[row.label]
        : EVAL_LABELS.find((l) => l === String(row.label).trim().toLowerCase());
    if (!label)
      throw new EvalDataError(
        `${where}: label ${JSON.stringify(row.label)} is not entailment, neutral, contradiction (or 0, 1, 2)`,
      );
    data.pairs.push({ premise: row.premise, hypothesis: row.hypothesis, label });
  }
  if (data.pairs.length === 0) throw new EvalDataError(`${source}: no labelled pairs`);
  return data;
}

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Gold pairs with this label. */
  support: number;
  /** Pairs the model gave this label. */
  predicted: number;
}

export interface EvalReport {
  total: number;
  correct: number;
  accuracy: number;
  labels: Record<NliLabel, LabelMetrics>;
  macro: { precision: number; recall: number; f1: number };
  /** confusion[gold][predicted] = count. */
  confusion: Record<NliLabel, Record<NliLabel, number>>;
}

export function evaluatePredictions(gold: readonly NliLabel[], predicted: readonly NliLabel[]): EvalReport {
  if (gold.length !== predicted.length) throw new Error('gold and predicted label lists differ in length');
  const zeroRow = (): Record<NliLabel, number> => ({ entailment: 0, neutral: 0, contradiction: 0 });
  const confusion = { entailment: zeroRow(), neutral: zeroRow(), contradiction: zeroRow() };
  gold.forEach((g, i) => confusion[g][predicted[i]]++);
  const correct = EVAL_LABELS.reduce((sum, l) => sum + confusion[l][l], 0);
  const labels = {} as Record<NliLabel, LabelMetrics>;
  for (const label of EVAL_LABELS) {
    const truePositive = confusion[label][label];
    const support = EVAL_LABELS.reduce((sum, p) => sum + confusion[label][p], 0);
    const predictedCount = EVAL_LABELS.reduce((sum, g) => sum + confusion[g][label], 0);
    // 0/0 is reported as 0 (scikit-learn's zero_division=0), so a label never predicted scores 0.
    const precision = predictedCount > 0 ? truePositive / predictedCount : 0;
    const recall = support > 0 ? truePositive / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    labels[label] = { precision, recall, f1, support, predicted: predictedCount };
  }
  const mean = (key: 'precision' | 'recall' | 'f1') =>
    EVAL_LABELS.reduce((sum, l) => sum + labels[l][key], 0) / EVAL_LABELS.length;
  return {
    total: gold.length,
    correct,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    labels,
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    confusion,
  };
}

/** The highest-probability label. */
export function topLabel(probabilities: Record<NliLabel, number>): NliLabel {
  return EVAL_LABELS.reduce((best, l) => (probabilities[l] > probabilities[best] ? l : best), EVAL_LABELS[0]);
}

/** How well a verdict rule finds the gold contradictions: contradiction against everything else. */
export interface ContradictionMetrics {
  /** Pairs the rule flags. */
  flagged: number;
  /** Gold contradictions. */
  support: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

export function contradictionMetrics(gold: readonly NliLabel[], flagged: readonly boolean[]): ContradictionMetrics {
  if (gold.length !== flagged.length) throw new Error('gold labels and flags differ in length');
  let truePositives = 0;
  let flaggedCount = 0;
  let support = 0;
  gold.forEach((label, i) => {
    if (label === 'contradiction') support++;
    if (flagged[i]) flaggedCount++;
    if (flagged[i] && label === 'contradiction') truePositives++;
  });
  // 0/0 is 0, as for the per-label metrics above.
  const precision = flaggedCount > 0 ? truePositives / flaggedCount : 0;
  const recall = support > 0 ? truePositives / support : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { flagged: flaggedCount, support, truePositives, precision, recall, f1 };
}

export interface SweepRow extends ContradictionMetrics {
  threshold: number;
}

/** Thresholds 0.05, 0.10, ... 0.95: the rows of `eval --sweep`. */
export const SWEEP_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/**
 * The contradiction metrics of the verdict rule at each threshold, the margin held fixed (the
 * error tier plays no part: a pair is flagged at any severity). `probabilities` are the ones the
 * checker decides on (both directions already combined when asked).
 */
export function thresholdSweep(
  gold: readonly NliLabel[],
  probabilities: readonly Probabilities[],
  margin: number,
  thresholds: readonly number[] = SWEEP_THRESHOLDS,
): SweepRow[] {
  return thresholds.map((threshold) => ({
    threshold,
    ...contradictionMetrics(
      gold,
      probabilities.map((p) => verdictOf(p, { threshold, margin }) !== undefined),
    ),
  }));
}
