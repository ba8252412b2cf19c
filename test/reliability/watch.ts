import { Worker } from 'node:worker_threads';
import type { SimProcess } from './sim-process.js';

/**
 * Watches a simulator while a fuzz property runs: a separate client (a worker thread with its own
 * event loop, so the fuzzer's work never delays a probe) asks `GET /__sim/health` back to back,
 * and the server's RSS is sampled from outside. `stop()` says what was seen.
 *
 * A slow probe on a busy machine may only mean the server waited for a CPU. So each probe also
 * reads how much CPU the server's main thread (its event loop) used meanwhile (Linux /proc): a
 * *stall* is a probe that waited over the bound while the event loop itself worked at least that
 * long, which is what a request that blocks the loop does, whatever else runs on the machine.
 * Where /proc is missing, every slow probe counts as a stall.
 */
export interface Probe {
  ms: number;
  /** The server's main-thread CPU time during the probe, in ms (null without /proc). */
  cpuMs: number | null;
}

export interface WatchReport {
  probes: number;
  maxMs: number;
  p50Ms: number;
  /** The probes slower than the bound, with the event loop's own CPU time meanwhile. */
  slow: Probe[];
  /** Probes that failed outright (refused, reset, not 200). */
  failures: string[];
  /** The server's largest RSS seen, in bytes. */
  maxRss: number;
}

const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const statFile = '/proc/' + workerData.pid + '/task/' + workerData.pid + '/stat';
function cpuMs() {
  try {
    const fields = readFileSync(statFile, 'utf8').split(')').pop().trim().split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 1/100 s ticks
  } catch { return null; }
}
const probes = [];
const failures = [];
let stopping = false;
let pending;
function probe() {
  if (stopping) return;
  const started = performance.now();
  pending = { started, cpu: cpuMs() };
  const done = (failure) => {
    const cpu = cpuMs();
    probes.push({ ms: performance.now() - started, cpuMs: cpu === null || pending.cpu === null ? null : cpu - pending.cpu });
    if (probes.length === 1) parentPort.postMessage({ first: true });
    pending = undefined;
    if (failure && failures.length < 20) failures.push(failure);
    setTimeout(probe, workerData.intervalMs);
  };
  const req = http.get(workerData.url + '/__sim/health', { agent }, (res) => {
    res.resume();
    res.on('end', () => done(res.statusCode === 200 ? undefined : 'health answered ' + res.statusCode));
  });
  req.on('error', (error) => done(String(error.message)));
}
probe();
parentPort.on('message', () => {
  stopping = true;
  if (pending) {
    const cpu = cpuMs();
    probes.push({ ms: performance.now() - pending.started, cpuMs: cpu === null || pending.cpu === null ? null : cpu - pending.cpu });
  }
  agent.destroy();
  parentPort.postMessage({ probes, failures });
});
`;

/** Starts watching; resolves once the first probe has answered, so nothing sent after it goes unwatched. */
export async function watch(sim: SimProcess, boundMs: number, intervalMs = 20): Promise<{ stop(): Promise<WatchReport> }> {
  const worker = new Worker(PROBER, { eval: true, workerData: { url: sim.url, pid: sim.pid, intervalMs } });
  await new Promise((resolve) => worker.once('message', resolve));
  let maxRss = sim.rss();
  const sampler = setInterval(() => {
    if (sim.alive()) maxRss = Math.max(maxRss, sim.rss());
  }, 50);
  return {
    async stop() {
      clearInterval(sampler);
      if (sim.alive()) maxRss = Math.max(maxRss, sim.rss());
      const result = await new Promise<{ probes: Probe[]; failures: string[] }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('stop');
      });
      await worker.terminate();
      const sorted = result.probes.map((p) => p.ms).sort((a, b) => a - b);
      return {
        probes: sorted.length,
        maxMs: sorted.at(-1) ?? 0,
        p50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
        slow: result.probes.filter((p) => p.ms >= boundMs).map((p) => ({ ms: Math.round(p.ms), cpuMs: p.cpuMs })),
        failures: result.failures,
        maxRss,
      };
    },
  };
}

/** Slow probes during which the server's event loop itself worked for the bound or longer. */
export function stalls(report: WatchReport, boundMs: number): Probe[] {
  return report.slow.filter((p) => p.cpuMs === null || p.cpuMs >= boundMs);
}
