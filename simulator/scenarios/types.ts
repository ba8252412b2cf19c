import type { FaultRule, LatencyRule } from '../engine/faults.js';
import type { VendorId } from '../engine/types.js';

/** One step of a scenario: the outcome, its overrides, and its latency and fault rules (a FaultPlan). */
export interface ScenarioStepDef {
  outcome: string;
  set: Record<string, unknown>;
  latency?: LatencyRule;
  fault?: FaultRule;
}

/** A scenario file, parsed and checked against its vendor. */
export interface Scenario {
  id: string;
  vendor: VendorId;
  description: string;
  steps: ScenarioStepDef[];
  /** After the last step: start again, or keep answering the last step. */
  loop: boolean;
  /** Fact name → patterns (any may match; every fact must). */
  when?: Record<string, string[]>;
  /** Answer even a malformed request (skip the vendor's checkRequest): the old behaviour, on request. */
  skipRequestChecks?: true;
  /** Where it came from: a file path, or `<inline>`. */
  source: string;
}

/** A shipped scenario as generated (shipped.generated.ts): its file below scenarios/ instead of a source. */
export type ShippedScenario = Omit<Scenario, 'source'> & { file: string };

/** A scenario switched on through the admin API (or a Pact provider state). */
export interface ArmedScenario {
  armId: string;
  scenarioId: string;
  /** The credential as the journal shows it (a label for a secret key: credentialLabel); null: for every credential. */
  credential: string | null;
  /** Requests left; null: until disarmed. */
  remaining: number | null;
  armedAt: string;
}
