import { describe, expect, it } from 'vitest';
import { faultRuleFrom, faultRuleFromHeader, latencyRuleFrom, latencyRuleFromHeader } from '../../simulator/engine/fault-spec.js';
import { chooseFaults, createRng, sampleLatency, type FaultPlan, type Rng } from '../../simulator/engine/faults.js';

/** A generator that returns the given numbers in turn: the chooser's draws made visible. */
const draws = (...values: number[]): Rng & { used: () => number } => {
  let i = 0;
  const rng = (() => values[i++] ?? Number.NaN) as Rng & { used: () => number };
  rng.used = () => i;
  return rng;
};
const reset = { fault: { type: 'reset' as const }, probability: 1 };
const fixed = (ms: number, probability = 1) => ({ latency: { form: 'fixed' as const, ms }, probability });

describe('chooseFaults: which latency and fault a request gets', () => {
  it.each<[string, (FaultPlan | undefined)[], number[], object, number]>([
    ['nothing asked: nothing, no draw', [undefined, undefined, {}], [], {}, 0],
    ['a certain fault: no draw', [{ fault: reset }], [], { fault: { type: 'reset' } }, 0],
    ['5 % reset, draw 0.04: reset', [{ fault: { ...reset, probability: 0.05 } }], [0.04], { fault: { type: 'reset' } }, 1],
    ['5 % reset, draw 0.05: no fault', [{ fault: { ...reset, probability: 0.05 } }], [0.05], {}, 1],
    ['probability 0: never, no draw', [{ fault: { ...reset, probability: 0 } }], [], {}, 0],
    [
      'the first source with a fault decides',
      [undefined, { fault: { fault: { type: 'empty' }, probability: 1 } }, { fault: reset }],
      [],
      { fault: { type: 'empty' } },
      0,
    ],
    [
      'a fault that does not fire does not fall through',
      [{ fault: { ...reset, probability: 0.5 } }, undefined, { fault: { fault: { type: 'hang' }, probability: 1 } }],
      [0.9],
      {},
      1,
    ],
    ['none (a null fault) silences lower sources', [{ fault: { fault: null, probability: 1 } }, undefined, { fault: reset }], [], {}, 0],
    [
      'latency and fault come from different sources',
      [{ latency: fixed(30) }, undefined, { fault: reset, latency: fixed(900) }],
      [],
      { fault: { type: 'reset' }, latencyMs: 30 },
      0,
    ],
    ['a latency at 10 %, draw 0.5: none', [{ latency: fixed(30, 0.1) }], [0.5], {}, 1],
    ['fault drawn before latency', [{ fault: { ...reset, probability: 0.5 }, latency: fixed(30, 0.5) }], [0.7, 0.2], { latencyMs: 30 }, 2],
    ['uniform latency: one draw', [{ latency: { latency: { form: 'uniform', min: 100, max: 200 }, probability: 1 } }], [0.5], { latencyMs: 150 }, 1],
  ])('%s', (_name, plans, values, expected, used) => {
    const rng = draws(...values);
    expect(chooseFaults(plans, rng)).toEqual(expected);
    expect(rng.used()).toBe(used);
  });
});

describe('sampleLatency', () => {
  it.each([
    [{ form: 'fixed' as const, ms: 250 }, [], 250],
    [{ form: 'uniform' as const, min: 100, max: 200 }, [0], 100],
    [{ form: 'uniform' as const, min: 100, max: 200 }, [0.999999], 200],
    // Z = sqrt(-2 ln(1 - 0.5)) cos(2π·0.25) = 0: the median itself.
    [{ form: 'lognormal' as const, median: 300, sigma: 0.5, cap: 5000 }, [0.5, 0.25], 300],
    // Z = sqrt(-2 ln 0.5) ≈ 1.1774: 300·e^(0.5·1.1774) ≈ 540.5.
    [{ form: 'lognormal' as const, median: 300, sigma: 0.5, cap: 5000 }, [0.5, 0], 540],
    [{ form: 'lognormal' as const, median: 300, sigma: 3, cap: 5000 }, [0.999999, 0], 5000],
  ])('%j with draws %j is %i ms', (latency, values, ms) => {
    expect(sampleLatency(latency, draws(...values))).toBe(ms);
  });

  it('log-normal draws stay under the cap and centre on the median', () => {
    const rng = createRng(1);
    const samples = Array.from({ length: 2001 }, () => sampleLatency({ form: 'lognormal', median: 300, sigma: 0.5, cap: 1000 }, rng)).sort((a, b) => a - b);
    expect(samples.at(-1)).toBeLessThanOrEqual(1000);
    expect(samples[1000]).toBeGreaterThan(250);
    expect(samples[1000]).toBeLessThan(350);
  });
});

describe('createRng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('fault and latency rules, from files, the admin API and headers', () => {
  it.each([
    ['reset', { fault: { type: 'reset' }, probability: 1 }],
    [{ type: 'drip' }, { fault: { type: 'drip', durationMs: 5000 }, probability: 1 }],
    [
      { type: 'drip', duration: 3000, probability: 0.05 },
      { fault: { type: 'drip', durationMs: 3000 }, probability: 0.05 },
    ],
  ])('reads the fault %j', (value, rule) => {
    expect(faultRuleFrom(value)).toEqual({ ok: true, value: rule });
  });

  it.each([
    [{ type: 'reset', duration: 5 }, 'duration: only a drip has one'],
    [{ type: 'drip', duration: 700000 }, 'duration: a whole number of milliseconds from 0 to 600000'],
    [{ type: 'reset', probability: -0.1 }, 'probability: a number from 0 to 1'],
    [['reset'], 'a fault name'],
  ])('refuses the fault %j', (value, error) => {
    expect(faultRuleFrom(value)).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it.each([
    [250, { form: 'fixed', ms: 250 }, 1],
    [{ ms: 250, probability: 0.1 }, { form: 'fixed', ms: 250 }, 0.1],
    [{ min: 100, max: 900 }, { form: 'uniform', min: 100, max: 900 }, 1],
    [{ median: 300, sigma: 0.5, cap: 5000 }, { form: 'lognormal', median: 300, sigma: 0.5, cap: 5000 }, 1],
  ])('reads the latency %j', (value, latency, probability) => {
    expect(latencyRuleFrom(value)).toEqual({ ok: true, value: { latency, probability } });
  });

  it.each([
    ['reset', { fault: { type: 'reset' }, probability: 1 }],
    ['RESET ; p=5%', { fault: { type: 'reset' }, probability: 0.05 }],
    ['drip; duration=3000; p=0.5', { fault: { type: 'drip', durationMs: 3000 }, probability: 0.5 }],
    ['none', { fault: null, probability: 1 }],
  ])('reads X-Sim-Fault: %s', (text, rule) => {
    expect(faultRuleFromHeader(text)).toEqual({ ok: true, value: rule });
  });

  it.each([
    ['explode', '"explode" is not a fault'],
    ['reset; duration=5', 'no parameter "duration" here (known: p)'],
    ['reset; p=high', '"p=high" is not a name=number parameter'],
    ['reset; p=150%', 'probability: a number from 0 to 1'],
  ])('refuses X-Sim-Fault: %s', (text, error) => {
    expect(faultRuleFromHeader(text)).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it.each([
    ['250', { form: 'fixed', ms: 250 }, 1],
    ['100-900; p=0.2', { form: 'uniform', min: 100, max: 900 }, 0.2],
    ['lognormal; median=300; sigma=0.5; cap=5000', { form: 'lognormal', median: 300, sigma: 0.5, cap: 5000 }, 1],
  ])('reads X-Sim-Latency: %s', (text, latency, probability) => {
    expect(latencyRuleFromHeader(text)).toEqual({ ok: true, value: { latency, probability } });
  });

  it.each([
    ['slow', '"slow" is not a latency'],
    ['lognormal; median=300', 'one of {ms}, {min, max} (uniform) or {median, sigma, cap}'],
    ['700000', 'a whole number of milliseconds from 0 to 600000'],
  ])('refuses X-Sim-Latency: %s', (text, error) => {
    expect(latencyRuleFromHeader(text)).toEqual({ ok: false, error: expect.stringContaining(error) });
  });
});
