import type { SimBody, SimRequest, UnreadableReason } from '../../engine/types.js';
import type { ErrorCode } from './codes.js';
import type { VerihubsSettings } from './settings.js';

/**
 * The JSON body of POST /v1/face/liveness (seed 001 "Body Params"), checked in this order, the
 * first failure answering (README "Which error each malformed input gets"):
 *  1. body not a JSON object (empty, unreadable, multipart, non-JSON content type, bad JSON,
 *     array, scalar) → INVALID PAYLOAD; a body the transport did not read → UNREADABLE below
 *  2. no non-null value at all, or two or more empty strings → INVALID PAYLOAD (seed: "no value in
 *     payload or empty string more than 1")
 *  3. `image` absent or null → MISSING_PAYLOAD_IMAGE
 *  4. a flag that is not a boolean (or null with nullFlags "refuse"), an image that is not a
 *     string → INVALID PAYLOAD
 */
export interface Flags {
  is_quality: boolean;
  is_attribute: boolean;
  validate_quality: boolean;
  validate_attribute: boolean;
  validate_nface: boolean;
}

export interface LivenessRequest {
  image: string;
  flags: Flags;
}

/** Seed 001: is_quality and is_attribute default to true, the validations to false. */
export const DEFAULT_FLAGS: Flags = { is_quality: true, is_attribute: true, validate_quality: false, validate_attribute: false, validate_nface: false };
const FLAG_NAMES = Object.keys(DEFAULT_FLAGS) as (keyof Flags)[];

/**
 * Bodies the transport did not read (README "Limits"): only the image can make a body too large;
 * a compressed body is not JSON to an API that documents none; the simulator's memory for bodies
 * in flight being full is the vendor's own server-side failure, which clients retry.
 */
const UNREADABLE: Record<UnreadableReason, ErrorCode> = {
  'too-large': 'INVALID_PAYLOAD_IMAGE_SIZE',
  encoded: 'INVALID PAYLOAD',
  malformed: 'INVALID PAYLOAD',
  busy: 'INTERNAL_SERVER_ERROR',
};

export type Parsed = { ok: true; request: LivenessRequest } | { ok: false; code: ErrorCode };

export function parseLivenessRequest(body: SimBody, settings: Pick<VerihubsSettings, 'nullFlags'>): Parsed {
  const fail = (code: ErrorCode): Parsed => ({ ok: false, code });
  if (body.kind === 'unreadable') return fail(UNREADABLE[body.reason]);
  const object = jsonObjectOf(body);
  if (!object) return fail('INVALID PAYLOAD');

  const values = Object.values(object);
  if (values.every((v) => v === null)) return fail('INVALID PAYLOAD');
  if (values.filter((v) => v === '').length > 1) return fail('INVALID PAYLOAD');
  if (object.image === undefined || object.image === null) return fail('MISSING_PAYLOAD_IMAGE');

  const flags = { ...DEFAULT_FLAGS };
  for (const name of FLAG_NAMES) {
    const value = object[name];
    if (value === undefined) continue;
    // verihubs.md: the PHP library sends unset flags as null; they mean "the default".
    if (value === null && settings.nullFlags === 'default') continue;
    if (typeof value !== 'boolean') return fail('INVALID PAYLOAD');
    flags[name] = value;
  }
  if (typeof object.image !== 'string') return fail('INVALID PAYLOAD');
  return { ok: true, request: { image: object.image, flags } };
}

/**
 * The request's structure, all of it: the body (above), then the flag dependencies (seed 001:
 * a validation needs its block), before any image is looked at or fetched. The engine runs this
 * before a scenario answers (vendor.ts checkRequest); decide.ts starts with it.
 */
export function checkLivenessRequest(body: SimBody, settings: Pick<VerihubsSettings, 'nullFlags'>): Parsed {
  const parsed = parseLivenessRequest(body, settings);
  if (!parsed.ok) return parsed;
  const { flags } = parsed.request;
  if (flags.validate_quality && !flags.is_quality) return { ok: false, code: 'INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY' };
  if (flags.validate_attribute && !flags.is_attribute) return { ok: false, code: 'INVALID_PAYLOAD_ATTRIBUTE_VALIDATION_DEPENDENCY' };
  return parsed;
}

/** The flags of a body, or the defaults when it does not parse (scenario rendering uses this). */
export function flagsOf(body: SimBody): Flags {
  const parsed = parseLivenessRequest(body, { nullFlags: 'default' });
  return parsed.ok ? parsed.request.flags : { ...DEFAULT_FLAGS };
}

/** The `image` string of a body, if it has one (for facts); never throws. */
export function imageOf(req: SimRequest): string | undefined {
  const image = jsonObjectOf(req.body)?.image;
  return typeof image === 'string' ? image : undefined;
}

const parsedBodies = new WeakMap<Uint8Array, Record<string, unknown> | null>();

/** The body as a JSON object, or null. Memoized per buffer: facts() and handle() parse the same body. */
function jsonObjectOf(body: SimBody): Record<string, unknown> | null {
  if (body.kind !== 'bytes' || !isJsonContentType(body.contentType)) return null;
  let parsed = parsedBodies.get(body.bytes);
  if (parsed === undefined) {
    parsed = parseObject(body.bytes);
    parsedBodies.set(body.bytes, parsed);
  }
  return parsed;
}

/** Bytes that are not UTF-8 are not JSON. One decoder for all bodies: decode() keeps no state between calls. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseObject(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(strictUtf8.decode(bytes));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The API takes JSON: no Content-Type is tolerated, any other type than JSON is not. */
function isJsonContentType(contentType: string): boolean {
  if (contentType === 'application/json') return true; // what nearly every client sends
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === '' || type === 'application/json' || /^application\/[a-z0-9.-]+\+json$/.test(type);
}
