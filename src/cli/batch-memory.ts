// How much a batch run (`check`, `evidence`) keeps in memory. The core's caches are sized for the
// editor, which re-checks the same sentences on every edit; a run over thousands of files meets
// each sentence once and reads one file at a time, so what is worth keeping is the claims and one
// document's sentences. On the kernel documentation the editor's sizes held ~25 MB of live heap
// that the run never read again (docs/benchmarks.md, "Memory").
import { limitNormalizedTextCache } from '../core/check';
import { limitSentenceKeyCache } from '../core/pairing';

/**
 * Pair scores kept in memory. The Checker dedupes within a file, so this only serves sentences
 * repeated across files; the persistent cache, when on, remembers the rest. Not smaller: a pair
 * scored again lands in another batch, and the int8 model's per-batch quantization moves its
 * probability in the 4th decimal (5,000 changed 2 of 16,908 findings on the whole kernel
 * Documentation at the bench's threshold).
 */
export const BATCH_MEMORY_PAIRS = 20_000;

/** Token lists kept by the engine: the claims and the sentences of the file being scored (a
 * miss costs a tokenization, not a model call). */
export const BATCH_TOKEN_CACHE_ENTRIES = 2_000;

/** Sentence analyses (pair selection) and normalized texts kept across files (a miss costs an
 * analysis of one sentence). */
const BATCH_SENTENCE_ENTRIES = 2_000;

/** Shrinks the process-wide caches of the core for a batch run. */
export function boundCachesForBatchRun(): void {
  limitSentenceKeyCache(BATCH_SENTENCE_ENTRIES);
  limitNormalizedTextCache(2 * BATCH_SENTENCE_ENTRIES); // a sentence's clean and raw text
}
