import { parse as parseYaml } from 'yaml';
import { parseDuration } from '../admin/input.js';
import type { EngineLimits } from '../engine/limits.js';
import type { BodyLimits } from '../http/read-body.js';
import { FAULT_KEYS } from './faults.js';
import { MEDIA_LIMIT_KEYS } from './media.js';

/** The transport's caps on request bodies (simulator/http/read-body.ts). */
const BODY_LIMIT_KEYS = ['maxRequestBytes', 'maxBodyBytesInFlight'] as const;

/**
 * The engine's caps as config-file keys (README "Limits"), also settable as `--set <key>=<value>`.
 * Each value is checked here; a bad one stops the start with its source and key.
 */
export const LIMIT_KEYS = ['credentialCapacity', 'armedCapacity', 'maxClockOffset', ...BODY_LIMIT_KEYS, ...MEDIA_LIMIT_KEYS] as const;

export function readBodyLimits(values: Record<string, unknown>, source: string, problems: string[]): Partial<BodyLimits> {
  const limits: Partial<BodyLimits> = {};
  for (const key of BODY_LIMIT_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    if (Number.isSafeInteger(value) && (value as number) > 0) limits[key] = value as number;
    else problems.push(`${source}: ${key}: a whole number of bytes above 0`);
  }
  return limits;
}

/** Dates stay representable far past this (JavaScript dates reach the year 275760). */
const MAX_CLOCK_OFFSET_MS = 36_500 * 86_400_000;

export function readLimits(values: Record<string, unknown>, source: string, problems: string[]): Partial<EngineLimits> {
  const limits: Partial<EngineLimits> = {};
  for (const key of ['credentialCapacity', 'armedCapacity'] as const) {
    const value = values[key];
    if (value === undefined) continue;
    if (Number.isInteger(value) && (value as number) > 0) limits[key] = value as number;
    else problems.push(`${source}: ${key}: a whole number above 0`);
  }
  if (values.maxClockOffset !== undefined) {
    const ms = parseDuration(values.maxClockOffset);
    if (ms !== undefined && ms <= MAX_CLOCK_OFFSET_MS) limits.maxClockOffsetMs = ms;
    else problems.push(`${source}: maxClockOffset: milliseconds or a duration ("3650d"), at most 36500d`);
  }
  return limits;
}

/** `--set armedCapacity=500` (a top-level key: no vendor prefix) → values; the rest are vendor settings. */
export function topLevelFlags(flags: readonly string[]): { values: Record<string, unknown>; unknown: string[]; vendorFlags: string[] } {
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  const vendorFlags: string[] = [];
  for (const flag of flags) {
    const found = /^([A-Za-z]+)=(.*)$/s.exec(flag);
    if (!found) {
      vendorFlags.push(flag);
      continue;
    }
    const [, key, raw] = found as unknown as [string, string, string];
    const known: readonly string[] = [...LIMIT_KEYS, ...FAULT_KEYS];
    if (!known.includes(key))
      unknown.push(`--set ${flag}: ${key} is not a limit (known: ${known.join(', ')}); vendor settings are --set <vendor>.<key>=<value>`);
    else values[key] = readYaml(raw);
  }
  return { values, unknown, vendorFlags };
}

function readYaml(raw: string): unknown {
  try {
    return parseYaml(raw);
  } catch {
    return raw;
  }
}
