// `--shard K/N`: N CI jobs, each checking one contiguous slice of the sorted file list, balanced by
// size, so that together they check every file exactly once. The slice depends only on the list's
// paths and sizes, so every job computes the same split without talking to the others.
import { UsageError } from './args';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count || count > 10_000) {
    throw new UsageError(`--shard must be K/N with 1 <= K <= N (e.g. 2/3), not '${value}'`);
  }
  return { index, count };
}

/**
 * The files of shard K of N: sorted by path (code-unit order, the same on every runner), then cut
 * where the running total of sizes crosses K/N of the whole, so shards hold about equal bytes.
 * Each file belongs to the shard its midpoint falls in, which puts every file in exactly one.
 */
export function shardSlice(files: ReadonlyArray<{ file: string; size: number }>, shard: Shard): string[] {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // +1 per file: empty files still spread across shards instead of all landing in the first.
  const weight = (f: { size: number }) => f.size + 1;
  const total = sorted.reduce((n, f) => n + weight(f), 0);
  const picked: string[] = [];
  let before = 0;
  for (const f of sorted) {
    const midpoint = before + weight(f) / 2;
    before += weight(f);
    const owner = Math.min(shard.count, Math.floor((midpoint / total) * shard.count) + 1);
    if (owner === shard.index) picked.push(f.file);
  }
  return picked;
}

/** SARIF runAutomationDetails.id: one code-scanning category per shard. */
export function automationId(shard: Shard | undefined): string {
  return shard ? `consistency/${shard.index}-of-${shard.count}` : 'consistency/all';
}
