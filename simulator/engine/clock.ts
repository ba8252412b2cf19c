/**
 * The simulator's clock: real time plus an offset the admin API can move forward, so token and
 * image-URL expiry are testable without waiting.
 */
export interface Clock {
  now(): number;
  /** Move the clock forward by `ms` (never backward: expiry must stay monotonic). */
  advance(ms: number): void;
  offsetMs(): number;
  reset(): void;
}

export function createClock(realNow: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => realNow() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      offset += ms;
    },
    offsetMs: () => offset,
    reset() {
      offset = 0;
    },
  };
}
