/**
 * The memory shared by every request body in flight: a request takes bytes from it as it reads
 * its body and gives them back when it ends, however it ends. Past the budget a request is
 * refused with the vendor's "busy" answer instead of the process running out of memory.
 */
export interface BodyBudget {
  /** Body bytes held now, across all requests. */
  held(): number;
  /** Whether `bytes` more would fit now (a declared length, checked before reading any of it). */
  fits(bytes: number): boolean;
  /** One request's share: `take` reserves more bytes (false when they do not fit), `release` gives all back. */
  lease(): BodyLease;
}

export interface BodyLease {
  take(bytes: number): boolean;
  /** Idempotent: a second call gives nothing back. A function value, passed around as is. */
  readonly release: () => void;
}

export function createBodyBudget(maxBytes: number): BodyBudget {
  let held = 0;
  return {
    held: () => held,
    fits: (bytes) => held + bytes <= maxBytes,
    lease() {
      let mine = 0;
      return {
        take(bytes) {
          if (held + bytes > maxBytes) return false;
          held += bytes;
          mine += bytes;
          return true;
        },
        release: () => {
          held -= mine;
          mine = 0;
        },
      };
    },
  };
}
