import type { OutcomeInfo } from '../../engine/vendor.js';
import { failOnCode, VALIDATIONS, type Validation } from './bitmask.js';
import { ERROR_CODES, FAIL_ON_CODES, type ErrorCode } from './codes.js';

/**
 * Every outcome a scenario can name, generated from the code tables: a success (live or not), one
 * outcome per non-empty set of failed validations (the FAIL_ON code is computed from the set, never
 * listed), and one per error code.
 */
export type OutcomeSpec = { result: { live: boolean; failed: Validation[] } } | { error: ErrorCode };

export interface VerihubsOutcome extends OutcomeInfo {
  spec: OutcomeSpec;
}

/** `INVALID PAYLOAD` → `invalid-payload`, `FACE_NOT_DETECTED` → `face-not-detected`. */
export const outcomeNameOf = (code: string) => code.toLowerCase().replace(/[ _]+/g, '-');

/** The 7 non-empty subsets of the validations, in bit order. */
function failureSets(): Validation[][] {
  const sets: Validation[][] = [];
  for (let mask = 1; mask < 1 << VALIDATIONS.length; mask++) sets.push(VALIDATIONS.filter((_, i) => mask & (1 << i)));
  return sets;
}

function buildOutcomes(): Record<string, VerihubsOutcome> {
  const outcomes: Record<string, VerihubsOutcome> = {
    success: { description: 'HTTP 200 "Request Success": a live single face, every requested block present', spec: { result: { live: true, failed: [] } } },
    'not-live': { description: 'HTTP 200 "Request Success" with liveness.status false and a low probability', spec: { result: { live: false, failed: [] } } },
  };
  for (const failed of failureSets()) {
    const code = failOnCode(failed)!;
    outcomes[`fail-on-${failed.join('-')}`] = {
      description: `HTTP 200 ${code} "${FAIL_ON_CODES[code].message}": the result body with error_code; the failing findings are set`,
      spec: { result: { live: true, failed } },
    };
  }
  for (const [code, { status, message }] of Object.entries(ERROR_CODES)) {
    outcomes[outcomeNameOf(code)] = { description: `HTTP ${status} ${code} "${message}"`, spec: { error: code as ErrorCode } };
  }
  return outcomes;
}

export const OUTCOMES: Readonly<Record<string, VerihubsOutcome>> = buildOutcomes();
