// A bounded least-recently-used map. Claims are re-scored against every sentence and
// sentences are re-scored on every edit, so the same texts are tokenized over and over.

export class LruCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private capacity: number) {}

  /** Changes the bound; when it shrinks, the least recently used entries go now. */
  resize(capacity: number): void {
    this.capacity = capacity;
    while (this.map.size > capacity) this.map.delete(this.map.keys().next().value as K);
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // Map iteration order is insertion order: re-inserting marks the entry most recent.
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value as K);
    }
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }

  get size(): number {
    return this.map.size;
  }
}
