import { faultRuleFromHeader, latencyRuleFromHeader } from './fault-spec.js';
import { chooseFaults, createRng, randomSeed, type FaultChoice, type FaultPlan, type FaultRule, type LatencyRule, type Rng } from './faults.js';
import { without } from './headers.js';
import { problemResponse } from './problem.js';
import type { SimResponse, VendorId } from './types.js';

/**
 * The engine's fault state: faults armed through the admin API, the per-request headers, and the
 * seeded generator every draw comes from. Precedence for one request: the headers, then an armed
 * fault (for the request's credential, then for everyone; newest first), then the scenario step.
 */
export const FAULT_HEADER = 'x-sim-fault';
export const LATENCY_HEADER = 'x-sim-latency';
/** Armed faults are few in practice; a bound keeps a runaway script from slowing every request. */
export const MAX_ARMED_FAULTS = 1000;

export interface ArmedFault {
  faultId: string;
  /** null: every vendor. */
  vendor: VendorId | null;
  /** The credential's label under `vendor` (engine.credentialLabel); null: every credential. */
  credential: string | null;
  fault: FaultRule | null;
  latency: LatencyRule | null;
  /** Requests left; null: until disarmed. */
  remaining: number | null;
  armedAt: string;
}

export type ArmFaultInput = Pick<ArmedFault, 'vendor' | 'credential' | 'fault' | 'latency' | 'remaining'>;

export interface FaultControl {
  /** The seed of the generator (set, or drawn at start): `faults.seed` replays a run. */
  readonly seed: number;
  /** Takes the fault headers out of a request's headers; the plan they give, or the problem to answer. */
  fromHeaders(headers: Record<string, string>): { headers: Record<string, string>; plan: FaultPlan | undefined } | { problem: SimResponse };
  arm(input: ArmFaultInput, now: number): ArmedFault | undefined;
  armed(): readonly ArmedFault[];
  /** Disarms one (by id), those a test holds for, or all; how many. */
  disarm(which?: string | ((entry: ArmedFault) => boolean)): number;
  /** The latency and fault of one request; uses up one request of the armed entry that applied. */
  choose(input: { vendor: VendorId; credential: string | undefined; headers: FaultPlan | undefined; step: FaultPlan | undefined }): FaultChoice;
  /** Disarms everything and restarts the generator from the seed. */
  reset(): void;
}

export function createFaultControl(options: { seed?: number | undefined } = {}): FaultControl {
  const seed = options.seed ?? randomSeed();
  let rng: Rng = createRng(seed);
  let armed: ArmedFault[] = [];
  let nextId = 1;

  function armedFor(vendor: VendorId, credential: string | undefined): ArmedFault | undefined {
    const newestFirst = armed.filter((a) => a.vendor === null || a.vendor === vendor).reverse();
    return newestFirst.find((a) => a.credential !== null && a.credential === credential) ?? newestFirst.find((a) => a.credential === null);
  }

  return {
    seed,
    fromHeaders(headers) {
      const faultText = headers[FAULT_HEADER];
      const latencyText = headers[LATENCY_HEADER];
      if (faultText === undefined && latencyText === undefined) return { headers, plan: undefined };
      const rest = without(headers, FAULT_HEADER, LATENCY_HEADER);
      const plan: FaultPlan = {};
      if (faultText !== undefined) {
        const rule = faultRuleFromHeader(faultText);
        if (!rule.ok) return { problem: badHeader('X-Sim-Fault', faultText, rule.error) };
        plan.fault = rule.value;
      }
      if (latencyText !== undefined) {
        const rule = latencyRuleFromHeader(latencyText);
        if (!rule.ok) return { problem: badHeader('X-Sim-Latency', latencyText, rule.error) };
        plan.latency = rule.value;
      }
      return { headers: rest, plan };
    },
    arm(input, now) {
      if (armed.length >= MAX_ARMED_FAULTS) return undefined;
      const entry: ArmedFault = { faultId: String(nextId++), ...input, armedAt: new Date(now).toISOString() };
      armed.push(entry);
      return entry;
    },
    armed: () => armed,
    disarm(which) {
      const before = armed.length;
      const goes = which === undefined ? () => true : typeof which === 'string' ? (a: ArmedFault) => a.faultId === which : which;
      armed = armed.filter((a) => !goes(a));
      return before - armed.length;
    },
    choose({ vendor, credential, headers, step }) {
      const entry = armedFor(vendor, credential);
      if (entry && entry.remaining !== null && --entry.remaining <= 0) armed = armed.filter((a) => a !== entry);
      const fromArmed = entry && { ...(entry.fault && { fault: entry.fault }), ...(entry.latency && { latency: entry.latency }) };
      return chooseFaults([headers, fromArmed, step], rng);
    },
    reset() {
      armed = [];
      rng = createRng(seed);
    },
  };
}

function badHeader(name: string, value: string, error: string): SimResponse {
  return problemResponse({
    type: 'bad-fault-header',
    title: `Bad ${name} header`,
    status: 400,
    detail: `[liveness-sim] ${name} "${value.slice(0, 100)}": ${error}. The syntax is in the README ("Faults and latency").`,
    header: name,
  });
}
