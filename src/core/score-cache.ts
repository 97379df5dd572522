// A bounded LRU of NLI results keyed by (model, claim text, sentence text): an unchanged sentence
// is never scored twice, and a long editing session cannot grow the cache without limit.
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
    return this.entries.get(`${model}\u0001${pairKey}`);
  }

  set(model: string, pairKey: string, score: NliScore): void {
    this.entries.set(`${model}\u0001${pairKey}`, score);
  }
}
