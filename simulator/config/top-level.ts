import { parseDuration } from '../admin/input.js';
import type { EngineLimits } from '../engine/limits.js';
import type { BodyLimits } from '../http/body-limits.js';
import type { VideoPoolOptions } from '../workers/video-pool.js';
import { readFaultSettings, type FaultSettings } from './faults.js';
import { readBodyLimits, readLimits } from './limits.js';
import { readMediaLimits } from './media.js';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../observability/log-options.js';

/**
 * Every top-level setting but `vendors`, read from one layer (the config file, one environment
 * variable, the flags): each value checked, a bad one named by its source and key. Layers are read
 * in order of precedence and merged by mergeTopLevel, so a later layer wins key by key.
 */
export interface TopLevelSettings {
  /** Scenario folders of this layer; folders add up across layers (a later folder's ids replace earlier ones). */
  scenarios?: string[];
  shippedScenarios?: boolean;
  /** Reload the user's scenario folders when their files change (README "Scenarios"). */
  watchScenarios?: boolean;
  adminToken?: string;
  journalCapacity?: number;
  cors?: boolean;
  validateResponses?: boolean;
  port?: number;
  host?: string;
  drainTimeoutMs?: number;
  /** V8's heap growing factor for `serve` (README "Memory"); the library leaves its host's process alone. */
  heapGrowingPercent?: number;
  /** How `serve` logs (README "Logs and metrics"); a library's server takes a logger instead. */
  logLevel?: LogLevel;
  logFormat?: LogFormat;
  limits: Partial<EngineLimits>;
  body: Partial<BodyLimits>;
  faults: FaultSettings;
  media: VideoPoolOptions;
}

/** The most a drain may wait: a typo guard (an hour). */
const MAX_DRAIN_MS = 3_600_000;

export function readTopLevel(values: Record<string, unknown>, source: string, problems: string[]): TopLevelSettings {
  const read: TopLevelSettings = {
    limits: readLimits(values, source, problems),
    body: readBodyLimits(values, source, problems),
    faults: readFaultSettings(values, source, problems),
    media: readMediaLimits(values, source, problems),
  };
  const {
    scenarios,
    shippedScenarios,
    watchScenarios,
    adminToken,
    journalCapacity,
    cors,
    validateResponses,
    port,
    host,
    drainTimeout,
    logLevel,
    logFormat,
    heapGrowingPercent,
  } = values;
  for (const [key, value] of [
    ['cors', cors],
    ['validateResponses', validateResponses],
    ['shippedScenarios', shippedScenarios],
    ['watchScenarios', watchScenarios],
  ] as const) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') read[key] = value;
    else problems.push(`${source}: ${key}: true or false`);
  }
  if (scenarios !== undefined) {
    if (Array.isArray(scenarios) && scenarios.every((d) => typeof d === 'string' && d !== '')) read.scenarios = scenarios;
    else problems.push(`${source}: scenarios: a list of folders`);
  }
  if (adminToken !== undefined) {
    if (typeof adminToken === 'string' && adminToken !== '') read.adminToken = adminToken;
    else problems.push(`${source}: adminToken: a non-empty string`);
  }
  if (journalCapacity !== undefined) {
    if (Number.isInteger(journalCapacity) && (journalCapacity as number) > 0) read.journalCapacity = journalCapacity as number;
    else problems.push(`${source}: journalCapacity: a whole number above 0`);
  }
  if (port !== undefined) {
    if (Number.isInteger(port) && (port as number) >= 0 && (port as number) <= 65535) read.port = port as number;
    else problems.push(`${source}: port: a port number from 0 to 65535`);
  }
  if (host !== undefined) {
    if (typeof host === 'string' && host.trim() !== '') read.host = host.trim();
    else problems.push(`${source}: host: an address or a host name (127.0.0.1: this machine only; 0.0.0.0: every interface)`);
  }
  if (logLevel !== undefined) {
    if ((LOG_LEVELS as readonly unknown[]).includes(logLevel)) read.logLevel = logLevel as LogLevel;
    else problems.push(`${source}: logLevel: one of ${LOG_LEVELS.join(', ')}`);
  }
  if (logFormat !== undefined) {
    if ((LOG_FORMATS as readonly unknown[]).includes(logFormat)) read.logFormat = logFormat as LogFormat;
    else problems.push(`${source}: logFormat: one of ${LOG_FORMATS.join(', ')}`);
  }
  if (drainTimeout !== undefined) {
    // Seconds, as the --drain-timeout flag has always taken them, or a duration with its unit.
    const ms = typeof drainTimeout === 'number' ? drainTimeout * 1000 : parseDuration(drainTimeout);
    if (ms !== undefined && Number.isFinite(ms) && ms >= 0 && ms <= MAX_DRAIN_MS) read.drainTimeoutMs = ms;
    else problems.push(`${source}: drainTimeout: seconds, or a duration ("10s", "500ms"), at most 1h`);
  }
  if (heapGrowingPercent !== undefined) {
    if (Number.isInteger(heapGrowingPercent) && (heapGrowingPercent as number) >= 10 && (heapGrowingPercent as number) <= 300)
      read.heapGrowingPercent = heapGrowingPercent as number;
    else problems.push(`${source}: heapGrowingPercent: a whole number from 10 to 300 (per cent)`);
  }
  return read;
}

/** Layers in order of precedence → one: each key from the last layer that set it; folders add up. */
export function mergeTopLevel(layers: readonly TopLevelSettings[]): TopLevelSettings {
  const merged: TopLevelSettings = { limits: {}, body: {}, faults: {}, media: {} };
  for (const layer of layers) {
    const { scenarios, limits, body, faults, media, ...scalars } = layer;
    Object.assign(merged, definedOnly(scalars));
    if (scenarios) merged.scenarios = [...(merged.scenarios ?? []), ...scenarios];
    Object.assign(merged.limits, definedOnly(limits));
    Object.assign(merged.body, definedOnly(body));
    Object.assign(merged.faults, definedOnly(faults));
    Object.assign(merged.media, definedOnly(media));
  }
  return merged;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
