import { http, type HttpHandler } from 'msw';
import { createAdminClient, type AdminClient } from '../admin-client/client.js';
import { SimulatorConfigError } from '../../simulator/config/config-error.js';
import { resolveSettings } from '../../simulator/config/settings.js';
import type { Clock } from '../../simulator/engine/clock.js';
import { createEngine, type EngineOptions } from '../../simulator/engine/engine.js';
import type { VendorId } from '../../simulator/engine/types.js';
import type { AnyVendor } from '../../simulator/engine/vendor.js';
import { createBodyBudget } from '../../simulator/http/body-budget.js';
import { DEFAULT_BODY_LIMITS, type BodyLimits } from '../../simulator/http/body-limits.js';
import { DEFAULT_FAULT_LIMITS, type FaultLimits } from '../../simulator/http/fault-limits.js';
import { parseScenarioObject } from '../../simulator/scenarios/parse.js';
import { shippedScenarios } from '../../simulator/scenarios/shipped.js';
import type { Scenario } from '../../simulator/scenarios/types.js';
import { composeSimulator, type Simulator } from '../../simulator/simulator.js';
import { createVendors } from '../../simulator/vendors/registry.js';
import { toSimRequest } from './read-request.js';
import { createResponseWriter } from './write-response.js';

/**
 * liveness-sim/msw (README "msw handlers"): the simulator as msw request handlers, a second thin
 * transport over the same simulator the HTTP server runs (engine + admin API, simulator.ts).
 * Browser-safe: nothing here or below imports a Node built-in, statically or dynamically
 * (test/architecture.test.ts). Video inspection runs inline (no worker threads in a browser); a
 * Verihubs image URL is fetched only with a fetcher injected through `vendors` (node.ts does).
 */

/** The vendors' real base URLs (contracts/openapi/*.json `servers`): every one is intercepted. */
export const VENDOR_BASE_URLS: Readonly<Record<VendorId, readonly string[]>> = {
  fpt: ['https://api.fpt.ai'],
  verihubs: ['https://api.verihubs.com'],
  advance: [
    'https://api.advance.ai',
    'https://sg-api.advance.ai',
    'https://my-api.advance.ai',
    'https://th-api.advance.ai',
    'https://ph-api.advance.ai',
    'https://mex-api.advance.ai',
    'https://col-api.advance.ai',
    'https://nga-api.advance.ai',
  ],
};

export interface LivenessHandlersOptions extends Partial<BodyLimits> {
  /**
   * Serve this simulator instead of building one: e.g. `createSimulator({ ... })` from
   * `liveness-sim` in Node, which reads scenario folders and config files. The handlers then
   * share its state, journal and clock. The options below that build a simulator are ignored.
   */
  simulator?: Simulator;
  /** Default: every vendor (in a browser, Verihubs fetches no image URL; under Node it does). */
  vendors?: readonly AnyVendor[];
  /**
   * Scenario documents as parsed objects (what a scenario YAML file reads as), tried before the
   * shipped ones and replacing a shipped one of the same id. Browsers read no folders: load them
   * yourself (a bundler's YAML/JSON import, or `createSimulator` in Node).
   */
  scenarios?: readonly unknown[];
  /** Leave out the shipped catalogue (bundled into this entry). */
  noShippedScenarios?: boolean;
  /** Per vendor, only the keys to change (as a config file's `vendors:`); checked like one. */
  settings?: Partial<Record<VendorId, Record<string, unknown>>>;
  adminToken?: string;
  journalCapacity?: number;
  /** Caps on what the engine keeps (README "Limits"). */
  limits?: EngineOptions['limits'];
  /** Seed of fault probabilities and latency draws. */
  seed?: number;
  clock?: Clock;
  /** Caps on faults and latency (README "Limits": maxHang, maxHungConnections, maxWait). */
  faultLimits?: Partial<FaultLimits>;
  /** Base URLs to intercept per vendor; a vendor given here replaces its defaults (VENDOR_BASE_URLS). */
  baseUrls?: Partial<Record<VendorId, readonly string[]>>;
}

/** The handlers (spread them into `setupServer` / `setupWorker`), with the simulator they serve. */
export interface LivenessHandlers extends Array<HttpHandler> {
  readonly simulator: Simulator;
  /** Scenario control from a test, through the admin API in-process: arm, journal, clock, reset. */
  readonly admin: AdminClient;
}

/** Builds a simulator without the file system: the shipped catalogue comes bundled. */
export function createInProcessSimulator(options: Omit<LivenessHandlersOptions, 'simulator' | 'baseUrls' | 'faultLimits' | keyof BodyLimits> = {}): Simulator {
  const vendors = options.vendors ?? createVendors();
  const byId = new Map(vendors.map((v) => [v.id, v]));
  const problems: string[] = [];
  const settings = resolveSettings(vendors, options.settings ? [{ source: 'options.settings', values: options.settings }] : []);
  if (!settings.ok) problems.push(...settings.errors);
  const own: Scenario[] = [];
  (options.scenarios ?? []).forEach((data, index) => {
    const parsed = parseScenarioObject(data, `options.scenarios[${index}]`, byId);
    if (parsed.ok) own.push(parsed.scenario);
    else problems.push(...parsed.errors);
  });
  const shipped = options.noShippedScenarios ? [] : shippedScenarios(byId);
  if (problems.length > 0 || !settings.ok) throw new SimulatorConfigError(problems);
  // As the folder loader orders them: the user's first, and theirs replace shipped ones by id.
  const ownIds = new Set(own.map((s) => s.id));
  const scenarios = [...own, ...shipped.filter((s) => !ownIds.has(s.id))];
  const engine = createEngine({
    vendors,
    scenarios,
    settings: settings.settings,
    journalCapacity: options.journalCapacity,
    limits: options.limits,
    seed: options.seed,
    clock: options.clock,
  });
  return composeSimulator(engine, { adminToken: options.adminToken });
}

export function createLivenessHandlers(options: LivenessHandlersOptions = {}): LivenessHandlers {
  const simulator = options.simulator ?? createInProcessSimulator(options);
  const limits: BodyLimits = {
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_BODY_LIMITS.maxRequestBytes,
    maxBodyBytesInFlight: options.maxBodyBytesInFlight ?? DEFAULT_BODY_LIMITS.maxBodyBytesInFlight,
  };
  const budget = createBodyBudget(limits.maxBodyBytesInFlight);
  const toResponse = createResponseWriter({ ...DEFAULT_FAULT_LIMITS, ...options.faultLimits });
  const bases = new Set(Object.values({ ...VENDOR_BASE_URLS, ...options.baseUrls }).flat());
  const handlers = [...bases].map((base) =>
    http.all(`${base.replace(/\/$/, '')}/*`, async ({ request }) => {
      const { sim, release } = await toSimRequest(request, limits, budget);
      try {
        return await toResponse(await simulator.handle(sim), request.signal);
      } finally {
        release();
      }
    }),
  );
  const admin = createAdminClient(async (method, path, body, contentType = 'application/json') => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': contentType };
    if (options.adminToken) headers['x-sim-admin-token'] = options.adminToken;
    const url = new URL(path, 'http://sim.invalid');
    const query = Object.fromEntries(url.searchParams);
    const answer = await simulator.handle({
      method,
      path: url.pathname,
      query,
      headers,
      body: body === undefined ? { kind: 'empty' } : { kind: 'bytes', bytes: new TextEncoder().encode(body), contentType },
    });
    return { status: answer.status, text: typeof answer.body === 'string' ? answer.body : new TextDecoder().decode(answer.body) };
  });
  return Object.assign(handlers, { simulator, admin });
}
