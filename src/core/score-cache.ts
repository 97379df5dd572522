// A bounded LRU of NLI results keyed by (model, claim text, sentence text): an unchanged sentence
// is never scored twice, and a long editing session cannot grow the cache without limit.
import type { NliScore } from './nli';

export class ScoreCache {
  private readonly entries = new Map<string, NliScore>();

  constructor(readonly capacity = 200_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(model: string, pairKey: string): NliScore | undefined {
    const key = `${model}\u0001${pairKey}`;
    const value = this.entries.get(key);
    if (value) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(model: string, pairKey: string, score: NliScore): void {
    const key = `${model}\u0001${pairKey}`;
    this.entries.delete(key);
    this.entries.set(key, score);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}
