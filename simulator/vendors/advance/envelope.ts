import type { SimResponse } from '../../engine/types.js';
import { applyOverrides } from '../../scenarios/overrides.js';
import { OUTCOMES, type AdvanceOutcome, type AdvanceOutcomeName } from './codes.js';
import { transactionId } from './ids.js';
import type { AdvanceSettings } from './settings.js';

/**
 * The one place ADVANCE.AI answers are rendered (advance.md "Conventions"): the six-key envelope,
 * HTTP 200 (or the `httpStatus: real` quirk), and the serializer that keeps `livenessScore` a double.
 */
export interface Envelope {
  code: string;
  message: string;
  data: unknown;
  extra: unknown;
  transactionId: string;
  pricingStrategy: 'PAY' | 'FREE';
}

export interface Answer {
  outcome: AdvanceOutcomeName;
  /** Only SUCCESS carries data; errors have `data: null`, `extra: null`. */
  data?: unknown;
  /** advance.md: PAY on a successful detection result, FREE everywhere else. */
  pricing?: 'PAY' | 'FREE';
  /** A scenario's overrides (dotted paths into the envelope). */
  set?: Record<string, unknown>;
}

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function renderEnvelope({ outcome, data = null, pricing = 'FREE', set = {} }: Answer): Envelope {
  const spec: AdvanceOutcome = OUTCOMES[outcome];
  const body: Envelope = {
    code: spec.code,
    message: spec.message,
    data: outcome === 'success' ? data : null,
    extra: null,
    transactionId: transactionId(),
    pricingStrategy: pricing,
  };
  return applyAttackTypeRule(applyOverrides(body, set));
}

export function answer(settings: AdvanceSettings, what: Answer): SimResponse {
  const spec = OUTCOMES[what.outcome];
  return {
    status: settings.httpStatus === 'real' ? spec.status : 200,
    headers: { 'Content-Type': JSON_CONTENT_TYPE, ...spec.headers },
    body: serialize(renderEnvelope(what)),
  };
}

/**
 * Seed 002 "attackType": null when livenessScore >= 50, else 1, 2 or 3. Applied after a
 * scenario's overrides so no override can break it; an under-50 score without a type is 3 ("unsure").
 */
function applyAttackTypeRule(body: Envelope): Envelope {
  const data = body.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || typeof data.livenessScore !== 'number' || !('attackType' in data)) return body;
  const attackType = data.livenessScore >= 50 ? null : (data.attackType ?? 3);
  return { ...body, data: { ...data, attackType } };
}

/**
 * JSON text as the vendor writes it: every `livenessScore` a double with a decimal point (`100.0`,
 * `0.0`, `87.5`), because a Dart client parses it as a double and fails on `100` (advance.md §4)
 * and JSON.stringify drops the `.0`; and no number ever in exponent notation (JSON.stringify
 * writes 0.0000001 as `1e-7`), whatever a capture or a scenario's override holds.
 */
export function serialize(value: unknown, key?: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return key === 'livenessScore' ? formatDouble(value) : plainNumber(value);
  // Written out by hand, not with entries and map: this runs for every key of every answer.
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + serialize(value[i]);
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    let text = '';
    for (const name of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[name];
      if (member !== undefined) text += `${text === '' ? '' : ','}${JSON.stringify(name)}:${serialize(member, name)}`;
    }
    return `{${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `100` → `100.0`; `87.5` stays `87.5`; `1e-7` → `0.0000001`. */
export function formatDouble(value: number): string {
  const text = plainNumber(value);
  return text.includes('.') ? text : `${text}.0`;
}

/**
 * A finite number in plain decimal notation with the shortest digits that read back as the same
 * number (JavaScript's own choice of digits, only the exponent spelled out): `1e-7` → `0.0000001`,
 * `1.5e+21` → `1500000000000000000000`.
 */
export function plainNumber(value: number): string {
  const text = String(value);
  if (!text.includes('e')) return text;
  const parts = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!parts) return text;
  const [, sign, whole = '', fraction = '', exponent = '0'] = parts;
  const digits = whole + fraction;
  const point = whole.length + Number(exponent); // where the decimal point falls in `digits`
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
