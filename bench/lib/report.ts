// Shared helpers of the benchmarks: statistics, result files, the machine description.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');
export const BENCH_MODELS = join(ROOT, '.bench-models');
/** The e5-small-v2-shaped int8 model that scripts/bench-models.mjs prepares. */
export const E5_MODEL = join(BENCH_MODELS, 'e5-shape-random');
export const TINY_MODEL = join(ROOT, 'test', 'fixtures', 'tiny-bert-nli');

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    loadAverage: os.loadavg().map((l) => round(l, 2)),
    node: process.version,
  };
}

export function writeResult(name: string, result: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine: machine(), ...result }, null, 2) + '\n',
  );
  return file;
}

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}
