import type { SimResponse } from '../../engine/types.js';
import { applyOverrides } from '../../scenarios/overrides.js';
import type { Analysis } from './analyze.js';
import { ERROR_CODES, FAIL_ON_CODES, SUCCESS, type ErrorCode, type FailOnCode } from './codes.js';
import type { Flags } from './parse.js';
import { defaults, type VerihubsSettings } from './settings.js';

/**
 * The one place Verihubs bodies are written. Bodies are built with the spec's types (verihubs.md
 * "Success body"), scenario overrides are applied in those types, and the typing settings convert
 * last, so a scenario's `set` means the same thing whatever the typing.
 */
export interface ResultBody {
  message: string;
  /** Only on FAIL_ON answers (the spec's decision: the result body plus error_code). */
  error_code?: FailOnCode;
  status_code: string;
  session_id: string;
  timestamp: number;
  nface: number;
  liveness: { status: boolean; probability: string };
  image_quality?: { blur: boolean; blur_score: string; dark: boolean; dark_score: string; grayscale: boolean };
  attributes?: { sunglasses_on: boolean; mask_on: boolean; veil_on: boolean; hat_on: boolean };
}

export interface ErrorBody {
  message: string;
  error_code: ErrorCode;
}

/** Key order is the spec's; `image_quality` only with is_quality, `attributes` only with is_attribute. */
export function resultBody(analysis: Analysis, flags: Pick<Flags, 'is_quality' | 'is_attribute'>, failure: FailOnCode | null, timestamp: number): ResultBody {
  const { quality: q, attributes: a } = analysis;
  return {
    message: failure ? FAIL_ON_CODES[failure].message : SUCCESS.message,
    ...(failure ? { error_code: failure } : {}),
    status_code: SUCCESS.statusCode,
    session_id: analysis.sessionId,
    timestamp,
    nface: analysis.nface,
    liveness: { status: analysis.live, probability: analysis.probability.toFixed(2) },
    ...(flags.is_quality
      ? { image_quality: { blur: q.blur, blur_score: q.blurScore.toFixed(2), dark: q.dark, dark_score: q.darkScore.toFixed(2), grayscale: q.grayscale } }
      : {}),
    ...(flags.is_attribute ? { attributes: { sunglasses_on: a.sunglasses, mask_on: a.mask, veil_on: a.veil, hat_on: a.hat } } : {}),
  };
}

export function errorBody(code: ErrorCode): ErrorBody {
  return { message: ERROR_CODES[code].message, error_code: code };
}

export function statusOf(body: ResultBody | ErrorBody): number {
  return 'status_code' in body ? 200 : ERROR_CODES[body.error_code].status;
}

/** Overrides (a scenario's `set`), then the typing settings, then the exact bytes. */
export function toResponse(body: ResultBody | ErrorBody, set: Record<string, unknown>, typing: VerihubsSettings['typing']): SimResponse {
  const status = statusOf(body);
  const final = applyTyping(applyOverrides(body, set), typing);
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(final) };
}

/** Converts only values that still have the spec's type (an override may have put null there). */
function applyTyping(body: ResultBody | ErrorBody, typing: VerihubsSettings['typing']): unknown {
  // The spec's own types (the default): nothing to convert, so no copy to make.
  if (!('status_code' in body) || isSpecTyping(typing)) return body;
  type Node = Record<string, unknown> | undefined;
  const out = structuredClone(body) as unknown as Record<string, unknown>;
  const convert = (node: Node, key: string, from: string, to: (value: never) => unknown) => {
    if (node && typeof node[key] === from) node[key] = to(node[key] as never);
  };
  const liveness = out.liveness as Node;
  const quality = out.image_quality as Node;
  if (typing.statusCode === 'number') convert(out, 'status_code', 'string', Number);
  if (typing.nface === 'string') convert(out, 'nface', 'number', String);
  if (typing.timestamp === 'string') convert(out, 'timestamp', 'number', String);
  // verihubs.md "Success body": one Go client declares liveness.status as a string.
  if (typing.livenessStatus === 'string') convert(liveness, 'status', 'boolean', String);
  if (typing.probability === 'number') convert(liveness, 'probability', 'string', Number);
  if (typing.scores === 'number') {
    convert(quality, 'blur_score', 'string', Number);
    convert(quality, 'dark_score', 'string', Number);
  }
  return out;
}

const SPEC_TYPING = defaults.typing;
const TYPING_KEYS = Object.keys(SPEC_TYPING) as (keyof VerihubsSettings['typing'])[];
const isSpecTyping = (typing: VerihubsSettings['typing']) => TYPING_KEYS.every((key) => typing[key] === SPEC_TYPING[key]);
