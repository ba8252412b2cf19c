#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readFileSync, statSync } from 'node:fs';
import { allVendors } from '../vendors/index.js';
import { beyondThisMachine, buildEngine, buildSimulator, configLayers, DEFAULT_DRAIN_TIMEOUT_MS, SimulatorConfigError, startSimulator } from '../server.js';
import { CONFIG_FILE_VARIABLE, envLayers } from '../config/env.js';
import { resolveConfig, type ConfigLayer } from '../config/resolve.js';
import { didYouMean } from '../scenarios/suggest.js';
import { VERSION } from '../version.js';
import { setHeapGrowth } from '../node/heap-growth.js';
import { keepWorkerHeapLimits } from '../node/worker-heap.js';
import { LOG_FORMATS, LOG_LEVELS } from '../observability/log-options.js';
import type { CheckReport } from './contracts-check.js';
// The other commands' own modules (contracts and pact checks, the scenario file validator, the
// settings report) are loaded by their command (`await import`), not by every start of serve.

/** A thin CLI: each command calls a library function. */
const HELP = `liveness-sim ${VERSION} — a local simulator of the FPT.AI, Verihubs and ADVANCE.AI liveness APIs

Usage:
  liveness-sim [serve] [options]        start the simulator (the default command)
  liveness-sim config [options] [--json]
                                        print the effective configuration: each setting, its
                                        value and its source (default, file, variable, flag),
                                        secrets masked
  liveness-sim scenarios [options]      list the loaded scenarios
  liveness-sim validate FILE|DIR ...    check scenario files without starting anything
  liveness-sim contracts check FILE ... hold recorded traffic (HAR files, or a JSON body with
                                        --operation OP) to the vendor contracts; exit 1 on a mismatch
  liveness-sim contracts check-pact PACT_FILE_OR_DIR ...
                                        hold each interaction of consumers' pacts to the vendor
                                        contracts, offline; exit 1 on a mismatch
  liveness-sim verify-pacts PACT_FILE_OR_DIR ...
                                        verify consumers' pacts against a simulator on a free
                                        loopback port (provider states name scenarios; -c, -s apply);
                                        exit 1 when an interaction fails
  liveness-sim --help | --version

Options (serve, config, scenarios); each setting also has an environment variable, SIM_ and its
key in SCREAMING_SNAKE_CASE (SIM_JOURNAL_CAPACITY, SIM_FPT_HTTP_STATUS; README "Settings"):
config file < environment < flags.
  -p, --port N            port to listen on (default: $SIM_PORT or $PORT, else 8080)
  -H, --host H            address to listen on (default: $SIM_HOST or $HOST, else 127.0.0.1: this
                          machine only; 0.0.0.0: every interface, as a container or another machine needs)
  -s, --scenarios DIR     your scenario folder, tried before the shipped ones (repeatable: later first; same id replaces)
      --no-shipped        leave out the shipped scenario catalogue
      --no-watch          do not reload the --scenarios folders when their files change (default: $SIM_WATCH_SCENARIOS, else on)
  -c, --config FILE       a YAML or JSON config file: vendors.<id>.<setting>, scenarios, adminToken, cors
                          (default: $SIM_CONFIG)
      --set V.KEY=VALUE   a vendor setting, e.g. --set fpt.httpStatus=mirror (repeatable; wins over --config)
      --set KEY=VALUE     any other setting, e.g. a limit (README "Limits"): --set armedCapacity=500
      --admin-token T     require the header X-Sim-Admin-Token: T on the admin API (default: $SIM_ADMIN_TOKEN)
      --cors              answer CORS for browser clients (default: $SIM_CORS=1, else off; README "Browsers and CORS")
      --validate-responses  hold every vendor answer to its contract schema; a breach answers 500 (default: $SIM_VALIDATE_RESPONSES=1)
      --drain-timeout S   on SIGTERM or SIGINT, seconds (or "500ms") to let requests in flight finish (default: 10)
      --log-level L       trace, debug (admin calls too), info (default: a line per request), warn, error,
                          fatal or silent (default: $SIM_LOG_LEVEL, logLevel, else info)
      --log-format F      json (one object per line) or pretty (default: $SIM_LOG_FORMAT, logFormat, else pretty on a
                          terminal, json otherwise)
      --vendor ID         (scenarios) only this vendor's scenarios
      --operation OP      (contracts check) what a plain JSON body answers: fpt.liveness, verihubs.liveness, advance.token, …
      --as request|response  (contracts check) a plain JSON body is the operation's request or its response (default)
      --verihubs-typing any  (contracts check) Verihubs success bodies of an account with switched typing.* settings
      --json              (config, contracts check) the report as JSON

Exit status: 0 done; 1 the job failed (invalid scenario files, nothing to list); 2 usage (unknown
command, flag or vendor, a bad value, a missing file); 3 cannot listen (port in use, an address not
of this machine); 4 bad configuration (config file, --set, a scenario folder).

Everything else: README.md, "Settings", "Scenarios" and "Admin API".`;

/** Exit statuses (also in HELP and README "Start it, test it"). */
const EXIT = { ok: 0, failed: 1, usage: 2, cannotListen: 3, badConfig: 4 } as const;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string', short: 'H' },
  scenarios: { type: 'string', short: 's', multiple: true },
  'no-shipped': { type: 'boolean' },
  'no-watch': { type: 'boolean' },
  config: { type: 'string', short: 'c' },
  set: { type: 'string', multiple: true },
  'admin-token': { type: 'string' },
  cors: { type: 'boolean' },
  'validate-responses': { type: 'boolean' },
  'drain-timeout': { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  vendor: { type: 'string' },
  operation: { type: 'string' },
  as: { type: 'string' },
  'verihubs-typing': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;
const COMMANDS = ['serve', 'config', 'scenarios', 'validate', 'contracts', 'verify-pacts'];

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'([^']+)'/.exec(message)?.[1] : undefined;
    if (unknown)
      fail(
        EXIT.usage,
        `unknown option ${unknown}${suggestion(
          unknown,
          Object.keys(OPTIONS).map((o) => `--${o}`),
        )}. Run liveness-sim --help for the options.`,
      );
    fail(EXIT.usage, `${message.split('\n')[0]!.replace(/\.?$/, '.')} Run liveness-sim --help for the options.`);
  }
})();

function fail(status: number, message: string): never {
  console.error(`[liveness-sim] ${message}`);
  process.exit(status);
}

function suggestion(name: string, known: readonly string[]): string {
  const near = didYouMean(name, known);
  return near ? ` (did you mean ${near}?)` : '';
}

const command = positionals[0] ?? 'serve';

/** The environment's settings, read once; a near-miss SIM_* name is warned about, never fatal. */
const environment = envLayers(process.env, allVendors());
let warned = false;
const warnAboutEnvironment = () => {
  if (warned) return;
  warned = true;
  for (const warning of environment.warnings) console.error(`[liveness-sim] warning: ${warning}`);
};

/** The dedicated flags as configuration layers, after the environment's (README "Settings"). */
function flagLayers(): ConfigLayer[] {
  const flags: [string, string, unknown][] = [
    ['--port', 'port', values.port === undefined ? undefined : portFlag(values.port)],
    ['--host', 'host', values.host],
    ['--drain-timeout', 'drainTimeout', values['drain-timeout'] === undefined ? undefined : drainFlag(values['drain-timeout'])],
    ['--admin-token', 'adminToken', values['admin-token']],
    ['--cors', 'cors', values.cors],
    ['--validate-responses', 'validateResponses', values['validate-responses']],
    ['--scenarios', 'scenarios', values.scenarios],
    ['--no-shipped', 'shippedScenarios', values['no-shipped'] ? false : undefined],
    ['--no-watch', 'watchScenarios', values['no-watch'] ? false : undefined],
    ['--log-level', 'logLevel', choice('--log-level', values['log-level'], LOG_LEVELS)],
    ['--log-format', 'logFormat', choice('--log-format', values['log-format'], LOG_FORMATS)],
  ];
  return flags.filter(([, , value]) => value !== undefined).map(([source, key, value]) => ({ source, values: { [key]: value } }));
}

function portFlag(text: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) fail(EXIT.usage, `--port "${text}": a port number from 0 to 65535`);
  return port;
}

/** Seconds, as the flag always took them, or a duration with its unit ("500ms"). */
function drainFlag(text: string): number | string {
  const seconds = Number(text);
  if (text.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds;
  if (/^\s*\d+(\.\d+)?(ms|s|m|h)\s*$/.test(text)) return text;
  fail(EXIT.usage, `--drain-timeout "${text}": seconds, 0 or more (or a duration: "500ms", "1m")`);
}

const common = () => {
  warnAboutEnvironment();
  return {
    configFile: values.config ?? (process.env[CONFIG_FILE_VARIABLE] || undefined),
    layers: [...environment.layers, ...flagLayers()],
    set: values.set ?? [],
    onNotice: (line: string) => console.error(`[liveness-sim] note: ${line}`),
  };
};

try {
  if (values.help) console.log(HELP);
  else if (values.version) console.log(VERSION);
  else if (command === 'serve') await serve();
  else if (command === 'config') await printConfig();
  else if (command === 'scenarios') listScenarios();
  else if (command === 'validate') await validate(positionals.slice(1));
  else if (command === 'contracts') await checkContracts(positionals.slice(1));
  else if (command === 'verify-pacts') await verifyPactFiles(positionals.slice(1));
  else fail(EXIT.usage, `unknown command "${command}"${suggestion(command, COMMANDS)}. Commands: ${COMMANDS.join(', ')}; run liveness-sim --help.`);
} catch (error) {
  if (!(error instanceof SimulatorConfigError)) throw error;
  // One line per problem, each naming its file or flag.
  for (const problem of error.problems) console.error(`[liveness-sim] ${command === 'serve' ? 'not started: ' : ''}${problem}`);
  process.exit(error.kind === 'scenarios' ? EXIT.failed : EXIT.badConfig);
}

/** `contracts check FILE...` (README "Contracts"): 0 when everything conforms, 1 otherwise. */
async function checkContracts(args: string[]): Promise<void> {
  if (args[0] === 'check-pact') return checkPacts(args.slice(1));
  if (args[0] !== 'check') fail(EXIT.usage, `contracts takes the subcommand check or check-pact (got "${args[0] ?? ''}"). Run liveness-sim --help.`);
  if (args.length < 2) fail(EXIT.usage, 'contracts check: which files? A HAR file, or a JSON body with --operation.');
  const { checkFiles, CheckUsageError, formatReport } = await import('./contracts-check.js');
  let report: CheckReport;
  try {
    report = checkFiles(args.slice(1), { operation: values.operation, as: values.as, verihubsTyping: values['verihubs-typing'] });
  } catch (error) {
    if (error instanceof CheckUsageError) fail(EXIT.usage, error.message);
    throw error;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  process.exit(report.mismatches.length > 0 ? EXIT.failed : EXIT.ok);
}

/** `contracts check-pact PACT_FILE...` (README "Pact"): 0 when every interaction keeps the contracts, 1 otherwise. */
async function checkPacts(paths: string[]): Promise<void> {
  if (paths.length === 0) fail(EXIT.usage, 'contracts check-pact: which pact files?');
  const { checkPactFiles, formatPactReport } = await import('./check-pact.js');
  const { PactFileError, pactFilePaths } = await import('../pact/pact-files.js');
  let report;
  try {
    report = checkPactFiles(pactFilePaths(paths));
  } catch (error) {
    if (error instanceof PactFileError) fail(EXIT.usage, `contracts check-pact: ${error.message}`);
    throw error;
  }
  console.log(values.json ? JSON.stringify(report, null, 2) : formatPactReport(report));
  process.exit(report.mismatches.length > 0 ? EXIT.failed : EXIT.ok);
}

/** `verify-pacts PACT_FILE_OR_DIR...` (README "Pact"): 0 every interaction verified, 1 otherwise. */
async function verifyPactFiles(paths: string[]): Promise<void> {
  if (paths.length === 0) fail(EXIT.usage, 'verify-pacts: which pacts? Name pact files or folders, e.g. liveness-sim verify-pacts ./pacts');
  const { onNotice: _quiet, ...simulator } = common();
  const { verifyPacts } = await import('../pact/verify-pacts.js');
  const { PactFileError } = await import('../pact/pact-files.js');
  const result = await verifyPacts({ pacts: paths, simulator }).catch((error: unknown) => {
    if (error instanceof PactFileError) fail(EXIT.usage, `verify-pacts: ${error.message}`);
    throw error;
  });
  for (const problem of result.stateProblems) console.error(`[liveness-sim] ${problem}`);
  const what = `${result.interactions} interaction(s) in ${result.files.length} pact file(s)`;
  if (result.passed) console.log(`[liveness-sim] verified ${what}`);
  else if (result.stateProblems.length > 0)
    console.error(`[liveness-sim] nothing verified: ${result.stateProblems.length} unknown provider state(s) in ${what}`);
  else console.error(`[liveness-sim] verification failed (${what}): see the failures above`);
  process.exit(result.passed ? EXIT.ok : EXIT.failed);
}

function noArguments(): void {
  if (positionals.length > 1) fail(EXIT.usage, `${command} takes no argument (got "${positionals[1]}"). Run liveness-sim --help.`);
}

/** `config` (README "Settings"): what `serve` with the same options would run, and where each value came from. */
async function printConfig(): Promise<void> {
  noArguments();
  const options = common();
  const { effectiveSettings, formatSettings } = await import('../config/effective.js');
  buildSimulator(options); // every check serve makes, scenario files included: exit 4 (or 1) as serve would
  const layers = configLayers(options, []);
  const settings = effectiveSettings(allVendors(), layers);
  const file = options.configFile ? { path: options.configFile, source: values.config === undefined ? CONFIG_FILE_VARIABLE : '--config' } : null;
  if (values.json) console.log(JSON.stringify({ version: VERSION, configFile: file, settings }, null, 2));
  else {
    const named = file ? `config file ${file.path} (${file.source})` : 'no config file';
    console.log(`# liveness-sim ${VERSION}, ${named}: each setting, its value and its source; secrets masked\n${formatSettings(settings)}`);
  }
}

async function serve(): Promise<void> {
  noArguments();
  const options = common();
  keepWorkerHeapLimits();
  // pino (and pino-pretty on a terminal) are loaded by serve only.
  const { createLogger } = await import('../observability/logger.js');
  // The log settings come through the layers like any other (file < environment < flags); a bad
  // one is left to startSimulator, which names it and exits 4 as for every setting.
  const resolved = resolveConfig(allVendors(), configLayers(options, []));
  const logger = await createLogger({
    level: (resolved.ok && resolved.config.logLevel) || 'info',
    format: resolved.ok ? resolved.config.logFormat : undefined,
  });

  const sim = await startSimulator({ ...options, logger }).catch((error: NodeJS.ErrnoException & { syscall?: string }) => {
    if (error.syscall !== 'listen' && error.syscall !== 'getaddrinfo') throw error;
    const layers = configLayers(options, []);
    const last = (key: string) => layers.findLast((layer) => layer.values[key] !== undefined);
    const hostLayer = last('host');
    // A variable as the shell writes it ($HOST), a flag or a file as it is.
    const source = !hostLayer
      ? 'host'
      : /^[A-Z_]+$/.test(hostLayer.source)
        ? `$${hostLayer.source}`
        : hostLayer.source === '--host'
          ? '--host'
          : `host (${hostLayer.source})`;
    const host = (hostLayer?.values.host as string | undefined) ?? '127.0.0.1';
    fail(EXIT.cannotListen, `cannot listen: ${listenProblem(error, `${source} ${host}`, (last('port')?.values.port as number | undefined) ?? 8080)}`);
  });
  setHeapGrowth(sim.config.heapGrowingPercent);
  const { config } = sim;
  const host = config.host ?? '127.0.0.1';
  const drainSeconds = (config.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS) / 1000;
  const cors = config.cors ?? false;
  const validateResponses = config.validateResponses ?? false;

  // 0.0.0.0 and :: are not addresses to call: say what is bound, and the URL that reaches it here.
  const everywhere = host === '0.0.0.0' || host === '::';
  const where = everywhere
    ? `${host === '::' ? '[::]' : host}:${sim.port} (every ${host === '::' ? '' : 'IPv4 '}interface); from this machine: ${sim.url}`
    : sim.url;
  const vendors = [...sim.engine.vendors.keys()];
  const scenarios = sim.engine.scenarios().size;
  const { folders, watched } = sim.scenarioFolders;
  logger.info(
    {
      url: sim.url,
      address: everywhere ? `${host === '::' ? '[::]' : host}:${sim.port}` : new URL(sim.url).host,
      version: VERSION,
      vendors,
      scenarios,
      scenarioFolders: folders,
      watchScenarios: watched,
      config: options.configFile ?? null,
      cors: cors ?? false,
      validateResponses: validateResponses ?? false,
      routes: [
        ...sim.engine.routeList().map((r) => `${r.methods.join('|')} ${r.path} (${r.vendor})`),
        `admin: ${sim.url}/__sim/health · metrics: ${sim.url}/__sim/metrics${(cors ?? false) ? ' · CORS on' : ''}${validateResponses ? ' · answers validated against contracts/' : ''}`,
        ...(folders.length > 0
          ? [
              `your scenarios: ${folders.join(', ')} (${watched ? 'reloaded when a file changes' : 'not watched: --no-watch, SIM_WATCH_SCENARIOS=0 or watchScenarios: false'})`,
            ]
          : []),
      ],
    },
    // The URL is followed by a space: scripts read it with /listening on (http:\/\/\S+)/.
    `liveness-sim ${VERSION} listening on ${where} (${vendors.length} vendors, ${scenarios} scenarios)`,
  );
  const exposed = beyondThisMachine(host);
  if (exposed !== undefined && !config.adminToken)
    logger.warn(
      { address: exposed },
      `listening on ${exposed}, beyond this machine, with no admin token: the admin API refuses every call but health, ready and metrics (403); set adminToken, SIM_ADMIN_TOKEN or --admin-token to use it`,
    );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, `second ${signal}: stopping at once, cutting ${sim.requestsInFlight()} request(s) in flight`);
      void sim.close().then(() => exit(EXIT.ok));
      return;
    }
    stopping = true;
    const inFlight = sim.requestsInFlight();
    logger.info({ signal, inFlight, drainTimeoutS: drainSeconds }, `${signal}: stopping, draining ${inFlight} request(s) in flight (up to ${drainSeconds} s)`);
    void sim.drain(drainSeconds * 1000).then(({ finished, hungCut, timedOut }) => {
      logger.info(
        { signal, finished, hungCut, timedOut },
        `stopped on ${signal}: ${finished} request(s) in flight finished, ${hungCut} held by a hang fault cut, ${timedOut} cut at the ${drainSeconds} s drain limit`,
      );
      exit(EXIT.ok);
    });
  };
  const exit = (exitCode: number): never => {
    logger.info({ exitCode }, `exit ${exitCode}`);
    logger.flush();
    process.exit(exitCode);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A setting of a fixed set from its flag, else its environment variable; a value not in it is a usage error. */
/** A flag with a fixed set of values: a wrong one is a usage error (exit 2) naming the choices. */
function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  fail(EXIT.usage, `${flag} "${value}": one of ${allowed.join(', ')}${suggestion(value, allowed)}`);
}

/** `hostFlag`: where the host came from and what it is, e.g. `--host 10.0.0.9`. */
function listenProblem(error: NodeJS.ErrnoException, hostFlag: string, port: number): string {
  const choices = '(127.0.0.1: this machine only; 0.0.0.0: every interface)';
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} is in use (${hostFlag}): pick another with --port or $PORT`;
    case 'EACCES':
      return `port ${port} needs privileges this process does not have (${hostFlag}): pick one above 1023 with --port`;
    case 'EADDRNOTAVAIL':
      return `${hostFlag} is not an address of this machine ${choices}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return `${hostFlag} is not an IP address, and no such name resolves ${choices}`;
    default:
      return `${hostFlag}, port ${port}: ${error.message}`;
  }
}

function listScenarios(): void {
  noArguments();
  const vendorIds: string[] = allVendors().map((v) => v.id);
  const vendor = values.vendor;
  if (vendor !== undefined && !vendorIds.includes(vendor))
    fail(EXIT.usage, `--vendor "${vendor}": no such vendor${suggestion(vendor, vendorIds)} (known: ${vendorIds.join(', ')})`);
  const engine = buildEngine(common());
  const list = [...engine.scenarios().values()].filter((s) => !vendor || s.vendor === vendor);
  if (list.length === 0) {
    const why = values['no-shipped'] ? ': --no-shipped leaves out the shipped catalogue, and no --scenarios folder adds any' : '';
    fail(EXIT.failed, `no ${vendor ? `${vendor} ` : ''}scenarios loaded${why}`);
  }
  for (const s of list) console.log(`${s.id.padEnd(40)} ${s.description}`);
}

async function validate(paths: string[]): Promise<void> {
  if (paths.length === 0) fail(EXIT.usage, 'validate needs a scenario file or folder, e.g. liveness-sim validate ./my-scenarios');
  const { loadScenarioDirs } = await import('../scenarios/load-dirs.js');
  const { parseScenarioText } = await import('../scenarios/parse.js');
  const kinds = paths.map((path) => {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return 'folder';
      if (stat.isFile() && /\.ya?ml$/i.test(path)) return 'file';
      return `validate: ${path}: not a .yaml/.yml file or a folder`;
    } catch {
      return `validate: ${path}: no such file or folder`;
    }
  });
  const usage = kinds.filter((kind) => kind.startsWith('validate: '));
  if (usage.length > 0) fail(EXIT.usage, usage.join('\n[liveness-sim] '));

  const vendors = new Map(allVendors().map((v) => [v.id, v]));
  const errors: string[] = [];
  let count = 0;
  paths.forEach((path, i) => {
    if (kinds[i] === 'file') {
      const parsed = parseScenarioText(readFileSync(path, 'utf8'), path, vendors);
      if (parsed.ok) count++;
      else errors.push(...parsed.errors);
    } else {
      const loaded = loadScenarioDirs([path], vendors);
      count += loaded.scenarios.length;
      errors.push(...loaded.folderErrors, ...loaded.errors);
    }
  });
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    process.exit(EXIT.failed);
  }
  if (count === 0) fail(EXIT.failed, `no scenario files (*.yaml, *.yml) in ${paths.join(', ')}`);
  console.log(`[liveness-sim] ${count} scenario(s) valid`);
}
