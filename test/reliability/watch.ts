import { Worker } from 'node:worker_threads';
import type { SimProcess } from './sim-process.js';

/**
 * Watches a simulator while a fuzz property runs: a separate client (a worker thread with its own
 * event loop, so the fuzzer's work never delays a probe) asks `GET /__sim/health` back to back,
 * and the server's RSS is sampled from outside. `stop()` says what was seen.
 */
export interface WatchReport {
  probes: number;
  /** The slowest health answer, in ms (a probe still pending at stop counts with its age). */
  maxMs: number;
  p50Ms: number;
  /** Probes that failed outright (refused, reset, not 200). */
  failures: string[];
  /** The server's largest RSS seen, in bytes. */
  maxRss: number;
}

const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const times = [];
const failures = [];
let stopping = false;
let pendingSince = 0;
function probe() {
  if (stopping) return;
  const started = performance.now();
  pendingSince = started;
  const req = http.get(workerData.url + '/__sim/health', { agent }, (res) => {
    res.resume();
    res.on('end', () => {
      times.push(performance.now() - started);
      pendingSince = 0;
      if (res.statusCode !== 200) failures.push('health answered ' + res.statusCode);
      setTimeout(probe, workerData.intervalMs);
    });
  });
  req.on('error', (error) => {
    times.push(performance.now() - started);
    pendingSince = 0;
    if (failures.length < 20) failures.push(String(error.message));
    setTimeout(probe, workerData.intervalMs);
  });
}
probe();
parentPort.on('message', () => {
  stopping = true;
  if (pendingSince) times.push(performance.now() - pendingSince);
  agent.destroy();
  parentPort.postMessage({ times, failures });
});
`;

export function watch(sim: SimProcess, intervalMs = 20): { stop(): Promise<WatchReport> } {
  const worker = new Worker(PROBER, { eval: true, workerData: { url: sim.url, intervalMs } });
  let maxRss = sim.rss();
  const sampler = setInterval(() => {
    if (sim.alive()) maxRss = Math.max(maxRss, sim.rss());
  }, 50);
  return {
    async stop() {
      clearInterval(sampler);
      if (sim.alive()) maxRss = Math.max(maxRss, sim.rss());
      const result = await new Promise<{ times: number[]; failures: string[] }>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('stop');
      });
      await worker.terminate();
      const sorted = [...result.times].sort((a, b) => a - b);
      return {
        probes: sorted.length,
        maxMs: sorted.at(-1) ?? 0,
        p50Ms: sorted[Math.floor(sorted.length / 2)] ?? 0,
        failures: result.failures,
        maxRss,
      };
    },
  };
}
