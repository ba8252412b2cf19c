import type { SimFault, SimResponse } from './types.js';

/**
 * Network faults and latency as data: what a scenario file, a request header or an admin arming
 * asks for (a rule with a probability), and the pure chooser that turns the rules of one request
 * into what the transport acts out (`SimResponse.latencyMs` and `.fault`). Randomness comes only
 * from the seeded generator handed in, so a seed replays the same choices. Browser-safe.
 */

/** How long to wait before answering. */
export type Latency =
  | { form: 'fixed'; ms: number }
  /** Any whole ms from min to max, all equally likely. */
  | { form: 'uniform'; min: number; max: number }
  /** median·e^(sigma·Z), Z standard normal, never above cap: the long tail of real networks. */
  | { form: 'lognormal'; median: number; sigma: number; cap: number };

export interface LatencyRule {
  latency: Latency;
  /** 0..1: the share of requests it applies to. */
  probability: number;
}

export interface FaultRule {
  /** `null`: no fault (a header's `none` overrides a scenario's or an armed fault). */
  fault: SimFault | null;
  probability: number;
}

/** The latency and fault rules of one source (a scenario step, an armed fault, the headers). */
export interface FaultPlan {
  latency?: LatencyRule;
  fault?: FaultRule;
}

/** What the transport acts out for one request. */
export interface FaultChoice {
  latencyMs?: number;
  fault?: SimFault;
}

/** Uniform in [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, and the same sequence for the same 32-bit seed on every platform. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for a run that did not set one (reported by GET /__sim/faults so a run can be replayed). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 4294967296);
}

/** Draws one latency in whole ms. Fixed draws nothing; uniform draws one number; log-normal two. */
export function sampleLatency(latency: Latency, rng: Rng): number {
  switch (latency.form) {
    case 'fixed':
      return latency.ms;
    case 'uniform':
      return latency.min + Math.floor(rng() * (latency.max - latency.min + 1));
    case 'lognormal': {
      // Box–Muller; 1 - rng() is in (0, 1], so the log is finite.
      const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      return Math.min(latency.cap, Math.round(latency.median * Math.exp(latency.sigma * z)));
    }
  }
}

/** Whether a rule with this probability fires; a certain rule (1) or an impossible one (0) draws nothing. */
function fires(probability: number, rng: Rng): boolean {
  if (probability >= 1) return true;
  if (probability <= 0) return false;
  return rng() < probability;
}

/**
 * The latency and fault of one request. `plans` are in precedence order (headers, then armed,
 * then the scenario step): for each of latency and fault the first plan that has a rule decides,
 * and a rule that does not fire means none (it does not fall through to a lower source).
 * Draw order, fixed so a seed replays: the fault's probability, the latency's probability, then
 * the latency's own draws.
 */
export function chooseFaults(plans: readonly (FaultPlan | undefined)[], rng: Rng): FaultChoice {
  const faultRule = plans.find((p) => p?.fault)?.fault;
  const latencyRule = plans.find((p) => p?.latency)?.latency;
  const choice: FaultChoice = {};
  if (faultRule && faultRule.fault && fires(faultRule.probability, rng)) choice.fault = faultRule.fault;
  if (latencyRule && fires(latencyRule.probability, rng)) {
    const ms = sampleLatency(latencyRule.latency, rng);
    if (ms > 0) choice.latencyMs = ms;
  }
  return choice;
}

/** The response with the chosen latency and fault attached (for the transport to act out). */
export function withFaults(response: SimResponse, choice: FaultChoice): SimResponse {
  if (choice.latencyMs === undefined && choice.fault === undefined) return response;
  return { ...response, ...choice };
}
