import { problemResponse } from '../engine/problem.js';
import type { SimResponse, VendorId } from '../engine/types.js';
import { responseSchemaOfRoute } from './operations.js';
import type { SchemaName } from './schemas.js';
import { formatErrors, validateAgainst } from './validate.js';

/** Verihubs' default typing (its README, Settings): any other value switches to the any-typing schema. */
const VERIHUBS_DEFAULT_TYPING: Readonly<Record<string, string>> = {
  livenessStatus: 'boolean',
  probability: 'string',
  scores: 'string',
  statusCode: 'string',
  nface: 'number',
  timestamp: 'number',
};

export interface ResponseCheckOptions {
  /** A vendor's resolved settings (for Verihubs' typing switches). */
  settingsOf: (vendor: VendorId) => unknown;
  /** Told, loudly, of each answer that broke its contract. */
  log: (line: string) => void;
}

/**
 * `--validate-responses`: every vendor answer is held to its operation's schema before it is sent.
 * An answer that breaks it is replaced by the simulator's own 500 problem naming the JSON paths:
 * a scenario's `set` (or a simulator bug) never reaches a client as a vendor body it would reject.
 */
export function createResponseCheck({ settingsOf, log }: ResponseCheckOptions): (vendor: VendorId, route: string, response: SimResponse) => SimResponse {
  return (vendor, route, response) => {
    let schema: SchemaName | undefined = responseSchemaOfRoute(vendor, route);
    if (!schema || /problem\+json/.test(response.headers['Content-Type'] ?? '')) return response;
    if (schema === 'verihubs/liveness.response' && switchedTyping(settingsOf(vendor))) schema = 'verihubs/liveness.response.any-typing';
    const text = typeof response.body === 'string' ? response.body : new TextDecoder().decode(response.body);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return refuse(vendor, route, schema, [{ path: '', message: 'is not JSON' }], log);
    }
    const result = validateAgainst(schema, body);
    return result.valid ? response : refuse(vendor, route, schema, result.errors, log);
  };
}

function switchedTyping(settings: unknown): boolean {
  const typing = (settings as { typing?: Record<string, unknown> } | undefined)?.typing ?? {};
  return Object.entries(VERIHUBS_DEFAULT_TYPING).some(([key, value]) => typing[key] !== undefined && typing[key] !== value);
}

function refuse(vendor: VendorId, route: string, schema: SchemaName, errors: { path: string; message: string }[], log: (line: string) => void): SimResponse {
  const breaches = formatErrors(errors);
  log(
    `[liveness-sim] CONTRACT BROKEN: the ${vendor} ${route} answer breaks contracts/${schema}.schema.json; answered 500 instead:\n  ${breaches.replaceAll('\n', '\n  ')}`,
  );
  return problemResponse({
    type: 'contract-broken',
    title: 'Answer breaks its contract',
    status: 500,
    detail: `[liveness-sim] the ${vendor} answer breaks contracts/${schema}.schema.json (--validate-responses): ${breaches.replaceAll('\n', '; ')}`,
    schema: `contracts/${schema}.schema.json`,
    errors,
  });
}
