import type { SimResponse } from './types.js';

/**
 * The simulator's own errors (unknown scenario, bad admin request, unknown route), as RFC 9457
 * problem details: `application/problem+json`, so they never look like a vendor body.
 */
export interface Problem {
  /** Short slug: becomes `urn:liveness-sim:problem:<type>`. */
  type: string;
  title: string;
  status: number;
  detail: string;
  [extension: string]: unknown;
}

export function problemResponse({ type, ...rest }: Problem, headers: Record<string, string> = {}): SimResponse {
  return {
    status: rest.status,
    headers: { 'Content-Type': 'application/problem+json; charset=utf-8', ...headers },
    body: JSON.stringify({ type: `urn:liveness-sim:problem:${type}`, ...rest }),
  };
}

/** Plain JSON for the admin API's successful answers. */
export function jsonResponse(status: number, value: unknown): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) };
}
