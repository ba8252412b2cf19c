import type { SimRequest } from '../../engine/types.js';
import { peekJsonObject } from './parse.js';

/**
 * What a scenario's `when` can match in an ADVANCE.AI request: the ids it names where the vendor
 * reads them (parse.ts): the query of a GET, the JSON body otherwise. E.g.
 * `when: { livenessId: sim-live-pass }`. Never throws.
 */
export const factNames = ['livenessId', 'signatureId'] as const;

export function facts(req: SimRequest): Record<string, string[]> {
  const params: Record<string, unknown> = req.method === 'GET' ? req.query : (peekJsonObject(req) ?? {});
  const found: Record<string, string[]> = {};
  for (const name of factNames) {
    const value = params[name];
    found[name] = typeof value === 'string' && value !== '' ? [value] : [];
  }
  return found;
}
