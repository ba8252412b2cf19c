#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { allVendors } from '../vendors/index.js';
import { buildEngine, SimulatorConfigError, startSimulator } from '../server.js';
import { loadScenarioDirs, shippedScenariosDir } from '../scenarios/load-dirs.js';
import { parseScenarioText } from '../scenarios/parse.js';
import { VERSION } from '../version.js';

/** A thin CLI: each command calls a library function. */
const HELP = `liveness-sim ${VERSION} — a local simulator of the FPT.AI, Verihubs and ADVANCE.AI liveness APIs

Usage:
  liveness-sim [serve] [options]        start the simulator (the default command)
  liveness-sim scenarios [options]      list the loaded scenarios
  liveness-sim validate FILE|DIR ...    check scenario files without starting anything
  liveness-sim --help | --version

Options (serve, scenarios):
  -p, --port N            port to listen on (default: $PORT, else 8080)
  -H, --host H            address to bind (default: $HOST, else 127.0.0.1; 0.0.0.0 in a container)
  -s, --scenarios DIR     your scenario folder, tried before the shipped ones (repeatable: later first; same id replaces)
      --no-shipped        leave out the shipped scenario catalogue
  -c, --config FILE       a YAML or JSON config file: vendors.<id>.<setting>, scenarios, adminToken
      --set V.KEY=VALUE   a vendor setting, e.g. --set fpt.httpStatus=mirror (repeatable; wins over --config)
      --set LIMIT=VALUE   a limit (README "Limits"), e.g. --set armedCapacity=500
      --admin-token T     require the header X-Sim-Admin-Token: T on the admin API (default: $SIM_ADMIN_TOKEN)
      --vendor ID         (scenarios) only this vendor's scenarios

Everything else: README.md, "Settings", "Scenarios" and "Admin API".`;

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string', short: 'H' },
        scenarios: { type: 'string', short: 's', multiple: true },
        'no-shipped': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        set: { type: 'string', multiple: true },
        'admin-token': { type: 'string' },
        vendor: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\nRun liveness-sim --help for the options.`);
  }
})();

function fail(message: string): never {
  console.error(`[liveness-sim] ${message}`);
  process.exit(2);
}

const command = positionals[0] ?? 'serve';
const common = () => ({
  scenarioDirs: values.scenarios ?? [],
  noShippedScenarios: values['no-shipped'] ?? false,
  configFile: values.config,
  set: values.set ?? [],
  adminToken: values['admin-token'] ?? process.env.SIM_ADMIN_TOKEN,
  onNotice: (line: string) => console.error(`[liveness-sim] note: ${line}`),
});

try {
  if (values.help) console.log(HELP);
  else if (values.version) console.log(VERSION);
  else if (command === 'serve') await serve();
  else if (command === 'scenarios') listScenarios();
  else if (command === 'validate') validate(positionals.slice(1));
  else fail(`unknown command "${command}". Run liveness-sim --help.`);
} catch (error) {
  if (error instanceof SimulatorConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

async function serve(): Promise<void> {
  const portText = values.port ?? process.env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port "${portText}": a port number from 0 to 65535`);
  const sim = await startSimulator({ ...common(), port, host: values.host ?? process.env.HOST ?? '127.0.0.1' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') fail(`port ${port} is in use: pick another with --port or $PORT`);
    throw error;
  });
  const lines = [`[liveness-sim] ${VERSION} listening on ${sim.url}`, ...sim.engine.routeList().map((r) => `  ${r.methods.join('|').padEnd(8)} ${r.path}  (${r.vendor})`)];
  lines.push(`  admin: ${sim.url}/__sim/health · ${sim.engine.scenarios().size} scenarios loaded`);
  console.log(lines.join('\n'));
  const stop = () => void sim.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function listScenarios(): void {
  const engine = buildEngine(common());
  const list = [...engine.scenarios().values()].filter((s) => !values.vendor || s.vendor === values.vendor);
  for (const s of list) console.log(`${s.id.padEnd(40)} ${s.description}`);
}

function validate(paths: string[]): void {
  if (paths.length === 0) fail('validate needs a scenario file or folder');
  const vendors = new Map(allVendors().map((v) => [v.id, v]));
  const errors: string[] = [];
  let count = 0;
  for (const path of paths) {
    if (/\.ya?ml$/i.test(path)) {
      const parsed = parseScenarioText(readFileSync(path, 'utf8'), path, vendors);
      if (parsed.ok) count++;
      else errors.push(...parsed.errors);
    } else {
      const loaded = loadScenarioDirs([path], vendors);
      count += loaded.scenarios.length;
      errors.push(...loaded.errors);
    }
  }
  if (errors.length > 0) {
    console.error(errors.join('\n'));
    process.exit(1);
  }
  console.log(`[liveness-sim] ${count} scenario(s) valid${paths.length === 0 ? ` in ${shippedScenariosDir()}` : ''}`);
}
