import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../simulator/engine/random.js';
import { mediaObjectName, newSignatureId, transactionId } from '../../simulator/vendors/advance/ids.js';

describe('pooled random ids', () => {
  it('never repeats an id across many refills of the pool', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5000; i++) ids.add(newSignatureId());
    expect(ids.size).toBe(5000);
  });

  it('keeps the vendor shapes: 16 and 32 lowercase hex, random_<ms stamp>_<10 digits>', () => {
    expect(transactionId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newSignatureId()).toMatch(/^[0-9a-f]{32}$/);
    expect(mediaObjectName(Date.UTC(2018, 8, 29, 19, 54, 0, 851))).toMatch(/^random_20180929195400851_\d{10}$/);
  });

  it('hands out bytes the caller owns: changing them changes no later draw', () => {
    const first = randomBytes(8);
    first.fill(0);
    const draws = Array.from({ length: 600 }, () => randomBytes(8));
    expect(draws.some((d) => d.every((b) => b === 0))).toBe(false);
  });

  it('spreads bytes over the whole range', () => {
    const seen = new Set(randomBytes(4096));
    expect(seen.size).toBeGreaterThan(200);
  });
});
