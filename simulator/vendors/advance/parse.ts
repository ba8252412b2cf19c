import type { Result, SimRequest } from '../../engine/types.js';
import type { ErrorOutcomeName } from './codes.js';

/**
 * Request parameters as the vendor's Java stack reads them (decisions, advance.md is silent):
 * - a JSON body that cannot be read (not JSON, not an object, multipart, too large, compressed, or
 *   missing where one is required) is CLIENT_ERROR "HTTP 400 - Bad Request", as Spring answers it;
 * - a body refused because the simulator's memory for bodies in flight is full is SERVICE_BUSY
 *   (with its Retry-After: 10s), the vendor's documented "try again later", on every route;
 * - scalars are coerced the way Jackson does (a number where a string is expected is its text,
 *   "3600" where an integer is expected is 3600); an object or array there is PARAMETER_ERROR.
 */
export type Params = Record<string, unknown>;
type ParamResult<T> = Result<T, ErrorOutcomeName>;

const fail = (error: ErrorOutcomeName) => ({ ok: false as const, error });

/**
 * The request's parameters: the query string of a GET route (`body: 'ignored'`), else the JSON
 * body's fields and nothing else. advance.md "Conventions": query strings are not merged into a
 * body, so a client that puts `?livenessId=` on a POST fails here as it fails at the vendor.
 */
export function readParams(req: SimRequest, body: 'required' | 'optional' | 'ignored'): ParamResult<Params> {
  if (req.body.kind === 'unreadable' && req.body.reason === 'busy') return fail('service-busy');
  if (body === 'ignored') return { ok: true, value: { ...req.query } };
  const params: Params = {};
  if (req.body.kind === 'empty') return body === 'required' ? fail('client-error-400') : { ok: true, value: params };
  if (req.body.kind !== 'bytes') return fail('client-error-400');
  const json = jsonOf(req.body.bytes);
  if (json === 'blank') return body === 'required' ? fail('client-error-400') : { ok: true, value: params };
  return json === 'invalid' ? fail('client-error-400') : { ok: true, value: json };
}

/** A JSON object body, or undefined; never throws (for `when` facts). */
export function peekJsonObject(req: SimRequest): Params | undefined {
  if (req.body.kind !== 'bytes') return undefined;
  const json = jsonOf(req.body.bytes);
  return typeof json === 'object' ? json : undefined;
}

type Json = Params | 'blank' | 'invalid';
/** One decoder for all bodies: decode() keeps no state between calls. */
const utf8 = new TextDecoder();
const parsedBodies = new WeakMap<Uint8Array, Json>();

/**
 * A body read as the vendor reads it: an object, blank (whitespace only), or invalid (not JSON,
 * not an object). Memoized per buffer: the `when` facts and the handler read the same body.
 * Callers only read the object.
 */
function jsonOf(bytes: Uint8Array): Json {
  let json = parsedBodies.get(bytes);
  if (json === undefined) {
    json = parseJson(utf8.decode(bytes));
    parsedBodies.set(bytes, json);
  }
  return json;
}

function parseJson(text: string): Json {
  if (text.trim() === '') return 'blank';
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Params) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** A string field: absent, null and "" are `undefined` (the vendor's "empty"). */
export function stringParam(params: Params, name: string): ParamResult<string | undefined> {
  const value = params[name];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'string') return { ok: true, value: value === '' ? undefined : value };
  if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
  return fail('parameter-error');
}

/** An integer field: absent or null is `undefined` (advance.md: `null` means the default). */
export function integerParam(params: Params, name: string): ParamResult<number | undefined> {
  const value = params[name];
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value === 'number' && Number.isInteger(value)) return { ok: true, value };
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return { ok: true, value: Number(value.trim()) };
  return fail('parameter-error');
}

type FieldKind = 'string' | 'integer';
export type Fields<T extends Record<string, FieldKind>> = { [K in keyof T]: (T[K] extends 'string' ? string : number) | undefined };

/** Several fields at once, by kind; the first wrong one decides the error. */
export function readFields<T extends Record<string, FieldKind>>(params: Params, spec: T): ParamResult<Fields<T>> {
  const out: Record<string, string | number | undefined> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const field = kind === 'string' ? stringParam(params, name) : integerParam(params, name);
    if (!field.ok) return field;
    out[name] = field.value;
  }
  return { ok: true, value: out as Fields<T> };
}
