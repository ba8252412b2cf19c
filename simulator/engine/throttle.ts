import type { VendorId } from './types.js';

/**
 * Vendor-shaped throttling: at most `requests` calls per `windowMs` per credential, then the
 * vendor's own answer for the outcome named (ADVANCE.AI's SERVICE_BUSY with `Retry-After: 10s` by
 * default, advance.md "Conventions"), rendered like a scenario's. Fixed windows on the engine's
 * clock, so moving the clock forward ends a window. Pure and browser-safe.
 */
export interface ThrottleRule {
  requests: number;
  windowMs: number;
  /** One of the vendor's outcomes. */
  outcome: string;
}

export type ThrottleRules = Partial<Record<VendorId, ThrottleRule>>;

/** Credentials tracked per vendor; past it the least recently seen one is forgotten (its window restarts). */
export const THROTTLE_TRACKED_CREDENTIALS = 10_000;

export interface Throttle {
  /** Counts one call of the credential; the outcome to answer when it is over the limit. */
  take(vendor: VendorId, credential: string, now: number): string | undefined;
  reset(): void;
  /** Forgets the windows of the credentials `test` holds for (their windows restart). */
  forget(test: (vendor: VendorId, credential: string) => boolean): void;
}

export function createThrottle(rules: ThrottleRules = {}, tracked = THROTTLE_TRACKED_CREDENTIALS): Throttle {
  const windows = new Map<VendorId, Map<string, { start: number; count: number }>>();
  return {
    take(vendor, credential, now) {
      const rule = rules[vendor];
      if (!rule) return undefined;
      let perCredential = windows.get(vendor);
      if (!perCredential) windows.set(vendor, (perCredential = new Map<string, { start: number; count: number }>()));
      let window = perCredential.get(credential);
      if (!window || now - window.start >= rule.windowMs || now < window.start) window = { start: now, count: 0 };
      window.count++;
      // Re-inserted so the Map's order is least recently seen first.
      perCredential.delete(credential);
      perCredential.set(credential, window);
      if (perCredential.size > tracked) perCredential.delete(perCredential.keys().next().value!);
      return window.count > rule.requests ? rule.outcome : undefined;
    },
    reset() {
      windows.clear();
    },
    forget(test) {
      for (const [vendor, perCredential] of windows)
        for (const credential of [...perCredential.keys()]) if (test(vendor, credential)) perCredential.delete(credential);
    },
  };
}
