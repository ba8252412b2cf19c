import { describe, expect, it } from 'vitest';
import { LruMap } from '../../simulator/engine/lru.js';

const keys = (lru: LruMap<string, number>) => ['a', 'b', 'c', 'd', 'e'].filter((k) => lru.get(k) !== undefined);

describe('LruMap forgets the least recently used entry past its capacity', () => {
  it('evicts the oldest set when nothing was read', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.get('a')).toBeUndefined();
  });

  it('counts a read as a use, however often the same key is read in a row', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.get('a');
    lru.set('c', 3);
    expect(lru.get('b')).toBeUndefined();
    expect(lru.get('a')).toBe(1);
  });

  it('keeps the order right after the newest entry is deleted and set again', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.deleteWhere((k) => k === 'b');
    lru.get('a');
    lru.set('b', 20);
    lru.get('a');
    lru.set('c', 3);
    expect(keys(lru).sort()).toEqual(['a', 'c']);
  });
});
