import type { AnyVendor } from '../engine/vendor.js';
import { FAULT_KEYS } from './faults.js';
import { LIMIT_KEYS } from './limits.js';
import { LOG_FORMATS, LOG_LEVELS } from '../observability/log-options.js';

/** What the server and the CLI read: where to listen, how long a stop drains, the shipped catalogue. */
export const SERVER_KEYS = ['shippedScenarios', 'port', 'host', 'drainTimeout', 'logLevel', 'logFormat', 'heapGrowingPercent'] as const;

/**
 * The config file's top-level keys, and the JSON Schema (draft 2020-12) of the whole file built from
 * the same lists and each vendor's settings schema: `contracts/config.schema.json` is this function's
 * output (scripts/make-config-schema.mjs writes it; test/engine/config-schema.test.ts fails when the
 * two drift). The loader (simulator/server.ts, the read* functions beside this file) still checks
 * each value itself, with messages naming the file and key; the schema is for editors and CI.
 */
export const CONFIG_KEYS = [
  'vendors',
  'scenarios',
  'adminToken',
  'journalCapacity',
  'cors',
  'validateResponses',
  'watchScenarios',
  ...LIMIT_KEYS,
  ...FAULT_KEYS,
  ...SERVER_KEYS,
] as const;

export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** `$schema` names the schema for editors; the loader skips it. */
export const EDITOR_KEYS = ['$schema'] as const;

export const CONFIG_SCHEMA_ID = 'https://liveness-sim.dev/contracts/config.schema.json';

/** What parseDuration (simulator/admin/input.ts) reads: milliseconds, or a number and a unit. */
const duration = (description: string) => ({
  description,
  anyOf: [
    { type: 'number', minimum: 0 },
    { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?(ms|s|m|h|d)\\s*$' },
  ],
});
const whole = (description: string, minimum: number, maximum?: number) => ({
  description,
  type: 'integer',
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});

/** Each top-level key but `vendors` (README "Settings", "Limits", "Faults and latency"); the bounds are the loader's. */
const TOP_LEVEL: Record<Exclude<ConfigKey, 'vendors'>, object> = {
  scenarios: { description: 'Your scenario folders, relative to this file.', type: 'array', items: { type: 'string' } },
  adminToken: { description: 'The admin API then needs X-Sim-Admin-Token.', type: 'string', minLength: 1 },
  journalCapacity: whole('Requests kept in the journal (default 1000).', 1),
  cors: { description: 'Answer CORS for browser clients (default false).', type: 'boolean' },
  validateResponses: { description: 'Hold every vendor answer to its contract (default false).', type: 'boolean' },
  watchScenarios: { description: 'Reload the scenario folders when their files change (default true).', type: 'boolean' },
  credentialCapacity: whole('Credentials whose state is kept (default 10000).', 1),
  partitionCapacity: whole('Values kept in one state partition: tokens, captures, media URLs (default 10000).', 1),
  armedCapacity: whole('Scenarios armed at once (default 1000).', 1),
  maxClockOffset: duration('How far the clock may be moved forward in total: ms, or "3650d" (default); at most 36500d.'),
  maxRequestBytes: whole('Bytes of one request body (default 16 MiB).', 1, Number.MAX_SAFE_INTEGER),
  maxBodyBytesInFlight: whole('Body bytes held at once by all requests in flight (default 256 MiB).', 1, Number.MAX_SAFE_INTEGER),
  mediaWorkers: whole('Worker threads reading uploaded videos (default 2).', 1, 64),
  mediaDeadline: duration('How long reading one video may take: ms, or "3s" (default); 1 ms to 10m.'),
  mediaQueueCapacity: whole('Uploads waiting for a video worker (default 64).', 0, 10_000),
  seed: whole('Seed of fault probabilities and latency draws (default: a random one each start).', 0, 4_294_967_295),
  maxHang: duration('How long a hang holds its connection: ms, or "5m" (default).'),
  maxHungConnections: whole('Connections held by a hang at once (default 1000).', 0),
  maxWait: duration('Any single wait, one latency or one drip: ms, or "5m" (default).'),
  shippedScenarios: { description: 'Load the shipped scenario catalogue (default true).', type: 'boolean' },
  port: whole('Port to listen on (default 8080; 0: a free one).', 0, 65535),
  host: { description: 'Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0: every interface).', type: 'string', minLength: 1 },
  logLevel: {
    description: 'What `serve` logs: info (default) a line per request; debug admin calls too; warn and above only problems; silent nothing.',
    enum: [...LOG_LEVELS],
  },
  logFormat: { description: 'json (one object per line) or pretty; default: pretty on a terminal, json otherwise.', enum: [...LOG_FORMATS] },
  heapGrowingPercent: whole(
    "serve only: how far the heap may grow past what the last full garbage collection kept before the next, in per cent; lower holds less memory under load for more CPU (default: V8's own factor, up to 300).",
    10,
    300,
  ),
  drainTimeout: {
    description: 'On SIGTERM or SIGINT, how long requests in flight may finish: seconds, or a duration ("10s", default); at most 1h.',
    anyOf: [
      { type: 'number', minimum: 0, maximum: 3600 },
      { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?(ms|s|m|h|d)\\s*$' },
    ],
  },
};

/** `vendors.<id>.throttle` (simulator/config/throttle.ts): null or false turns an earlier one off. */
function throttleSchema(vendor: AnyVendor): object {
  const outcomes = Object.keys(vendor.outcomes);
  const rule = {
    type: 'object',
    additionalProperties: false,
    required: vendor.id === 'advance' ? ['requests'] : ['requests', 'outcome'],
    properties: {
      requests: whole('Calls per window each credential may make.', 0),
      window: duration('ms, or a duration ("1s", default; "1m").'),
      outcome: { description: 'The outcome a throttled call gets.', enum: outcomes },
    },
  };
  return { description: `Rate limit per credential (README "Throttling").`, anyOf: [rule, { const: null }, { const: false }] };
}

function vendorSchema(vendor: AnyVendor): object {
  const own = vendor.settings.schema as { properties?: Record<string, unknown> };
  return {
    ...own,
    description: `${vendor.title} settings (simulator/vendors/${vendor.id}/README.md).`,
    properties: { ...own.properties, throttle: throttleSchema(vendor) },
  };
}

export function configSchema(vendors: readonly AnyVendor[]): object {
  const properties: Record<string, object> = {
    $schema: { description: 'This schema, for editors; ignored by the simulator.', type: 'string' },
  };
  for (const key of CONFIG_KEYS) {
    properties[key] =
      key === 'vendors'
        ? {
            description: 'Each vendor\'s settings (README "Settings").',
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(vendors.map((v) => [v.id, vendorSchema(v)])),
          }
        : TOP_LEVEL[key];
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'liveness-sim config file',
    description: 'The file given as --config (YAML or JSON). Generated by scripts/make-config-schema.mjs from simulator/config/.',
    type: ['object', 'null'],
    additionalProperties: false,
    properties,
  };
}
