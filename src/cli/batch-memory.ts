// How much a batch run (`check`, `evidence`) keeps in memory. The core's caches are sized for the
// editor, which re-checks the same sentences on every edit; a run over thousands of files meets
// each sentence once and reads one file at a time, so what is worth keeping is the claims and one
// document's sentences. On the kernel documentation the editor's sizes held ~25 MB of live heap
// that the run never read again (docs/benchmarks.md, "Memory").
import { limitNormalizedTextCache } from '../core/check';
import { limitPairingCaches } from '../core/pairing';

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

/** Sentence analyses and pair-selection answers, and normalized texts, kept across files (a miss
 * costs an analysis of one sentence). */
const BATCH_SENTENCE_ENTRIES = 2_000;

/** WordNet lookups kept (a miss costs a binary search of the table): the frequent words of a corpus
 * stay, and the many that occur in one file only make the cache start over. */
const BATCH_WORD_ENTRIES = 10_000;

/** Shrinks the process-wide caches of the core for a batch run. */
export function boundCachesForBatchRun(): void {
  limitPairingCaches({ sentences: BATCH_SENTENCE_ENTRIES, words: BATCH_WORD_ENTRIES });
  limitNormalizedTextCache(2 * BATCH_SENTENCE_ENTRIES); // a sentence's clean and raw text
}
