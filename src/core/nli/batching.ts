// Groups inputs into model calls. Sorting by length and batching neighbours means each batch is
// padded only to its own longest input, so a document of short sentences never pays for one long
// paragraph. The token budget caps padded batch size (memory and attention cost grow with it), and
// the attention budget caps batch x width^2: attention memory grows with the square of the width, so
// a token budget alone let 16 pairs of ~216 tokens peak at 486 MB instead of 262 MB (bench/engine-tuning.ts).

export interface BatchLimits {
  /** Most inputs per batch. */
  maxBatchSize: number;
  /** Most padded tokens (batch size x longest input) per batch; a single longer input still runs alone. */
  maxBatchTokens: number;
  /** Most attention cells (batch size x longest input^2) per batch; a single longer input still runs alone. */
  maxAttentionCells?: number;
}

/** Returns batches of input indices; every index appears exactly once. */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const order = lengths.map((_, i) => i).sort((x, y) => lengths[x] - lengths[y] || x - y);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const index of order) {
    // Sorted ascending, so the newest index is the batch's longest.
    const paddedTokens = (current.length + 1) * lengths[index];
    const attentionCells = paddedTokens * lengths[index];
    const full =
      current.length >= limits.maxBatchSize ||
      paddedTokens > limits.maxBatchTokens ||
      attentionCells > (limits.maxAttentionCells ?? Infinity);
    if (current.length > 0 && full) {
      batches.push(current);
      current = [];
    }
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
