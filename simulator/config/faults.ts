import { parseDuration } from '../admin/input.js';

/**
 * The fault settings as top-level config-file keys (README "Faults and latency", "Limits"), also
 * settable as `--set <key>=<value>`: the seed of every random draw, and the caps on what a fault
 * or a latency may hold. Each value is checked here; a bad one stops the start with its source.
 */
export interface FaultSettings {
  /** Seed of fault probabilities and latency draws; unset: a random one each start. */
  seed?: number;
  maxHangMs?: number;
  maxHungSockets?: number;
  maxWaitMs?: number;
}

export const FAULT_KEYS = ['seed', 'maxHang', 'maxHungConnections', 'maxWait'] as const;

const MAX_SEED = 4294967295;

export function readFaultSettings(values: Record<string, unknown>, source: string, problems: string[]): FaultSettings {
  const settings: FaultSettings = {};
  const { seed, maxHungConnections } = values;
  if (seed !== undefined) {
    if (Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= MAX_SEED) settings.seed = seed as number;
    else problems.push(`${source}: seed: a whole number from 0 to ${MAX_SEED}`);
  }
  if (maxHungConnections !== undefined) {
    if (Number.isInteger(maxHungConnections) && (maxHungConnections as number) >= 0) settings.maxHungSockets = maxHungConnections as number;
    else problems.push(`${source}: maxHungConnections: a whole number, 0 or more`);
  }
  for (const [key, field] of [
    ['maxHang', 'maxHangMs'],
    ['maxWait', 'maxWaitMs'],
  ] as const) {
    const value = values[key];
    if (value === undefined) continue;
    const ms = parseDuration(value);
    if (ms !== undefined && ms >= 1) settings[field] = ms;
    else problems.push(`${source}: ${key}: milliseconds or a duration ("90s", "5m"), at least 1 ms`);
  }
  return settings;
}
