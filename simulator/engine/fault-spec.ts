import type { FaultRule, Latency, LatencyRule } from './faults.js';
import type { Result, SimFault, SimFaultType } from './types.js';

/**
 * The one reader of fault and latency rules, for the three places that give them: a scenario file
 * (`fault:`, `latency:`), an admin arming (`POST /__sim/faults`) and the request headers
 * `X-Sim-Fault` / `X-Sim-Latency`. Errors are one sentence naming what was expected.
 */

export const FAULT_TYPES: readonly SimFaultType[] = ['reset', 'hang', 'malformed', 'empty', 'truncate', 'drip'];
/** The longest duration a rule may name (10 min); the transport's wait cap bounds it further. */
export const MAX_RULE_MS = 600_000;
/** A drip with no duration spreads the body over this long. */
export const DEFAULT_DRIP_MS = 5_000;

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_RULE_MS;
const MS = `a whole number of milliseconds from 0 to ${MAX_RULE_MS}`;
const isProbability = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

function fault(type: SimFaultType, durationMs?: number): SimFault {
  return type === 'drip' ? { type, durationMs: durationMs ?? DEFAULT_DRIP_MS } : { type };
}

/** `reset`, or `{type: drip, duration: 3000, probability: 0.05}`. */
export function faultRuleFrom(value: unknown): Result<FaultRule, string> {
  if (typeof value === 'string') {
    if (!(FAULT_TYPES as readonly string[]).includes(value)) return { ok: false, error: `one of ${FAULT_TYPES.join(', ')} (got "${value}")` };
    return { ok: true, value: { fault: fault(value as SimFaultType), probability: 1 } };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: `a fault name (${FAULT_TYPES.join(', ')}) or {type, duration?, probability?}` };
  const { type, duration, probability = 1, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return { ok: false, error: `unknown field "${unknown}" (known: type, duration, probability)` };
  if (typeof type !== 'string' || !(FAULT_TYPES as readonly string[]).includes(type)) return { ok: false, error: `type: one of ${FAULT_TYPES.join(', ')}` };
  if (duration !== undefined && (type !== 'drip' || !isMs(duration)))
    return { ok: false, error: type === 'drip' ? `duration: ${MS}` : 'duration: only a drip has one' };
  if (!isProbability(probability)) return { ok: false, error: 'probability: a number from 0 to 1 (0.05 is 5 % of requests)' };
  return { ok: true, value: { fault: fault(type as SimFaultType, duration), probability } };
}

/** `250`, `{min, max}`, `{median, sigma, cap}` or `{ms}`, each object with an optional `probability`. */
export function latencyRuleFrom(value: unknown): Result<LatencyRule, string> {
  if (typeof value === 'number') return isMs(value) ? { ok: true, value: { latency: { form: 'fixed', ms: value }, probability: 1 } } : { ok: false, error: MS };
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: 'milliseconds (250), {min, max}, {median, sigma, cap} or {ms}, with an optional probability' };
  const { probability = 1, ...shape } = value as Record<string, unknown>;
  if (!isProbability(probability)) return { ok: false, error: 'probability: a number from 0 to 1' };
  const latency = latencyFrom(shape);
  return latency.ok ? { ok: true, value: { latency: latency.value, probability } } : latency;
}

function latencyFrom(shape: Record<string, unknown>): Result<Latency, string> {
  const keys = Object.keys(shape).sort().join(',');
  const { ms, min, max, median, sigma, cap } = shape;
  switch (keys) {
    case 'ms':
      return isMs(ms) ? { ok: true, value: { form: 'fixed', ms } } : { ok: false, error: `ms: ${MS}` };
    case 'max,min':
      if (!isMs(min) || !isMs(max)) return { ok: false, error: `min and max: ${MS}` };
      return min <= max ? { ok: true, value: { form: 'uniform', min, max } } : { ok: false, error: `min (${min}) must not be above max (${max})` };
    case 'cap,median,sigma':
      if (!isMs(median) || !isMs(cap)) return { ok: false, error: `median and cap: ${MS}` };
      if (typeof sigma !== 'number' || !(sigma >= 0 && sigma <= 10)) return { ok: false, error: 'sigma: a number from 0 to 10 (0.5 is a moderate spread)' };
      return { ok: true, value: { form: 'lognormal', median, sigma, cap } };
    default:
      return { ok: false, error: `one of {ms}, {min, max} (uniform) or {median, sigma, cap} (log-normal), plus an optional probability (got {${keys}})` };
  }
}

/**
 * `X-Sim-Fault: <type>[; duration=<ms>][; p=<probability>]`, e.g. `reset; p=5%`, `drip; duration=3000`,
 * or `none` (no fault, whatever a scenario or an arming says). p is 0..1 or a percentage.
 */
export function faultRuleFromHeader(text: string): Result<FaultRule, string> {
  const parsed = headerParts(text);
  if (!parsed.ok) return parsed;
  const { head, params } = parsed.value;
  if (head === 'none') return onlyParams(params, []) ?? { ok: true, value: { fault: null, probability: 1 } };
  if (!(FAULT_TYPES as readonly string[]).includes(head)) return { ok: false, error: `"${head}" is not a fault (one of ${FAULT_TYPES.join(', ')}, none)` };
  const bad = onlyParams(params, head === 'drip' ? ['p', 'duration'] : ['p']);
  if (bad) return bad;
  const spec: Record<string, unknown> = { type: head };
  if (params.duration !== undefined) spec.duration = params.duration;
  if (params.p !== undefined) spec.probability = params.p;
  return faultRuleFrom(spec);
}

/**
 * `X-Sim-Latency: <ms>` (fixed), `<min>-<max>` (uniform) or `lognormal; median=<ms>; sigma=<s>; cap=<ms>`,
 * each with an optional `; p=<probability>`.
 */
export function latencyRuleFromHeader(text: string): Result<LatencyRule, string> {
  const parsed = headerParts(text);
  if (!parsed.ok) return parsed;
  const { head, params } = parsed.value;
  const spec: Record<string, unknown> = {};
  if (params.p !== undefined) spec.probability = params.p;
  const range = /^(\d+)-(\d+)$/.exec(head);
  if (/^\d+$/.test(head)) return onlyParams(params, ['p']) ?? latencyRuleFrom({ ...spec, ms: Number(head) });
  if (range) return onlyParams(params, ['p']) ?? latencyRuleFrom({ ...spec, min: Number(range[1]), max: Number(range[2]) });
  if (head === 'lognormal') {
    const { p: _p, ...shape } = params;
    return onlyParams(params, ['p', 'median', 'sigma', 'cap']) ?? latencyRuleFrom({ ...spec, ...shape });
  }
  return { ok: false, error: `"${head}" is not a latency: give <ms>, <min>-<max> or lognormal; median=<ms>; sigma=<s>; cap=<ms>` };
}

function headerParts(text: string): Result<{ head: string; params: Record<string, number> }, string> {
  const [head = '', ...rest] = text.split(';').map((part) => part.trim());
  const params: Record<string, number> = {};
  for (const part of rest) {
    const found = /^([a-z]+)=(\d+(?:\.\d+)?)(%?)$/i.exec(part);
    if (!found) return { ok: false, error: `"${part}" is not a name=number parameter` };
    params[found[1]!.toLowerCase()] = Number(found[2]) / (found[3] ? 100 : 1);
  }
  return { ok: true, value: { head: head.toLowerCase(), params } };
}

function onlyParams(params: Record<string, number>, allowed: string[]): { ok: false; error: string } | undefined {
  const unknown = Object.keys(params).find((name) => !allowed.includes(name));
  if (unknown === undefined) return undefined;
  return { ok: false, error: `no parameter "${unknown}" here (${allowed.length > 0 ? `known: ${allowed.join(', ')}` : 'it takes none'})` };
}
