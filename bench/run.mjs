#!/usr/bin/env node
// liveness-sim benchmark (issue 13; how to read it: docs/BENCHMARKS.md). It MEASURES and compares
// with two reference servers run beside it every time; no test asserts timing. Loopback only,
// every loop bounded. Exit 0 unless a server cannot be started or answered at all.
//
//   npm run bench [-- options]       (= npm run build && node bench/run.mjs)
//     --quick            a smoke run: 1 round of 2 s, 3 starts, 5 s of sustained load, soak 10 s
//     --rounds=N         throughput rounds (default 3); each round runs every server once, in turn
//     --duration=S       seconds per throughput run (default 5, after 1 s of warm-up)
//     --connections=N    autocannon connections (default 50)
//     --starts=N         start-up runs per request (default 7)
//     --soak=DURATION    the mixed soak: 5m (default), 30s, 0 to skip
//     --cpu-prof         a V8 CPU profile of the simulator (summarize: node bench/profile-summary.mjs FILE)
//     --fuzz             instead of measuring: the long fuzz run (bench/lib/fuzz.mjs; --seed, --scale, --only)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fire } from './lib/cannon.mjs';
import { coldStartOnce, nodeBaselineOnce } from './lib/cold-start.mjs';
import { runFuzz } from './lib/fuzz.mjs';
import { machine, parseDuration } from './lib/machine.mjs';
import { evaluate, renderMarkdown, renderText } from './lib/report.mjs';
import { advanceRequest, fptRequest, largeFptRequest, paddedVideo, probe, verihubsRequest } from './lib/requests.mjs';
import { freePort, serverScript, SIM_CLI, spawnServer, usageBetween } from './lib/spawn-server.mjs';
import { median, round } from './lib/stats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    starts: { type: 'string' },
    soak: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    fuzz: { type: 'boolean', default: false },
    seed: { type: 'string' },
    scale: { type: 'string' },
    only: { type: 'string' },
  },
});
if (args.fuzz) {
  const seed = Number(args.seed ?? Math.floor(Math.random() * 2 ** 31));
  const scale = Number(args.scale ?? 40);
  if (!Number.isInteger(seed) || !Number.isInteger(scale) || scale < 1) usage('--seed and --scale take whole numbers (--scale 1 or more)');
  process.exit(await runFuzz({ root: ROOT, seed, scale, only: args.only }));
}

const quick = args.quick;
const options = {
  rounds: wholeNumber('rounds', args.rounds, quick ? 1 : 3, 1, 20),
  seconds: wholeNumber('duration', args.duration, quick ? 2 : 5, 1, 120),
  warmupSeconds: 1,
  connections: wholeNumber('connections', args.connections, 50, 1, 1000),
  starts: wholeNumber('starts', args.starts, quick ? 3 : 7, 1, 50),
  sustainedSeconds: quick ? 5 : 20,
  soakMs: args.soak === undefined ? (quick ? 10_000 : 300_000) : parseDuration(args.soak),
  uploads: { count: 20, bytes: 10_000_000 },
};
if (options.soakMs === undefined) usage(`--soak=${args.soak}: a duration such as 5m, 30s or 0`);

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const results = { date: new Date().toISOString(), machine: machine(ROOT), options, rows: {}, notes: [] };
const wallStart = performance.now();

const verihubs = verihubsRequest();
const fpt = await fptRequest();

// 1. Start-up, before anything else runs ---------------------------------------------------------
log(`start-up x${options.starts}: spawn the CLI, first Verihubs answer; then first FPT answer`);
const baseline = [];
for (let i = 0; i < 3; i++) baseline.push(await nodeBaselineOnce());
const largeFpt = await largeFptRequest();
results.startup = { nodeBaselineMs: round(median(baseline), 1) };
for (const [key, request] of [
  ['verihubs', verihubs],
  ['fpt', largeFpt],
]) {
  const runs = [];
  for (let i = 0; i < options.starts; i++) runs.push(await coldStartOnce(request));
  results.startup[key] = {
    request: request.describe,
    runsMs: runs.map((r) => round(r.firstAnswerMs, 1)),
    medianMs: round(median(runs.map((r) => r.firstAnswerMs)), 1),
    bannerMedianMs: round(median(runs.map((r) => r.bannerMs)), 1),
  };
}

// 2. The servers: the simulator as users run it, and the two references ---------------------------
const profileDir = join(tmpdir(), 'liveness-sim-bench-profiles');
const simExecArgv = [];
if (args['cpu-prof']) {
  mkdirSync(profileDir, { recursive: true });
  simExecArgv.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
  results.notes.push(`CPU profile of the simulator: ${profileDir}/ (node bench/profile-summary.mjs FILE)`);
}
const scratch = mkdtempSync(join(tmpdir(), 'liveness-sim-bench-'));
const servers = [];
try {
  log('starting the simulator (CLI) and the reference servers');
  const sim = await spawnServer({ name: 'liveness-sim', script: SIM_CLI, args: ['serve', '--port', '0'], execArgv: simExecArgv });
  servers.push(sim);
  const advance = await advanceRequest(sim.url);
  const targets = { verihubs, advance, fpt };
  const answers = {};
  results.requests = {};
  for (const [key, request] of Object.entries(targets)) {
    const answer = await probe(sim.url, request);
    if (answer.status !== 200) throw new Error(`${key}: the simulator answered ${answer.status} ${answer.body.slice(0, 300)}`);
    answers[request.path] = answer;
    results.requests[key] = {
      request: request.describe,
      requestBytes: request.body.byteLength,
      answerBytes: Buffer.byteLength(answer.body),
      answer: answer.body.slice(0, 160),
    };
  }
  const answersFile = join(scratch, 'answers.json');
  writeFileSync(answersFile, JSON.stringify(answers));
  const nodeHttp = await spawnServer({ name: 'node:http', script: serverScript('node-http'), args: [answersFile] });
  servers.push(nodeHttp);
  const express = await spawnServer({ name: 'express', script: serverScript('express'), args: [answersFile] });
  servers.push(express);
  // What the request logs cost: the same simulator with SIM_LOG_LEVEL=warn (no line per request;
  // it then prints no address either, so it is given a port). Measured on the Verihubs request.
  const quietPort = await freePort();
  const quiet = await spawnServer({
    name: 'liveness-sim, logs off',
    script: SIM_CLI,
    args: ['serve', '--port', String(quietPort)],
    env: { SIM_LOG_LEVEL: 'warn' },
    port: quietPort,
  });
  servers.push(quiet);
  for (const [key, request] of Object.entries(targets)) {
    for (const ref of [nodeHttp, express]) {
      const answer = await probe(ref.url, request);
      if (answer.status !== 200 || answer.body !== answers[request.path].body)
        throw new Error(`${ref.name} ${key}: answered ${answer.status}, not the recorded bytes: ${answer.body.slice(0, 200)}`);
    }
  }

  // 3-4. Throughput and latency in rounds (every server once per round, in a rotating order), then
  // the simulator's RSS under sustained load with its journal full: first the JSON routes alone,
  // then, once FPT has started the video worker threads, all three vendors mixed.
  results.throughput = {};
  results.sustained = {};
  const sustain = async (name, requests) => {
    const journal = await fetch(`${sim.url}/__sim/requests?limit=0`).then((r) => r.json());
    log(`sustained load (${name}) ${options.sustainedSeconds} s, journal ${journal.total}/${journal.capacity}`);
    await sim.gc();
    await sim.peakStart();
    const run = await fire({ url: sim.url, requests, connections: options.connections, seconds: options.sustainedSeconds });
    const peakRss = await sim.peakStop();
    const after = await sim.gc();
    // For scale: bare Express under the same load (its RSS grows too: V8's young generation, freed buffers the allocator keeps).
    await express.gc();
    await express.peakStart();
    await fire({ url: express.url, requests, connections: options.connections, seconds: options.sustainedSeconds });
    const expressPeakRss = await express.peakStop();
    results.sustained[name] = {
      expressPeakRss,
      journal,
      seconds: options.sustainedSeconds,
      requests: run.requests,
      rps: run.rps,
      non2xx: run.non2xx + run.errors,
      peakRss,
      rssAfterGc: after.memory.rss,
      heapUsedAfterGc: after.memory.heapUsed,
    };
  };
  for (const [key, request] of Object.entries(targets)) {
    if (key === 'fpt') await sustain('json', [verihubs, advance]);
    const contenders = key === 'verihubs' ? [sim, express, nodeHttp, quiet] : [sim, express, nodeHttp];
    const runs = Object.fromEntries(contenders.map((s) => [s.name, []]));
    // A fresh process is slow for its first thousands of requests (JIT, heap growth): warm each once.
    for (const server of contenders) await fire({ url: server.url, requests: [request], connections: options.connections, seconds: 3 });
    for (let turn = 0; turn < options.rounds; turn++) {
      for (let i = 0; i < contenders.length; i++) {
        const server = contenders[(i + turn) % contenders.length];
        log(`${key} round ${turn + 1}/${options.rounds}: ${server.name}, ${options.connections} connections, ${options.seconds} s`);
        await fire({ url: server.url, requests: [request], connections: options.connections, seconds: options.warmupSeconds });
        const before = await server.stats();
        const run = await fire({ url: server.url, requests: [request], connections: options.connections, seconds: options.seconds });
        const usage = usageBetween(before, await server.stats());
        run.cpuMsPerRequest = round(usage.cpuMs / Math.max(1, run.requests), 3);
        run.elu = round(usage.elu, 2);
        run.round = turn + 1;
        runs[server.name].push(run);
        if (run.non2xx > 0 || run.errors > 0) results.notes.push(`${key} ${server.name} round ${turn + 1}: ${run.non2xx} non-2xx, ${run.errors} errors`);
      }
    }
    results.throughput[key] = runs;
  }
  const mixed = [verihubs, advance, fpt];
  await sustain('mixed', mixed);

  // 5. Twenty concurrent 10 MB uploads: the simulator and, for scale, Express + multer ------------
  const big = await fptRequest(paddedVideo(options.uploads.bytes), 'padded-10MB.mp4');
  results.uploads = { count: options.uploads.count, videoBytes: options.uploads.bytes, requestBytes: big.body.byteLength };
  for (const server of [sim, express]) {
    log(`${options.uploads.count} concurrent ${options.uploads.bytes / 1e6} MB FPT uploads: ${server.name}`);
    const idle = await server.gc();
    await server.peakStart();
    const answers = await Promise.all(
      Array.from({ length: options.uploads.count }, () =>
        fetch(`${server.url}${big.path}`, { method: 'POST', headers: big.headers, body: big.body }).then(
          async (r) => `${r.status} ${(await r.text()).slice(0, 60)}`,
          (e) => `error ${e.cause?.code ?? e.message}`,
        ),
      ),
    );
    const peak = await server.peakStop();
    const tally = {};
    for (const a of answers) tally[a] = (tally[a] ?? 0) + 1;
    results.uploads[server.name] = { idleRss: idle.memory.rss, peakRss: peak, answers: tally };
  }

  // 6. The mixed soak -----------------------------------------------------------------------------
  if (options.soakMs > 0) {
    log(`soak: mixed load for ${options.soakMs / 1000} s`);
    const points = [];
    const point = async (label, gc) => {
      const s = gc ? await sim.gc() : await sim.stats();
      points.push({ label, atS: round((performance.now() - soakStart) / 1000, 1), rss: s.memory.rss, heapUsed: s.memory.heapUsed, gc });
    };
    // Warm until RSS reaches the plateau the allocator keeps under this load (about 30 s in the
    // recorded run: a start point taken after 10 s read as growth what was the climb to it).
    await fire({ url: sim.url, requests: mixed, connections: options.connections, seconds: Math.min(30, Math.max(1, Math.round(options.soakMs / 10_000))) });
    const soakStart = performance.now();
    await point('start', true);
    const slice = Math.min(30_000, options.soakMs);
    let requests = 0;
    let non2xx = 0;
    while (performance.now() - soakStart < options.soakMs - 500) {
      const seconds = Math.max(1, Math.round(Math.min(slice, options.soakMs - (performance.now() - soakStart)) / 1000));
      const run = await fire({ url: sim.url, requests: mixed, connections: options.connections, seconds });
      requests += run.requests;
      non2xx += run.non2xx + run.errors;
      await point('during', false);
    }
    await point('end', true);
    results.soak = { ms: options.soakMs, requests, non2xx, points };
  }
  results.logBytes = sim.logBytes();
} finally {
  for (const server of servers) await server.close();
  rmSync(scratch, { recursive: true, force: true });
}

results.machine.loadAvgAtEnd = machine(ROOT).loadAvg;
results.wallSeconds = round((performance.now() - wallStart) / 1000, 1);
results.verdicts = evaluate(results);
const outDir = join(ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(join(outDir, `bench-${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, `bench-${stamp}.md`), renderMarkdown(results));
console.log(renderText(results));
console.log(`\nwritten: bench/results/bench-${stamp}.md and .json (wall time ${results.wallSeconds} s)`);

function wholeNumber(name, text, fallback, min, max) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) usage(`--${name}=${text}: a whole number from ${min} to ${max}`);
  return n;
}

function usage(message) {
  console.error(`[bench] ${message}`);
  process.exit(2);
}
