import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import { checkAnswer, type RouteKind } from './oracle.js';
import { describeRequest, send, serializeRequest, type WireRequest } from './send.js';
import type { SimProcess } from './sim-process.js';
import { stalls, watch, type WatchReport } from './watch.js';

/**
 * The fuzz runner shared by the reliability properties. In CI: a fixed seed and few runs (the
 * whole suite stays under a minute). `npm run bench -- --fuzz` runs the same properties longer
 * through these variables:
 *   LIVENESS_SIM_FUZZ_SEED   the seed (default fixed)
 *   LIVENESS_SIM_FUZZ_SCALE  multiplies every property's run count (default 1)
 *   LIVENESS_SIM_FUZZ_SAVE   a folder: the failing request is saved there, with the replay command
 *   LIVENESS_SIM_FUZZ_REPORT a file: per-property counts of what was sent and answered (JSON lines)
 */
export const FUZZ_SEED = Number(process.env.LIVENESS_SIM_FUZZ_SEED ?? 7_2026_11_30);
export const FUZZ_SCALE = Math.max(1, Number(process.env.LIVENESS_SIM_FUZZ_SCALE ?? 1));

/** A property's own time limit: a busy CI machine may take several times the usual ~10 s; scaled with the long run's run counts. */
export const FUZZ_TIMEOUT_MS = 180_000 * FUZZ_SCALE;

/** The bounds the properties hold the server to (README "Reliability"). */
export const HEALTH_BOUND_MS = 100;
export const RSS_BOUND_BYTES = 512 * 1024 * 1024;

export interface Aimed {
  kind: RouteKind;
  request: WireRequest;
}

/**
 * Runs a property: each generated value becomes one or more requests, sent together over real
 * sockets; every answer must be a documented one (oracle.ts). fast-check shrinks a failure; the
 * smallest failing request is saved when LIVENESS_SIM_FUZZ_SAVE is set.
 */
export async function fuzz<T>(
  name: string,
  sim: SimProcess,
  arbitrary: fc.Arbitrary<T>,
  toRequests: (value: T) => Aimed[],
  { numRuns, examples = [] }: { numRuns: number; examples?: T[] },
): Promise<void> {
  const baseUrl = sim.url;
  const watcher = await watch(sim, HEALTH_BOUND_MS);
  let last: { request: WireRequest; why: string } | undefined;
  const tally = new Map<string, number>();
  const slowest: { ms: number; what: string }[] = [];
  // Once the server stops answering, shrinking would only wait out timeouts: report that input.
  let unanswered = false;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (unanswered) return;
    const aimed = toRequests(value);
    const answers = await Promise.all(aimed.map(({ request }) => send(baseUrl, request).catch((error: Error) => error)));
    aimed.forEach(({ kind, request }, i) => {
      const answer = answers[i]!;
      const why = answer instanceof Error ? `no answer: ${answer.message}` : checkAnswer(kind, answer, request.method);
      if (!(answer instanceof Error)) noteSlow(slowest, answer.ms, describeRequest(request));
      const key = `${request.method} ${request.path.split('?')[0]} -> ${answer instanceof Error ? 'error' : answer.status}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (why) {
        last = { request, why };
        unanswered = answer instanceof Error;
        throw new Error(`${describeRequest(request)}\n  answered ${why}`);
      }
    });
  });
  let failed = true;
  try {
    await fc.assert(property, {
      seed: FUZZ_SEED,
      numRuns: numRuns * FUZZ_SCALE,
      examples: examples.map((e) => [e] as [T]),
      endOnFailure: process.env.LIVENESS_SIM_FUZZ_NO_SHRINK === '1',
    });
    failed = false;
  } catch (error) {
    // fast-check prints the whole counterexample; a 200 kB string helps nobody in a CI log.
    const message = (error as Error).message;
    const short = message.length > 3000 ? `${message.slice(0, 1500)}\n[... ${message.length - 3000} characters ...]\n${message.slice(-1500)}` : message;
    const saved = last && save(name, last.request, last.why);
    const cause = last ? `\n[reliability] ${describeRequest(last.request).slice(0, 600)}\n  answered ${last.why}` : '';
    (error as Error).message = saved
      ? `${short}${cause}\n[reliability] the failing request (shrunk when it could be): ${saved.file}\n  replay it: ${saved.replay}`
      : `${short}${cause}`;
    throw error;
  } finally {
    report(name, tally, slowest);
    // Health is checked after the answers, so a failing answer is what the log shows first.
    const health = await watcher.stop();
    if (!failed) expectHealthy(health, slowest);
  }
}

/** The server's health was never slow, never failed, and its memory stayed bounded. */
function expectHealthy(report: WatchReport, slowest: { ms: number; what: string }[]): void {
  const context = `; the slowest requests meanwhile: ${JSON.stringify(slowest)}`;
  expect(report.failures, 'health probes that failed').toEqual([]);
  expect(report.probes, 'health probes answered').toBeGreaterThan(0);
  expect(
    stalls(report, HEALTH_BOUND_MS),
    `health probes over ${HEALTH_BOUND_MS} ms while the server's event loop worked as long (of ${report.probes}, median ${report.p50Ms.toFixed(1)} ms)${context}`,
  ).toEqual([]);
  expect(report.maxRss, `the server's largest RSS${context}`).toBeLessThan(RSS_BOUND_BYTES);
  reportLine({
    watch: {
      probes: report.probes,
      maxMs: Math.round(report.maxMs),
      p50Ms: Math.round(report.p50Ms * 10) / 10,
      slow: report.slow,
      maxRssMiB: Math.round(report.maxRss / 2 ** 20),
    },
  });
}

function save(name: string, request: WireRequest, why: string): { file: string; replay: string } | undefined {
  const dir = process.env.LIVENESS_SIM_FUZZ_SAVE;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/fuzz-failure-${name.replace(/[^a-z0-9]+/gi, '-')}-${Date.now()}.json`;
  writeFileSync(file, `${serializeRequest({ ...request, why, seed: FUZZ_SEED } as WireRequest)}\n`);
  const root = fileURLToPath(new URL('../..', import.meta.url));
  return { file, replay: `node bench/fuzz-replay.mjs ${file.startsWith(root) ? file.slice(root.length) : file}` };
}

/** The slowest answers seen, to explain a slow health probe. */
function noteSlow(slowest: { ms: number; what: string }[], ms: number, what: string): void {
  if (slowest.length >= 5 && ms <= slowest.at(-1)!.ms) return;
  slowest.push({ ms: Math.round(ms), what: what.slice(0, 200) });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

function report(name: string, tally: Map<string, number>, slowest: { ms: number; what: string }[]): void {
  reportLine({ property: name, seed: FUZZ_SEED, scale: FUZZ_SCALE, sent: Object.fromEntries([...tally].sort()), slowest });
}

function reportLine(value: unknown): void {
  const file = process.env.LIVENESS_SIM_FUZZ_REPORT;
  if (file) writeFileSync(file, `${JSON.stringify(value)}\n`, { flag: 'a' });
}
