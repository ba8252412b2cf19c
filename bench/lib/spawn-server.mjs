// Forks one server for the bench: the simulator's CLI (`serve --port 0`, as users run it, with
// whatever it logs) or a reference server, all with the same process model: a child process with
// --expose-gc and bench/servers/ipc-hook.mjs preloaded. The address is read from the
// `listening on http://...` line; what the server writes afterwards (its logs) is read and
// discarded, counted in bytes, as a log collector would.
import { fork } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const HOOK = new URL('../servers/ipc-hook.mjs', import.meta.url).href;
const BANNER = /listening on (http:\/\/[^\s,]+)/;
const START_TIMEOUT_MS = 20_000;

/** A free loopback port, for a server that prints no address (the simulator with its logs below info). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once something accepts connections at `port`. */
async function accepting(port, deadline) {
  while (performance.now() < deadline) {
    const ok = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(true) || socket.end());
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nothing listens on port ${port}`);
}

/**
 * @param {{ name: string, script: string, args?: string[], execArgv?: string[], env?: Record<string,string>, port?: number }} spec
 *   `port`: the server was told its port and prints no "listening on" line; wait for it to accept.
 */
export async function spawnServer({ name, script, args = [], execArgv = [], env, port }) {
  const child = fork(script, args, {
    execArgv: ['--expose-gc', '--import', HOOK, ...execArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  let stdoutBytes = 0;
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let nextId = 1;
  const pending = new Map();
  child.on('message', (message) => {
    const resolve = pending.get(message?.bench);
    if (resolve) {
      pending.delete(message.bench);
      resolve(message);
    }
  });
  child.once('exit', () => {
    for (const resolve of pending.values()) resolve({ error: 'exited' });
    pending.clear();
  });

  const url =
    port !== undefined
      ? await knownPort(port)
      : await new Promise((resolve, reject) => {
          let out = '';
          const timer = setTimeout(() => reject(new Error(`${name}: no "listening on" line within ${START_TIMEOUT_MS} ms: ${out}${stderr}`)), START_TIMEOUT_MS);
          const onData = (chunk) => {
            out += chunk;
            const match = BANNER.exec(out);
            if (!match) return;
            clearTimeout(timer);
            child.stdout.off('data', onData);
            child.stdout.on('data', (more) => (stdoutBytes += more.length));
            resolve(match[1]);
          };
          child.stdout.on('data', onData);
          child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`${name} exited with ${code} before listening: ${stderr}`));
          });
        });

  async function knownPort(port) {
    child.stdout.on('data', (more) => (stdoutBytes += more.length));
    await Promise.race([
      accepting(port, performance.now() + START_TIMEOUT_MS),
      exited.then((code) => Promise.reject(new Error(`${name} exited with ${code} before listening: ${stderr}`))),
    ]);
    return `http://127.0.0.1:${port}`;
  }

  const ask = (type) =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve({ error: 'exited' });
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ bench: id, type });
    });

  return {
    name,
    pid: child.pid,
    url,
    stats: () => ask('stats'),
    gc: () => ask('gc'),
    peakStart: () => ask('peak-start'),
    peakStop: async () => (await ask('peak-stop')).peakRss,
    logBytes: () => stdoutBytes,
    stderrTail: () => stderr,
    /** SIGTERM (the simulator drains and exits; a CPU profile is written then), SIGKILL after 15 s. */
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const SIM_CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));
export const serverScript = (name) => fileURLToPath(new URL(`../servers/${name}.mjs`, import.meta.url));

/** CPU ms and event-loop utilization between two stats() answers. */
export function usageBetween(before, after) {
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const active = after.elu.active - before.elu.active;
  const idle = after.elu.idle - before.elu.idle;
  return { cpuMs, elu: active + idle > 0 ? active / (active + idle) : Number.NaN };
}
