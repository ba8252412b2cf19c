/**
 * Forgets a Map's oldest entries (a Map keeps insertion order) until it holds at most `capacity`.
 *
 * Why an iterator kept from call to call, not a fresh `map.keys().next()` each time: V8 leaves a
 * hole where an entry was deleted until it rebuilds the table, and a fresh iterator walks every
 * hole from the start. Evicting one entry per insert from a full Map of 10,000 (ADVANCE.AI's media
 * URLs, three per detection result) thus cost ~7 µs each (issue 13). A kept iterator passes each
 * hole once, and Map iterators see later inserts and deletes (ECMA-262, %MapIteratorPrototype%),
 * so the entry it yields next is always the oldest one left: everything before it was evicted.
 */
export function createEvictor<K>(map: Map<K, unknown>): (capacity: number) => void {
  let oldest: Iterator<K> | undefined;
  return (capacity) => {
    while (map.size > capacity) {
      oldest ??= map.keys();
      const next = oldest.next();
      // Only a map emptied under it ends the iterator; a fresh one starts from the (new) oldest.
      if (next.done) oldest = undefined;
      else map.delete(next.value);
    }
  };
}
