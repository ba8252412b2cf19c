import { DEFAULT_LIMITS } from '../engine/limits.js';
import type { AnyVendor } from '../engine/vendor.js';
import { DEFAULT_BODY_LIMITS } from '../http/body-limits.js';
import { DEFAULT_FAULT_LIMITS } from '../http/fault-limits.js';
import { VIDEO_POOL_DEFAULTS } from '../workers/video-pool.js';
import type { ConfigLayer } from './resolve.js';
import { CONFIG_KEYS } from './schema.js';

/**
 * What `liveness-sim config` prints: every setting, its effective value and where it came from
 * (`default`, the config file's path, an environment variable's name, a flag), secrets masked.
 * The layers are the ones the server resolves (server.ts configLayers), so what is printed is what
 * would run; the values were already checked there.
 */
export interface EffectiveSetting {
  /** The config file's key, vendor settings as `vendors.fpt.httpStatus`. */
  key: string;
  value: unknown;
  source: string;
}

export const MASK = '[masked]';

/**
 * Secrets, as paths in the config file's shape (`*`: any item of a list). Access keys and App-IDs
 * are ids, not secrets (README "Admin API", "Secrets"); test/cli/config-command.test.ts holds every
 * vendor setting whose name says key, secret or token to this list or to that decision.
 */
export const SECRET_PATHS = [
  'adminToken',
  'vendors.fpt.apiKeys.*',
  'vendors.fpt.apiKeys.*.key',
  'vendors.verihubs.credentials.*.apiKey',
  'vendors.advance.accounts.*.secretKey',
] as const;

/** Durations shown as the README gives them (`"5m"`, not 300000). */
function duration(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** Every top-level setting's default, in the config file's own form; null: not set. */
export function defaultValues(vendors: readonly AnyVendor[]): Record<string, unknown> {
  return {
    port: 8080,
    host: '127.0.0.1',
    drainTimeout: duration(10_000),
    logLevel: 'info',
    logFormat: null,
    heapGrowingPercent: null,
    adminToken: null,
    cors: false,
    validateResponses: false,
    scenarios: [],
    shippedScenarios: true,
    watchScenarios: true,
    journalCapacity: 1000,
    credentialCapacity: DEFAULT_LIMITS.credentialCapacity,
    partitionCapacity: DEFAULT_LIMITS.partitionCapacity,
    armedCapacity: DEFAULT_LIMITS.armedCapacity,
    maxClockOffset: duration(DEFAULT_LIMITS.maxClockOffsetMs),
    maxRequestBytes: DEFAULT_BODY_LIMITS.maxRequestBytes,
    maxBodyBytesInFlight: DEFAULT_BODY_LIMITS.maxBodyBytesInFlight,
    mediaWorkers: VIDEO_POOL_DEFAULTS.workers,
    mediaDeadline: duration(VIDEO_POOL_DEFAULTS.deadlineMs),
    mediaQueueCapacity: VIDEO_POOL_DEFAULTS.queueCapacity,
    seed: null,
    maxHang: duration(DEFAULT_FAULT_LIMITS.maxHangMs),
    maxHungConnections: DEFAULT_FAULT_LIMITS.maxHungSockets,
    maxWait: duration(DEFAULT_FAULT_LIMITS.maxWaitMs),
    vendors: Object.fromEntries(vendors.map((v) => [v.id, { ...(v.settings.defaults as object), throttle: null }])),
  };
}

/** The order printed: where it listens and who may call first, then the rest as the config file lists them. */
const FIRST = [
  'port',
  'host',
  'drainTimeout',
  'logLevel',
  'logFormat',
  'adminToken',
  'cors',
  'validateResponses',
  'scenarios',
  'shippedScenarios',
  'watchScenarios',
];

export function effectiveSettings(vendors: readonly AnyVendor[], layers: readonly ConfigLayer[]): EffectiveSetting[] {
  const values = new Map<string, unknown>();
  const sources = new Map<string, string>();
  const set = (key: string, value: unknown, source: string) => {
    for (const known of [...values.keys()]) {
      if (known.startsWith(`${key}.`)) {
        values.delete(known);
        sources.delete(known);
      }
    }
    values.set(key, value);
    sources.set(key, source);
  };
  // Vendor settings merge key by key (as the server merges them); anything else replaces; folders add up.
  const apply = (key: string, value: unknown, source: string) => {
    if (key === 'vendors' || /^vendors\.[^.]+$/.test(key) || (key.startsWith('vendors.') && isPlainObject(value))) {
      if (!isPlainObject(value)) return;
      values.delete(key);
      sources.delete(key);
      for (const [inner, v] of Object.entries(value)) apply(`${key}.${inner}`, v, source);
    } else if (key === 'scenarios' && values.has(key)) {
      const before = values.get(key) as string[];
      set(key, [...before, ...(value as string[])], before.length > 0 ? `${sources.get(key)}, ${source}` : source);
    } else set(key, value, source);
  };
  const all: ConfigLayer[] = [{ source: 'default', values: defaultValues(vendors) }, ...layers];
  for (const layer of all) for (const [key, value] of Object.entries(layer.values)) if (key !== '$schema') apply(key, value, layer.source);

  // Vendor settings last, each vendor's together.
  const order = [...FIRST, ...CONFIG_KEYS.filter((k) => !FIRST.includes(k) && k !== 'vendors'), ...vendors.map((v) => `vendors.${v.id}`)];
  const rank = (key: string) => order.indexOf(key.startsWith('vendors.') ? key.split('.', 2).join('.') : key.split('.')[0]!);
  return [...values.keys()].sort((a, b) => rank(a) - rank(b)).map((key) => ({ key, value: masked(key, values.get(key)), source: sources.get(key)! }));
}

/** The value with every secret below `path` replaced by MASK. */
export function masked(path: string, value: unknown): unknown {
  if (typeof value === 'string') return SECRET_PATHS.some((pattern) => matches(pattern, path)) ? MASK : value;
  if (Array.isArray(value)) return value.map((item, i) => masked(`${path}.${i}`, item));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(`${path}.${k}`, v)]));
  return value;
}

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('.');
  const got = path.split('.');
  return want.length === got.length && want.every((part, i) => part === got[i] || (part === '*' && /^\d+$/.test(got[i]!)));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The human form: one `key: value  # source` line each, values as JSON. */
export function formatSettings(settings: readonly EffectiveSetting[]): string {
  const lines = settings.map(({ key, value }) => `${key}: ${JSON.stringify(value)}`);
  const width = Math.min(56, Math.max(...lines.map((l) => l.length)));
  return lines.map((line, i) => `${line.padEnd(width)}  # ${settings[i]!.source}`).join('\n');
}
