import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEvictor } from '../../simulator/engine/evict-oldest.js';

/** What the evictor must do: keep the `capacity` entries inserted (or re-inserted) last. */
function model(ops: Op[], capacity: number): string[] {
  let order: string[] = [];
  for (const op of ops) {
    order = order.filter((key) => key !== op.key);
    if (op.kind === 'set') order.push(op.key);
    if (op.kind === 'clear') order = [];
    order = order.slice(Math.max(0, order.length - capacity));
  }
  return order;
}

type Op = { kind: 'set' | 'delete' | 'clear'; key: string };
const op = fc.record({
  kind: fc.constantFrom<Op['kind']>('set', 'set', 'set', 'set', 'delete', 'clear'),
  key: fc.integer({ min: 0, max: 40 }).map(String),
});

describe('createEvictor: a Map past its capacity forgets its oldest entries', () => {
  it('keeps exactly the entries set last, in order, through any mix of sets, re-sets, deletes and clears', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.integer({ min: 0, max: 12 }), (ops, capacity) => {
        const map = new Map<string, number>();
        const evict = createEvictor(map);
        for (const [i, { kind, key }] of ops.entries()) {
          if (kind === 'set') {
            map.delete(key);
            map.set(key, i);
          } else if (kind === 'delete') map.delete(key);
          else map.clear();
          evict(capacity);
        }
        expect([...map.keys()]).toEqual(model(ops, capacity));
      }),
      { numRuns: 500 },
    );
  });

  it('stays at its capacity over far more inserts than it holds (the full-partition case of issue 13)', () => {
    const map = new Map<number, number>();
    const evict = createEvictor(map);
    for (let i = 0; i < 50_000; i++) {
      map.set(i, i);
      evict(1000);
    }
    expect(map.size).toBe(1000);
    expect(map.keys().next().value).toBe(49_000);
  });
});
