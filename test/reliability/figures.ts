// Counts for `npm run test:reliability`: how many random inputs, edits and faults the suite tried,
// and how many crashes, hangs, lost writes and other broken properties it saw (target: zero).
// Every test reports here; scripts/reliability.mjs reads the totals (RELIABILITY_FIGURES, a JSON
// file written when the mocha process exits) and prints them with the final pass/fail line.
//
// Scale and seed: RELIABILITY_SCALE multiplies every count (1 in CI, 10 for `npm run soak`);
// RELIABILITY_SEED fixes every random choice, so a failure is reproduced by the same seed.
import { writeFileSync } from 'node:fs';

export const SEED = Number(process.env.RELIABILITY_SEED ?? 6_2024);
export const SCALE = Math.max(0.1, Number(process.env.RELIABILITY_SCALE ?? 1));

/** `n` scaled by RELIABILITY_SCALE, at least 1. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * SCALE));
}

export type TrialKind = 'inputs' | 'edits' | 'faults';
export type ProblemKind = 'crashes' | 'hangs' | 'lostWrites' | 'failures';

export interface Figures {
  seed: number;
  scale: number;
  inputs: number;
  edits: number;
  faults: number;
  crashes: number;
  hangs: number;
  lostWrites: number;
  /** Broken properties that are not crashes, hangs or lost writes (wrong offsets, wrong diagnostics...). */
  failures: number;
  /** Per test area: what was tried there. */
  areas: Record<string, Partial<Record<TrialKind | ProblemKind, number>>>;
  /** The first problems seen, for the report. */
  problems: Array<{ area: string; kind: ProblemKind; detail: string }>;
  /** Measurements worth keeping (latencies, memory), by name. */
  measures: Record<string, number | string>;
}

const figures: Figures = {
  seed: SEED,
  scale: SCALE,
  inputs: 0,
  edits: 0,
  faults: 0,
  crashes: 0,
  hangs: 0,
  lostWrites: 0,
  failures: 0,
  areas: {},
  problems: [],
  measures: {},
};

function bump(area: string, key: TrialKind | ProblemKind, n: number): void {
  figures[key] += n;
  const a = (figures.areas[area] ??= {});
  a[key] = (a[key] ?? 0) + n;
}

/** Records `n` trials of a kind (random inputs, edits or injected faults) in an area. */
export function tried(area: string, kind: TrialKind, n = 1): void {
  bump(area, kind, n);
}

/** Records a problem; the test should also fail (assert) so mocha reports it. */
export function problem(area: string, kind: ProblemKind, detail: string): void {
  bump(area, kind, 1);
  if (figures.problems.length < 50) figures.problems.push({ area, kind, detail: detail.slice(0, 500) });
}

export function measure(name: string, value: number | string): void {
  figures.measures[name] = value;
}

export function currentFigures(): Readonly<Figures> {
  return figures;
}

process.on('exit', () => {
  const out = process.env.RELIABILITY_FIGURES;
  if (out) writeFileSync(out, JSON.stringify(figures, null, 2));
});
