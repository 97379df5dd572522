// A bounded LRU of NLI results keyed by (model, claim text, sentence text): an unchanged sentence
// is never scored twice, and a long editing session cannot grow the cache without limit.
import { createHash } from 'node:crypto';
import type { NliScore } from './nli';
import { LruCache } from './util/lru-cache';

export class ScoreCache {
  private readonly entries: LruCache<string, NliScore>;

  constructor(readonly capacity = 200_000) {
    this.entries = new LruCache(capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  get(model: string, pairKey: string): NliScore | undefined {
    return this.remembered(entryKey(model, pairKey));
  }

  set(model: string, pairKey: string, score: NliScore): void {
    this.remember(entryKey(model, pairKey), score);
  }

  /** By entryKey(): a subclass that fills a miss computes the key once. */
  protected remembered(key: string): NliScore | undefined {
    return this.entries.get(key);
  }

  protected remember(key: string, score: NliScore): void {
    this.entries.set(key, score);
  }
}

/**
 * A digest of the pair, not its texts: 40 bytes a key instead of a claim and a sentence (about 250 on
 * the kernel's documentation), and no slice of a document kept alive by the cache. 144 bits of
 * SHA-256: no two pairs share a key in any cache of this size.
 */
export function entryKey(model: string, pairKey: string): string {
  return createHash('sha256')
    .update(`${model.length}:${model}`) // the length: no model name can run on into the pair
    .update(pairKey)
    .digest()
    .toString('base64', 0, 18);
}
