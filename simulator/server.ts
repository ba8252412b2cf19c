import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Clock } from './engine/clock.js';
import { createEngine, type Engine } from './engine/engine.js';
import type { AnyVendor } from './engine/vendor.js';
import type { Scenario } from './scenarios/types.js';
import { createApp } from './http/app.js';
import type { Logger } from './observability/logger.js';
import { createRequestObserver } from './observability/observer.js';
import { logScenarioReload } from './observability/reloads.js';
import type { SimulatorMetrics } from './observability/metrics.js';
import { answerClientError } from './http/client-error.js';
import { trackInFlight, type DrainReport } from './http/in-flight.js';
import { continueWhenRead, type BodyLimits } from './http/read-body.js';
import { composeSimulator, type Simulator } from './simulator.js';
import { readFaultSettings, type FaultSettings } from './config/faults.js';
import { peelThrottle } from './config/throttle.js';
import { resolveSettings, settingsFromFlags, type SettingsLayer } from './config/settings.js';
import { readBodyLimits, readLimits, topLevelFlags } from './config/limits.js';
import { readMediaLimits } from './config/media.js';
import { CONFIG_KEYS, EDITOR_KEYS } from './config/schema.js';
import { createVideoPool, type VideoPoolOptions } from './workers/video-pool.js';
import { loadScenarioDirs, shippedScenariosDir } from './scenarios/load-dirs.js';
import { whenOverlaps } from './scenarios/overlaps.js';
import { describeReload, type ScenarioReload } from './scenarios/scenario-set.js';
import { watchScenarioFolders } from './reload/watch-scenarios.js';
import { allVendors } from './vendors/index.js';
import { createResponseCheck } from './contracts/check-response.js';
import { nodeSha256 } from './node/sha256.js';
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
  /** `fpt.httpStatus=mirror` style overrides, applied last. */
  set?: string[];
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
  /** Told of every scenario reload and runtime change, and of every refused one; default: a line each in the log (`logger`), else on stderr. */
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
  metrics: SimulatorMetrics;
  /** Requests arrived and not yet answered. */
  requestsInFlight(): number;
  /** Stops at once, dropping whatever is in flight (tests). */
  close(): Promise<void>;
  /**
   * Stops gracefully: accepts nothing new, cuts requests held by a `hang` fault, lets the others
   * finish within `timeoutMs` (default 10 s), then closes every connection.
   */
  drain(timeoutMs?: number): Promise<DrainReport>;
}

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
 * when a request's Host is unusable.
 */
function build(
  options: SimulatorOptions,
  ownHost?: () => string,
): { simulator: Simulator; transport: TransportSettings; media: VideoPoolOptions; scenarioFiles: ScenarioFiles } {
  const vendors = options.vendors ?? allVendors();
  const problems: string[] = [];
  const layers: SettingsLayer[] = [];
  let file: Record<string, unknown> = {};
  if (options.configFile) {
    try {
      file = (parseYaml(readFileSync(options.configFile, 'utf8')) ?? {}) as Record<string, unknown>;
      layers.push({ source: options.configFile, values: file.vendors ?? {} });
      for (const key of Object.keys(file).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k) && !(EDITOR_KEYS as readonly string[]).includes(k))) {
        problems.push(`${options.configFile}: ${key}: not a setting (known: ${CONFIG_KEYS.join(', ')})`);
      }
      const { scenarios, adminToken, journalCapacity, cors } = file;
      if (cors !== undefined && typeof cors !== 'boolean') problems.push(`${options.configFile}: cors: true or false`);
      if (file.validateResponses !== undefined && typeof file.validateResponses !== 'boolean')
        problems.push(`${options.configFile}: validateResponses: true or false`);
      if (file.watchScenarios !== undefined && typeof file.watchScenarios !== 'boolean') problems.push(`${options.configFile}: watchScenarios: true or false`);
      if (scenarios !== undefined && !(Array.isArray(scenarios) && scenarios.every((d) => typeof d === 'string')))
        problems.push(`${options.configFile}: scenarios: a list of folders`);
      if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken === ''))
        problems.push(`${options.configFile}: adminToken: a non-empty string`);
      if (journalCapacity !== undefined && !(Number.isInteger(journalCapacity) && (journalCapacity as number) > 0))
        problems.push(`${options.configFile}: journalCapacity: a whole number above 0`);
    } catch (error) {
      problems.push(`${options.configFile}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (options.settings) layers.push({ source: 'options.settings', values: options.settings });
  const topFlags = topLevelFlags(options.set ?? []);
  problems.push(...topFlags.unknown);
  const limits = { ...readLimits(file, options.configFile ?? '', problems), ...readLimits(topFlags.values, '--set', problems) };
  const bodyLimits = {
    ...readBodyLimits(file, options.configFile ?? '', problems),
    ...readBodyLimits(topFlags.values, '--set', problems),
    ...readBodyLimits({ ...options }, 'options', problems),
  };
  const faults = {
    ...readFaultSettings(file, options.configFile ?? '', problems),
    ...readFaultSettings(topFlags.values, '--set', problems),
    ...options.faults,
  };
  const media = { ...readMediaLimits(file, options.configFile ?? '', problems), ...readMediaLimits(topFlags.values, '--set', problems), ...options.media };
  const flags = settingsFromFlags(topFlags.vendorFlags);
  if (flags.ok) layers.push(flags.layer);
  else problems.push(...flags.errors);
  // `throttle` is every vendor's setting, read apart from the vendor's own schema.
  const peeled = peelThrottle(vendors, layers, problems);
  const settings = resolveSettings(vendors, peeled.layers);
  if (!settings.ok) problems.push(...settings.errors);

  // A config file's folders are relative to the file, so it works from any directory.
  const fileDirs = Array.isArray(file.scenarios) ? (file.scenarios as string[]).map((d) => resolvePath(dirname(options.configFile!), d)) : [];
  const dirs = [...(options.noShippedScenarios ? [] : [shippedScenariosDir()]), ...fileDirs, ...(options.scenarioDirs ?? [])];
  const vendorMap = new Map(vendors.map((v) => [v.id, v]));
  const loaded = loadScenarioDirs(dirs, vendorMap);
  problems.push(...loaded.folderErrors);
  if (problems.length > 0 || !settings.ok) throw new SimulatorConfigError([...problems, ...loaded.errors], 'config');
  if (loaded.errors.length > 0) throw new SimulatorConfigError(loaded.errors, 'scenarios');
  for (const { scenario, was } of loaded.replaced) options.onNotice?.(`${scenario.source} replaces ${scenario.id} of ${was.source}`);
  for (const { first, second } of whenOverlaps(loaded.scenarios)) {
    options.onNotice?.(`${first.id} (${first.source}) and ${second.id} (${second.source}) can match the same request; ${first.id} is tried first`);
  }

  const engine = createEngine({
    vendors,
    scenarios: loaded.scenarios,
    settings: settings.settings,
    journalCapacity: options.journalCapacity ?? (file.journalCapacity as number | undefined),
    limits,
    clock: options.clock,
    ownHost,
    seed: faults.seed,
    throttle: peeled.throttle,
    sha256: nodeSha256,
    checkResponse:
      (options.validateResponses ?? file.validateResponses === true)
        ? createResponseCheck({ settingsOf: (vendor) => settings.settings[vendor], log: (line) => console.error(line) })
        : undefined,
  });
  return {
    simulator: composeSimulator(engine, { adminToken: options.adminToken ?? (file.adminToken as string | undefined) }),
    transport: { cors: options.cors ?? file.cors === true, ...bodyLimits, faultLimits: faults },
    media,
    scenarioFiles: {
      watched: [...fileDirs, ...(options.scenarioDirs ?? [])],
      watch: options.watchScenarios ?? file.watchScenarios !== false,
      // A reload loads the whole set exactly as the start did (the shipped folder included, so a
      // user's file replacing a shipped id keeps doing so).
      load: () => {
        const again = loadScenarioDirs(dirs, vendorMap);
        return { scenarios: again.scenarios, errors: [...again.folderErrors, ...again.errors] };
      },
    },
  };
}

/** The user's scenario folders, for the watcher. */
interface ScenarioFiles {
  watched: string[];
  watch: boolean;
  load: () => { scenarios: Scenario[]; errors: string[] };
}

/** Starts the simulator on HTTP; port 0 picks a free one. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  let listening = 'localhost';
  // FPT reads uploaded videos in the worker pool, off the event loop (simulator/workers). The
  // pool's settings are read with the rest of the configuration, so FPT gets a forwarder, bound
  // to the pool before the server listens.
  const vendors = options.vendors ?? allVendors({ inspectVideo: (bytes) => pool.inspect(bytes) });
  const { simulator, transport, media, scenarioFiles } = build({ ...options, vendors }, () => listening);
  const pool = createVideoPool(media);
  const { engine } = simulator;
  const server = createServer();
  const inFlight = trackInFlight(server);
  // prom-client is loaded by servers only, not by every import of the library.
  const { createMetrics } = await import('./observability/metrics.js');
  const metrics = createMetrics({
    journalSize: () => engine.journal.count(),
    journalCapacity: engine.journal.capacity,
    scenarioCount: () => engine.scenarios().size,
    inFlight: () => observer.inFlight(),
  });
  const observer = createRequestObserver({ logger: options.logger, metrics });
  const logger = options.logger;
  const logError = logger ? (error: unknown) => logger.error({ err: error }, 'transport error') : undefined;
  server.on('request', createApp(simulator, { ...transport, inFlight, observer, metrics, logError }));
  server.on('clientError', answerClientError);
  continueWhenRead(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', resolve);
  }).catch(async (error: unknown) => {
    await pool.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  simulator.scenarios.onReload((reload) => metrics.scenarioReload(reload.trigger, reload.ok ? 'ok' : 'failed'));
  simulator.scenarios.onReload(
    options.onScenarioReload ??
      (logger ? (reload) => logScenarioReload(logger, reload) : (reload) => console.error(`[liveness-sim] ${describeReload(reload)}`)),
  );
  const watcher =
    scenarioFiles.watch && scenarioFiles.watched.length > 0
      ? watchScenarioFolders({ folders: scenarioFiles.watched, load: scenarioFiles.load, set: simulator.scenarios })
      : undefined;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  listening = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    engine,
    simulator,
    server,
    metrics,
    requestsInFlight: () => observer.inFlight(),
    close: async () => {
      watcher?.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await pool.close();
    },
    drain: (timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS) => {
      watcher?.close();
      return inFlight.drain(timeoutMs);
    },
  };
}
