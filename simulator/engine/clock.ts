import { DEFAULT_LIMITS } from './limits.js';

/**
 * The simulator's clock: real time plus an offset the admin API can move forward, so token and
 * image-URL expiry are testable without waiting. One for every credential: ADVANCE.AI verifies a
 * token's expiry before the request's account is known, and media URLs, the store's expiry and
 * the journal carry no credential, so an offset per credential would bend the vendor's behaviour
 * (README "Sharing one simulator between teams").
 */
export interface Clock {
  /** A function value (not a method): vendors and the store pass `clock.now` around. */
  readonly now: () => number;
  /** Move the clock forward by `ms` (never backward: expiry must stay monotonic). */
  advance(ms: number): void;
  offsetMs(): number;
  /** The largest total offset: past it dates stop being representable and every answer would fail. */
  readonly maxOffsetMs: number;
  reset(): void;
}

export function createClock(realNow: () => number = Date.now, options: { maxOffsetMs?: number } = {}): Clock {
  const maxOffsetMs = options.maxOffsetMs ?? DEFAULT_LIMITS.maxClockOffsetMs;
  let offset = 0;
  return {
    now: () => realNow() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
      if (offset + ms > maxOffsetMs) throw new RangeError(`the clock moves at most ${maxOffsetMs} ms forward in total`);
      offset += ms;
    },
    offsetMs: () => offset,
    maxOffsetMs,
    reset() {
      offset = 0;
    },
  };
}
