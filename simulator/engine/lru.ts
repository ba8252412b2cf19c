import { createEvictor } from './evict-oldest.js';

/**
 * A Map that forgets its least recently used entries past `capacity` (a JavaScript Map keeps
 * insertion order, so re-inserting on use keeps the oldest first). Reading with `get` counts as use.
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly evict = createEvictor(this.entries);
  /** The key used last: using it again changes no order (one team under load reads the same partition on every request). */
  private newest: K | undefined;

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, value);
      this.newest = key;
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.newest = key;
    this.evict(this.capacity);
  }

  /** Forgets every entry the test holds for; how many. */
  deleteWhere(test: (key: K, value: V) => boolean): number {
    let count = 0;
    for (const [key, value] of this.entries) if (test(key, value) && this.entries.delete(key)) count++;
    return count;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
