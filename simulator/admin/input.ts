import { problemResponse } from '../engine/problem.js';
import type { Result, SimRequest, SimResponse, UnreadableReason } from '../engine/types.js';

/** An admin request's JSON object body (an empty body is `{}`), or the problem to answer. */
export function readJsonObject(req: SimRequest): Result<Record<string, unknown>, SimResponse> {
  if (req.body.kind === 'empty') return { ok: true, value: {} };
  if (req.body.kind === 'unreadable') return { ok: false, error: unreadable(req.body.reason) };
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

/** Admin bodies the transport did not read (README "Limits"), with the HTTP status that says why. */
const UNREADABLE: Record<UnreadableReason, { status: number; detail: string }> = {
  'too-large': { status: 413, detail: 'the body is over the transport limit maxRequestBytes' },
  encoded: { status: 415, detail: 'send the body without Content-Encoding (no gzip or deflate)' },
  busy: { status: 503, detail: 'the memory for bodies in flight (maxBodyBytesInFlight) is full; try again' },
  malformed: { status: 400, detail: 'send a JSON object with Content-Type: application/json' },
};

export function unreadable(reason: UnreadableReason): SimResponse {
  const { status, detail } = UNREADABLE[reason];
  return problemResponse({ type: 'bad-admin-request', title: 'Bad admin request', status, detail: `[liveness-sim] field "body": ${detail}.`, field: 'body' });
}

export function badRequest(field: string, expected: string): SimResponse {
  return problemResponse({
    type: 'bad-admin-request',
    title: 'Bad admin request',
    status: 400,
    detail: `[liveness-sim] field "${field}": ${expected}.`,
    field,
  });
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds from a number of ms or a string like "90s", "15m", "24h", "2d"; undefined if neither. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const found = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  return found ? Number(found[1]) * UNITS[found[2]!]! : undefined;
}
