import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Clock } from './engine/clock.js';
import { createEngine, type Engine } from './engine/engine.js';
import type { AnyVendor } from './engine/vendor.js';
import type { Scenario } from './scenarios/types.js';
import { createApp } from './http/app.js';
import { createExpressServer } from './http/express-server.js';
import type { Logger } from './observability/logger.js';
import { createRequestObserver } from './observability/observer.js';
import { logScenarioReload } from './observability/reloads.js';
import { deferMetrics, type DeferredMetrics } from './observability/deferred-metrics.js';
import { answerClientError } from './http/client-error.js';
import { trackInFlight, type DrainReport } from './http/in-flight.js';
import { continueWhenRead, type BodyLimits } from './http/read-body.js';
import { composeSimulator, type Simulator } from './simulator.js';
import type { FaultSettings } from './config/faults.js';
import { settingsFromFlags } from './config/settings.js';
import { topLevelFlags } from './config/set-flags.js';
import { resolveConfig, type ConfigLayer, type ResolvedConfig } from './config/resolve.js';
import { isTextSetting } from './config/env.js';
import { createVideoPool, type VideoPoolOptions } from './workers/video-pool.js';
import { loadScenarioFolders } from './scenarios/load-dirs.js';
import { whenOverlaps } from './scenarios/overlaps.js';
import { describeReload, type ScenarioReload } from './scenarios/scenario-set.js';
import { watchScenarioFolders } from './reload/watch-scenarios.js';
import { allVendors } from './vendors/index.js';
import { classifyAddress, parseIp } from './net/ip.js';
import { createResponseCheck } from './contracts/check-response.js';
import { nodeSha256, sha256Knowing } from './node/sha256.js';
import type { Sha256 } from './engine/digest.js';
import { SimulatorConfigError } from './config/config-error.js';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** Extra scenario folders: tried before the shipped catalogue, later ones first (and override by id). */
  scenarioDirs?: string[];
  /** Leave out the shipped catalogue. */
  noShippedScenarios?: boolean;
  /** A YAML or JSON config file (see README "Settings"). */
  configFile?: string;
  /** Settings per vendor, as the config file's `vendors:` (applied after the file). */
  settings?: Partial<Record<string, unknown>>;
  /** `fpt.httpStatus=mirror` style overrides, applied after the layers. */
  set?: string[];
  /**
   * Sources of configuration between the config file and `set`, each shaped like the file and named
   * in messages: the CLI passes its environment variables (config/env.ts) and its flags.
   */
  layers?: ConfigLayer[];
  adminToken?: string;
  journalCapacity?: number;
  /** The most bytes one request body may carry, all parts together (README "Limits"). */
  maxRequestBytes?: number;
  /** The most body bytes held at once by all requests in flight (README "Limits"). */
  maxBodyBytesInFlight?: number;
  vendors?: AnyVendor[];
  /** The engine's clock (tests pass a fixed one); default: real time plus the admin offset. */
  clock?: Clock;
  /** Told, one line each, what is worth knowing about the scenarios loaded (overlaps, replacements). */
  onNotice?: (line: string) => void;
  /** Answer CORS and preflights for browser clients (README "Browsers and CORS"); wins over the config file's `cors`. */
  cors?: boolean;
  /** Hold every vendor answer to its contract schema before sending it (README "Contracts"); wins over the config file's `validateResponses`. */
  validateResponses?: boolean;
  /** The seed and the fault caps (config keys seed, maxHang, maxHungConnections, maxWait); these win. */
  faults?: FaultSettings;
  /** The server's video inspection pool (README "Limits"); wins over the config file and --set. */
  media?: VideoPoolOptions;
  /** Reload the scenario folders when their files change (default true; README "Scenarios"); wins over the config file's `watchScenarios`. */
  watchScenarios?: boolean;
  /** Told of every scenario reload and runtime change, and of every refused one; default: a line each in the log (`logger`), else a line on stderr for file reloads (a runtime change answered its caller already). */
  onScenarioReload?: (reload: ScenarioReload) => void;
  /**
   * A pino logger: one line per request, transport errors (README "Logs and metrics"). Default:
   * none, a library's server stays quiet; the CLI passes the one its --log-level and --log-format made.
   */
  logger?: Logger;
}

export interface RunningSimulator {
  url: string;
  port: number;
  engine: Engine;
  /** The engine with the admin API above it: what the HTTP server serves. */
  simulator: Simulator;
  server: Server;
  /** Its Prometheus metrics, also served at `GET /__sim/metrics` (README "Logs and metrics"). */
  metrics: DeferredMetrics;
  /** Requests arrived and not yet answered. */
  requestsInFlight(): number;
  /** The effective configuration: every layer (config file, environment, flags, options) merged and checked. */
  config: ResolvedConfig;
  /** The user's scenario folders (not the shipped one), and whether they are reloaded on change. */
  scenarioFolders: { folders: string[]; watched: boolean };
  /** Stops at once, dropping whatever is in flight (tests). */
  close(): Promise<void>;
  /**
   * Stops gracefully: accepts nothing new, cuts requests held by a `hang` fault, lets the others
   * finish within `timeoutMs` (default: the `drainTimeout` setting, else 10 s), then closes every connection.
   */
  drain(timeoutMs?: number): Promise<DrainReport>;
}

/** How long after listening prom-client is loaded, unless a scrape asks first. */
const METRICS_LOAD_DELAY_MS = 1000;

/** How long a graceful stop waits for requests in flight by default. */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;

export { SimulatorConfigError };

/** The top-level keys of a config file (README "Settings"). */

/** Builds the engine from options (config file, settings, scenario folders); starts nothing. */
export function buildEngine(options: SimulatorOptions = {}): Engine {
  return buildSimulator(options).engine;
}

/** Builds the engine and puts the admin API above it (simulator.ts); starts nothing. */
export function buildSimulator(options: SimulatorOptions = {}): Simulator {
  return build(options).simulator;
}

/** What the HTTP transport needs from the options and the config file. */
interface TransportSettings extends Partial<BodyLimits> {
  cors: boolean;
  /** The fault caps (the seed went to the engine). */
  faultLimits: FaultSettings;
}

/**
 * buildSimulator, plus what only the server needs from the same options and file: the transport's
 * settings and the video inspection pool's. `ownHost`: the listening host[:port], for served URLs
 * when a request's Host is unusable. `sha256`: the engine's digest (the server's knows what its
 * video workers hashed).
 */
function build(
  options: SimulatorOptions,
  ownHost?: () => string,
  notReady?: () => string | undefined,
  sha256: Sha256 = nodeSha256,
): { simulator: Simulator; transport: TransportSettings; media: VideoPoolOptions; config: ResolvedConfig; scenarioFiles: ScenarioFiles } {
  const vendors = options.vendors ?? allVendors();
  const problems: string[] = [];
  const resolved = resolveConfig(vendors, configLayers(options, problems));
  if (!resolved.ok) problems.push(...resolved.problems);
  const config = resolved.ok ? resolved.config : undefined;

  const folders = { shipped: config?.shippedScenarios !== false, folders: config?.scenarios ?? [] };
  const vendorMap = new Map(vendors.map((v) => [v.id, v]));
  const loaded = loadScenarioFolders(folders, vendorMap);
  problems.push(...loaded.folderErrors);
  if (problems.length > 0 || !config) throw new SimulatorConfigError([...problems, ...loaded.errors], 'config');
  if (loaded.errors.length > 0) throw new SimulatorConfigError(loaded.errors, 'scenarios');
  for (const { scenario, was } of loaded.replaced) options.onNotice?.(`${scenario.source} replaces ${scenario.id} of ${was.source}`);
  for (const { first, second } of whenOverlaps(loaded.scenarios)) {
    options.onNotice?.(`${first.id} (${first.source}) and ${second.id} (${second.source}) can match the same request; ${first.id} is tried first`);
  }
  const settings = config.settings;
  const faults = { ...config.faults, ...options.faults };

  const engine = createEngine({
    vendors,
    scenarios: loaded.scenarios,
    settings,
    journalCapacity: config.journalCapacity,
    limits: config.limits,
    clock: options.clock,
    ownHost,
    seed: faults.seed,
    throttle: config.throttle,
    sha256,
    checkResponse: config.validateResponses ? createResponseCheck({ settingsOf: (vendor) => settings[vendor], log: (line) => console.error(line) }) : undefined,
  });
  return {
    simulator: composeSimulator(engine, { adminToken: config.adminToken, exposedOn: beyondThisMachine(config.host ?? '127.0.0.1'), notReady }),
    transport: { cors: config.cors ?? false, ...config.body, faultLimits: faults },
    media: { ...config.media, ...options.media },
    config,
    scenarioFiles: {
      watched: config.scenarios ?? [],
      watch: config.watchScenarios !== false,
      // A reload loads the whole set exactly as the start did (the shipped catalogue included, so a
      // user's file replacing a shipped id keeps doing so).
      load: () => {
        const again = loadScenarioFolders(folders, vendorMap);
        return { scenarios: again.scenarios, errors: [...again.folderErrors, ...again.errors] };
      },
    },
  };
}

/** The host when it is reachable from other machines (every interface, a LAN address, a name), else undefined. */
export function beyondThisMachine(host: string): string | undefined {
  if (host === 'localhost') return undefined;
  const ip = parseIp(host.replace(/^\[(.*)\]$/, '$1'));
  return ip && classifyAddress(ip) === 'loopback' ? undefined : host;
}

/** The user's scenario folders, for the watcher. */
interface ScenarioFiles {
  watched: string[];
  watch: boolean;
  load: () => { scenarios: Scenario[]; errors: string[] };
}

/**
 * The configuration's layers, in order of precedence (README "Settings"): the config file, then
 * `options.settings`, then `options.layers` (the CLI's environment variables and flags), then `--set`,
 * then the other options. The file is read here, the one file-system edge of the configuration.
 */
export function configLayers(options: SimulatorOptions, problems: string[]): ConfigLayer[] {
  const layers: ConfigLayer[] = [];
  if (options.configFile) {
    const file = readConfigFile(options.configFile, problems);
    if (file) layers.push(file);
  }
  if (options.settings) layers.push({ source: 'options.settings', values: { vendors: options.settings } });
  layers.push(...(options.layers ?? []));
  if (options.set?.length) {
    const top = topLevelFlags(options.set);
    problems.push(...top.unknown);
    const flags = settingsFromFlags(top.vendorFlags, isTextSetting(options.vendors ?? allVendors()));
    if (flags.ok)
      layers.push({ source: '--set', values: { ...top.values, ...(Object.keys(flags.layer.values).length > 0 ? { vendors: flags.layer.values } : {}) } });
    else problems.push(...flags.errors);
  }
  const own: Record<string, unknown> = {
    port: options.port,
    host: options.host,
    adminToken: options.adminToken || undefined,
    journalCapacity: options.journalCapacity,
    cors: options.cors,
    validateResponses: options.validateResponses,
    maxRequestBytes: options.maxRequestBytes,
    maxBodyBytesInFlight: options.maxBodyBytesInFlight,
    scenarios: options.scenarioDirs?.length ? options.scenarioDirs : undefined,
    shippedScenarios: options.noShippedScenarios ? false : undefined,
    watchScenarios: options.watchScenarios,
  };
  layers.push({ source: 'options', values: Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) });
  return layers;
}

/** The config file as a layer; its scenario folders are relative to the file, so it works from any directory. */
function readConfigFile(path: string, problems: string[]): ConfigLayer | undefined {
  let values: unknown;
  try {
    values = parseYaml(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    problems.push(`${path}: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (typeof values !== 'object' || Array.isArray(values)) {
    problems.push(`${path}: a map of settings (README "Settings"), not ${Array.isArray(values) ? 'a list' : JSON.stringify(values)}`);
    return undefined;
  }
  const file = { ...(values as Record<string, unknown>) };
  if (Array.isArray(file.scenarios) && file.scenarios.every((d) => typeof d === 'string'))
    file.scenarios = file.scenarios.map((d) => resolvePath(dirname(path), d));
  return { source: path, values: file };
}

/** Starts the simulator on HTTP; port 0 picks a free one. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  let listening = 'localhost';
  // FPT reads uploaded videos in the worker pool, off the event loop (simulator/workers). The
  // pool's settings are read with the rest of the configuration, so FPT gets a forwarder, bound
  // to the pool before the server listens.
  const vendors = options.vendors ?? allVendors({ inspectVideo: (bytes) => pool.inspect(bytes) });
  let stopping = false;
  // The workers hash each video they read; FPT and the journal then find its digest made.
  const uploadDigests = new WeakMap<Uint8Array, string>();
  const { simulator, transport, media, config, scenarioFiles } = build(
    { ...options, vendors },
    () => listening,
    () => (stopping ? 'stopping: the requests in flight finish, new connections are refused' : undefined),
    sha256Knowing(uploadDigests),
  );
  const bindHost = config.host ?? '127.0.0.1';
  const pool = createVideoPool({ ...media, digests: uploadDigests });
  const { engine } = simulator;
  const { server, serve } = createExpressServer();
  const inFlight = trackInFlight(server);
  // prom-client is loaded by servers only, once listening (observability/deferred-metrics.ts).
  const metrics = deferMetrics({
    journalSize: () => engine.journal.count(),
    journalCapacity: engine.journal.capacity,
    scenarioCount: () => engine.scenarios().size,
    inFlight: () => observer.inFlight(),
  });
  const observer = createRequestObserver({ logger: options.logger, metrics });
  const logger = options.logger;
  const logError = logger ? (error: unknown) => logger.error({ err: error }, 'transport error') : undefined;
  serve(createApp(simulator, { ...transport, inFlight, observer, metrics, logError }));
  server.on('clientError', answerClientError);
  continueWhenRead(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port ?? 8080, bindHost, resolve);
  }).catch(async (error: unknown) => {
    await pool.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  // Off the start-up path: the first answers go out first (a scrape before then loads it at once).
  const loadMetrics = setTimeout(() => void metrics.load(), METRICS_LOAD_DELAY_MS).unref();
  simulator.scenarios.onReload((reload) => metrics.scenarioReload(reload.trigger, reload.ok ? 'ok' : 'failed'));
  simulator.scenarios.onReload(
    options.onScenarioReload ??
      (logger
        ? (reload) => logScenarioReload(logger, reload)
        : // Without a logger only file reloads are told: a runtime change already answered its caller.
          (reload) => reload.trigger === 'files' && console.error(`[liveness-sim] ${describeReload(reload)}`)),
  );
  const watcher =
    scenarioFiles.watch && scenarioFiles.watched.length > 0
      ? watchScenarioFolders({ folders: scenarioFiles.watched, load: scenarioFiles.load, set: simulator.scenarios })
      : undefined;
  const host = bindHost !== '0.0.0.0' && bindHost !== '::' ? bindHost : '127.0.0.1';
  listening = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    engine,
    simulator,
    server,
    metrics,
    requestsInFlight: () => observer.inFlight(),
    config,
    scenarioFolders: { folders: scenarioFiles.watched, watched: watcher !== undefined },
    close: async () => {
      clearTimeout(loadMetrics);
      watcher?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await pool.close();
    },
    drain: (timeoutMs = config.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS) => {
      stopping = true;
      watcher?.close();
      return inFlight.drain(timeoutMs);
    },
  };
}
