import type { Partition } from '../../engine/store.js';

/**
 * Forgetting stored records on the simulator clock, at O(log n) per record: each partition keeps
 * one min-heap of `[forgetAt, key]` (JSON data, like every stored value), and each write first
 * forgets a bounded batch of the records that are due. Nothing scans the partition, so issuing
 * the 10,000th token costs what the first did, and a sidecar running for weeks keeps only what
 * has not expired yet.
 *
 * A record's forget time may move later after it was scheduled (a signature id bound to a
 * capture lives as long as the capture): when an entry falls due, the record's current time is
 * asked again, and the entry is put back if that time is still ahead.
 */
type Entry = [at: number, key: string];

/** When the record stored at `key` may be forgotten. */
export type ForgetTime = (key: string, value: unknown) => number;

const HEAP_KEY = 'expiry:heap';
/** Records forgotten per write at most, so a clock moved weeks ahead never stalls one request. */
export const SWEEP_BATCH = 256;

/** Stores `value` at `key`, to be forgotten at `forgetTime(key, value)`, after forgetting a batch of due records. */
export function storeExpiring(state: Partition, key: string, value: unknown, nowMs: number, forgetTime: ForgetTime): void {
  forgetDue(state, nowMs, forgetTime);
  state.set(key, value);
  const heap = state.get<Entry[]>(HEAP_KEY) ?? [];
  push(heap, [forgetTime(key, value), key]);
  state.set(HEAP_KEY, heap);
}

/** Forgets up to `batch` records whose time has come; answers how many. */
export function forgetDue(state: Partition, nowMs: number, forgetTime: ForgetTime, batch = SWEEP_BATCH): number {
  const heap = state.get<Entry[]>(HEAP_KEY);
  if (!heap || heap.length === 0 || heap[0]![0] > nowMs) return 0;
  let forgotten = 0;
  for (let i = 0; i < batch && heap.length > 0 && heap[0]![0] <= nowMs; i++) {
    const [, key] = pop(heap);
    const value = state.get(key);
    if (value === undefined) continue; // already forgotten (an entry scheduled twice)
    const at = forgetTime(key, value);
    if (at > nowMs) {
      push(heap, [at, key]);
    } else {
      state.delete(key);
      forgotten++;
    }
  }
  state.set(HEAP_KEY, heap);
  return forgotten;
}

function push(heap: Entry[], entry: Entry): void {
  heap.push(entry);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]![0] <= entry[0]) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = entry;
}

function pop(heap: Entry[]): Entry {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]![0] < heap[left]![0] ? right : left;
    if (heap[child]![0] >= last[0]) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
