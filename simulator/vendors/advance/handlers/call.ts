import type { VendorCall, VendorResult } from '../../../engine/vendor.js';
import { OUTCOMES, type AdvanceOutcomeName } from '../codes.js';
import { answer } from '../envelope.js';
import type { AdvanceSettings } from '../settings.js';

export type AdvanceCall = VendorCall<AdvanceSettings>;
export type AdvanceHandler = (call: AdvanceCall) => Promise<VendorResult>;

/**
 * The answer to a call. A scenario's `set` applies to SUCCESS only: a `success` scenario tunes
 * the happy path, it does not rewrite the errors the real flow still answers.
 */
export function reply(
  call: AdvanceCall,
  outcome: AdvanceOutcomeName,
  options: { data?: unknown; pricing?: 'PAY' | 'FREE'; credential?: string } = {},
): VendorResult {
  const set = outcome === 'success' ? (call.scenario?.set ?? {}) : {};
  const response = answer(call.ctx.settings, { outcome, data: options.data, pricing: options.pricing ?? 'FREE', set });
  return { response, code: OUTCOMES[outcome].code, ...(options.credential === undefined ? {} : { credential: options.credential }) };
}

/** A scenario named a success: the vendor still runs the flow (codes.ts `success`). */
export const scenarioSaysSuccess = (call: AdvanceCall) => call.scenario?.outcome === 'success';
