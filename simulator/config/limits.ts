import { parseDuration } from '../admin/input.js';
import type { EngineLimits } from '../engine/limits.js';
import type { BodyLimits } from '../http/read-body.js';
import { MEDIA_LIMIT_KEYS } from './media.js';

/** The transport's caps on request bodies (simulator/http/read-body.ts). */
const BODY_LIMIT_KEYS = ['maxRequestBytes', 'maxBodyBytesInFlight'] as const;

/**
 * The engine's caps as config-file keys (README "Limits"), also settable as `--set <key>=<value>`.
 * Each value is checked here; a bad one stops the start with its source and key.
 */
export const LIMIT_KEYS = ['credentialCapacity', 'partitionCapacity', 'armedCapacity', 'maxClockOffset', ...BODY_LIMIT_KEYS, ...MEDIA_LIMIT_KEYS] as const;

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
  for (const key of ['credentialCapacity', 'partitionCapacity', 'armedCapacity'] as const) {
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
