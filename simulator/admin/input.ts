import { problemResponse } from '../engine/problem.js';
import type { Result, SimRequest, SimResponse } from '../engine/types.js';

/** An admin request's JSON object body (an empty body is `{}`), or the problem to answer. */
export function readJsonObject(req: SimRequest): Result<Record<string, unknown>, SimResponse> {
  if (req.body.kind === 'empty') return { ok: true, value: {} };
  if (req.body.kind !== 'bytes') return { ok: false, error: badRequest('body', 'send a JSON object with Content-Type: application/json') };
  const text = new TextDecoder().decode(req.body.bytes);
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
  } catch {
    // fall through to the same answer
  }
  return { ok: false, error: badRequest('body', 'the body is not a JSON object') };
}

export function badRequest(field: string, expected: string): SimResponse {
  return problemResponse({ type: 'bad-admin-request', title: 'Bad admin request', status: 400, detail: `[liveness-sim] field "${field}": ${expected}.`, field });
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from a number of ms or a string like "90s", "15m", "24h", "2d"; undefined if neither. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const found = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  return found ? Number(found[1]) * UNITS[found[2]!]! : undefined;
}
