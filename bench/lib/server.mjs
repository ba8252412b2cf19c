// Starts the simulator for the load and memory phases, either in a forked child (default: its
// memory and CPU are its own, and on a 2-core machine it gets a core while the load generator
// uses the other) or in this process (--in-process: one thread serves and loads).
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const CHILD = fileURLToPath(new URL('../sim-child.mjs', import.meta.url));

export async function startServer({ inProcess = false, execArgv = [] } = {}) {
  return inProcess ? startInProcess() : startChild(execArgv);
}

async function startChild(execArgv) {
  const child = fork(CHILD, [], { execArgv: ['--expose-gc', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map();
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator child did not start within 15 s')), 15_000);
    child.on('message', (message) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      } else if (pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator child exited with ${code}`));
      for (const resolvePending of pending.values()) resolvePending({ error: 'exited' });
      pending.clear();
    });
  });
  const ask = (type) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.send({ id, type });
    });
  const url = await ready;
  return {
    mode: 'child process',
    pid: child.pid,
    url,
    stats: () => ask('stats'),
    gc: () => ask('gc'),
    journal: () => ask('journal'),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await Promise.race([ask('close'), new Promise((r) => setTimeout(r, 3000))]);
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function startInProcess() {
  const { startSimulator } = await import('../../dist/simulator/server.js');
  const sim = await startSimulator({ port: 0 });
  let gc = globalThis.gc;
  if (typeof gc !== 'function') {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
  }
  const stats = () => {
    const elu = performance.eventLoopUtilization();
    return { memory: process.memoryUsage(), cpu: process.cpuUsage(), elu: { active: elu.active, idle: elu.idle } };
  };
  return {
    mode: 'in-process (memory and CPU include the load generator)',
    pid: process.pid,
    url: sim.url,
    stats: async () => stats(),
    async gc() {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      return { gc: true, ...stats() };
    },
    async journal() {
      const entries = sim.engine.journal.query();
      return { count: entries.length, capacity: sim.engine.journal.capacity, jsonBytes: Buffer.byteLength(JSON.stringify(entries)) };
    },
    close: () => sim.close(),
  };
}

/** CPU ms and event-loop utilization between two stats() snapshots. */
export function usageBetween(before, after) {
  const cpuMs = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1000;
  const active = after.elu.active - before.elu.active;
  const idle = after.elu.idle - before.elu.idle;
  return { cpuMs, elu: active + idle > 0 ? active / (active + idle) : Number.NaN };
}
