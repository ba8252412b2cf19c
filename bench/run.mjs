#!/usr/bin/env node
// liveness-sim benchmark: cold start, throughput and latency, memory and the journal.
// Run it with `npm run bench` (builds dist/ first). It MEASURES; it asserts nothing and exits 0
// unless the simulator cannot be started or answered at all. Loopback only; every loop is bounded.
//
//   node bench/run.mjs [--quick] [--in-process] [--duration=MS] [--cpu-prof] [--soak]
//     --quick        shorter runs (1 s each, 3 cold starts), for a smoke check
//     --in-process   serve from this process instead of a forked child (the load generator then
//                    shares the simulator's thread, memory and CPU numbers include it)
//     --duration=MS  length of each throughput run (default 3000)
//     --cpu-prof     write a V8 CPU profile of the simulator child to $TMPDIR/liveness-sim-bench-profiles/
//                    (summarize it with `node bench/profile-summary.mjs FILE`)
//     --soak         also fill the journal to 10x its capacity (adds ~30-60 s)
//     --fuzz         instead of measuring: the long fuzz run (bench/lib/fuzz.mjs), minutes, not in CI
//       --seed=N     its seed (default: a new one, printed); --scale=N (default 40) times the CI runs;
//       --only=FILE  one file of test/reliability/ (e.g. media.test.ts)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coldStartOnce, nodeBaselineOnce } from './lib/cold-start.mjs';
import { runLoad } from './lib/load.mjs';
import { startServer, usageBetween } from './lib/server.mjs';
import { FPT_PATH, VERIHUBS_PATH, VIDEO_FIXTURE, IMAGE_FIXTURE, fptHeaders, fptUpload, verihubsBody, verihubsHeaders } from './lib/bodies.mjs';
import { median, mib, round, table } from './lib/stats.mjs';
import { runWrk, wrkPath } from './lib/wrk.mjs';
import { measureStages } from './lib/stages.mjs';
import { runFuzz } from './lib/fuzz.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
    duration: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
    soak: { type: 'boolean', default: false },
    fuzz: { type: 'boolean', default: false },
    seed: { type: 'string' },
    scale: { type: 'string' },
    only: { type: 'string' },
  },
});
if (args.fuzz) {
  const seed = Number(args.seed ?? Math.floor(Math.random() * 2 ** 31));
  const scale = Number(args.scale ?? 40);
  if (!Number.isInteger(seed) || !Number.isInteger(scale) || scale < 1) {
    console.error('[bench] --seed and --scale take whole numbers (--scale 1 or more)');
    process.exit(2);
  }
  process.exit(await runFuzz({ root: fileURLToPath(new URL('..', import.meta.url)), seed, scale, only: args.only }));
}
const RUN_MS = Number(args.duration ?? (args.quick ? 1000 : 3000));
if (!Number.isFinite(RUN_MS) || RUN_MS < 200 || RUN_MS > 30_000) {
  console.error(`[bench] --duration=${args.duration}: milliseconds from 200 to 30000`);
  process.exit(2);
}
const WARMUP_MS = args.quick ? 200 : 400;
const COLD_RUNS = args.quick ? 3 : 5;
const CONCURRENCY = [1, 8];
const wallStart = performance.now();

if (!existsSync(`${ROOT}/dist/simulator/cli/main.js`)) {
  console.error('[bench] dist/ is missing: run `npm run build` first (or `npm run bench`, which does).');
  process.exit(1);
}

const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  options: { runMs: RUN_MS, warmupMs: WARMUP_MS, coldRuns: COLD_RUNS, inProcess: args['in-process'] },
  notes: [],
};

const upload = await fptUpload();
const verihubs = verihubsBody();

// 1. Cold start ---------------------------------------------------------------------------------
log(`cold start x${COLD_RUNS}: spawn the CLI, first FPT answer`);
const baseline = [];
for (let i = 0; i < 3; i++) baseline.push(await nodeBaselineOnce());
const cold = [];
for (let i = 0; i < COLD_RUNS; i++) cold.push(await coldStartOnce({ path: FPT_PATH, headers: fptHeaders(upload), body: upload.body }));
const firsts = cold.map((c) => c.firstAnswerMs);
results.coldStart = {
  runs: cold.map((c) => ({ bannerMs: round(c.bannerMs, 1), firstAnswerMs: round(c.firstAnswerMs, 1), attempts: c.attempts })),
  medianMs: round(median(firsts), 1),
  maxMs: round(Math.max(...firsts), 1),
  bannerMedianMs: round(median(cold.map((c) => c.bannerMs)), 1),
  nodeBaselineMedianMs: round(median(baseline), 1),
};

// 2a. The FPT path's pieces, in this process, before the simulator child exists ---------------
log('stages: media inspection, digest and engine without HTTP');
results.stages = await measureStages({ videoFixture: VIDEO_FIXTURE, imageFixture: IMAGE_FIXTURE, fptPath: FPT_PATH, verihubsPath: VERIHUBS_PATH });
if (results.stages.skipped) results.notes.push(`stages: ${results.stages.skipped}`);

// 2-4. One simulator for load and memory ---------------------------------------------------------
const execArgv = [];
if (args['cpu-prof']) {
  const dir = join(tmpdir(), 'liveness-sim-bench-profiles');
  mkdirSync(dir, { recursive: true });
  execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  results.notes.push(`CPU profile of the simulator child: ${dir}/ (node bench/profile-summary.mjs FILE)`);
}
const server = await startServer({ inProcess: args['in-process'], execArgv });
results.server = { mode: server.mode };
log(`simulator up (${server.mode}) at ${server.url}`);
try {
  const targets = [
    { name: 'FPT realistic (inspects the video)', key: 'fptRealistic', path: FPT_PATH, headers: fptHeaders(upload), body: upload.body, expectCode: '200' },
    {
      name: 'FPT scenario fpt/no-face (no inspection)',
      key: 'fptScenario',
      path: FPT_PATH,
      headers: fptHeaders(upload, { 'x-sim-scenario': 'fpt/no-face' }),
      body: upload.body,
      expectCode: '410',
    },
    { name: 'Verihubs realistic (JPEG, base64)', key: 'verihubs', path: VERIHUBS_PATH, headers: verihubsHeaders(), body: verihubs.body, expectCode: undefined },
  ];
  results.requests = {
    fpt: { fixture: VIDEO_FIXTURE, fileBytes: upload.videoBytes, requestBytes: upload.body.byteLength },
    verihubs: { fixture: IMAGE_FIXTURE, fileBytes: verihubs.imageBytes, requestBytes: verihubs.body.byteLength },
  };

  // Probe each target once: the right status and the answer we think we are measuring.
  for (const target of targets) {
    const response = await fetch(`${server.url}${target.path}`, { method: 'POST', headers: target.headers, body: target.body });
    const text = await response.text();
    let code;
    try {
      const json = JSON.parse(text);
      code = json.code ?? json.status_code;
    } catch {
      // not JSON: the probe keeps the raw text
    }
    target.probe = { status: response.status, code, body: text.slice(0, 200) };
    if (response.status === 404 && target.key === 'verihubs') {
      target.skip = `skipped: ${VERIHUBS_PATH} answered 404 (the Verihubs route is not in this build)`;
    } else if (response.status !== 200) {
      target.skip = `skipped: probe answered ${response.status} ${text.slice(0, 160)}`;
    } else if (target.expectCode && code !== target.expectCode) {
      results.notes.push(`${target.name}: probe answered code ${code}, expected ${target.expectCode}`);
    }
    if (target.skip) {
      results.notes.push(`${target.name}: ${target.skip}`);
      log(`${target.name}: ${target.skip}`);
    }
  }

  const memory = {};
  const snapshot = async (label, gc) => {
    const s = gc ? await server.gc() : await server.stats();
    memory[label] = {
      rss: s.memory.rss,
      heapUsed: s.memory.heapUsed,
      heapTotal: s.memory.heapTotal,
      external: s.memory.external,
      arrayBuffers: s.memory.arrayBuffers,
      gc: Boolean(s.gc),
    };
    return s;
  };
  await snapshot('before load (after GC)', true);

  results.load = {};
  for (const target of targets.filter((t) => !t.skip)) {
    results.load[target.key] = { name: target.name, probeCode: target.probe.code, runs: [] };
    for (const concurrency of CONCURRENCY) {
      log(`${target.name}, concurrency ${concurrency}, ${RUN_MS} ms`);
      const url = `${server.url}${target.path}`;
      await runLoad({ url, headers: target.headers, body: target.body, concurrency, durationMs: WARMUP_MS });
      const before = await server.stats();
      const clientBefore = process.cpuUsage();
      const run = await runLoad({ url, headers: target.headers, body: target.body, concurrency, durationMs: RUN_MS });
      const client = process.cpuUsage(clientBefore);
      const after = await server.stats();
      run.clientCpuMsPerRequest = round((client.user + client.system) / 1000 / Math.max(1, run.requests), 3);
      const usage = usageBetween(before, after);
      run.serverCpuMsPerRequest = round(usage.cpuMs / Math.max(1, run.requests), 3);
      run.serverEventLoopUtilization = round(usage.elu, 2);
      results.load[target.key].runs.push(run);
      if (run.errors > 0) results.notes.push(`${target.name} c${concurrency}: ${run.errors} errors (${JSON.stringify(run.statuses)}) ${run.firstError ?? ''}`);
    }
  }
  await snapshot('after load', false);
  await snapshot('after load + GC', true);

  // Journal at and beyond capacity: realistic FPT uploads, which hold the video bytes longest.
  const clear = await fetch(`${server.url}/__sim/requests?credential=*`, { method: 'DELETE' });
  await clear.text();
  await snapshot('journal empty (after GC)', true);
  const emptyJournal = await server.journal();
  const capacity = emptyJournal.capacity;
  const journal = { capacity, points: [] };
  journal.points.push({ uploads: 0, ...emptyJournal });
  let sent = 0;
  for (const multiple of args.soak ? [1, 3, 10] : [1, 3]) {
    const target = capacity * multiple;
    log(`journal: FPT realistic uploads up to ${target} (${multiple}x capacity)`);
    const run = await runLoad({
      url: `${server.url}${FPT_PATH}`,
      headers: fptHeaders(upload),
      body: upload.body,
      concurrency: 8,
      durationMs: 60_000,
      maxRequests: target - sent,
    });
    sent += run.requests;
    if (run.errors > 0) results.notes.push(`journal fill: ${run.errors} errors ${run.firstError ?? ''}`);
    await snapshot(`journal ${multiple}x capacity (${sent} uploads, after GC)`, true);
    journal.points.push({ uploads: sent, ...(await server.journal()) });
  }
  results.memory = memory;
  results.journal = journal;
  results.memoryMode = server.mode;

  // 5. wrk, when installed ------------------------------------------------------------------------
  const wrk = wrkPath();
  if (wrk) {
    results.wrk = {};
    for (const target of targets.filter((t) => !t.skip)) {
      log(`wrk: ${target.name}`);
      const run = await runWrk({
        wrk,
        url: `${server.url}${target.path}`,
        headers: target.headers,
        body: target.body,
        connections: 8,
        seconds: Math.max(1, Math.round(RUN_MS / 1000)),
      });
      if (run) results.wrk[target.key] = { name: target.name, ...run };
    }
  }
} finally {
  await server.close();
}
results.machine.loadAvgAtEnd = loadavg().map((x) => round(x, 2));
results.wallSeconds = round((performance.now() - wallStart) / 1000, 1);

writeFileSync(`${ROOT}/bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(report(results));

// ------------------------------------------------------------------------------------------------
function report(r) {
  const out = [];
  const m = r.machine;
  out.push(
    `liveness-sim bench — ${r.date.slice(0, 10)} — node ${m.node} on ${m.platform}, ${m.cpus} x ${m.cpuModel}, ${m.memGiB} GiB${m.commit ? `, commit ${m.commit}` : ''}`,
  );
  out.push(
    `load average at start ${m.loadAvg.join(' ')}, at end ${m.loadAvgAtEnd?.join(' ')}${m.loadAvg[0] > 0.5 * m.cpus ? '  (the machine was busy: numbers are pessimistic)' : ''}`,
  );
  out.push('');
  const c = r.coldStart;
  out.push(`1. Cold start (spawn \`node ${'dist/simulator/cli/main.js'} serve --port 0\` -> first FPT 200), ${c.runs.length} runs`);
  out.push(
    table(
      ['run', 'banner ms', 'first answer ms', 'attempts'],
      c.runs.map((x, i) => [i + 1, x.bannerMs, x.firstAnswerMs, x.attempts]),
    ),
  );
  const verdict = c.medianMs < 500 ? 'well under 1 s' : c.medianMs < 1000 ? 'under 1 s, not by much' : 'OVER 1 s';
  out.push(
    `   median ${c.medianMs} ms, max ${c.maxMs} ms (${verdict}); banner median ${c.bannerMedianMs} ms; bare \`node -e ""\` ${c.nodeBaselineMedianMs} ms`,
  );
  out.push('');
  out.push(
    `2-3. Throughput and latency (${r.server.mode}; fetch/undici keep-alive, closed loop, ${r.options.runMs} ms per run after ${r.options.warmupMs} ms warm-up)`,
  );
  const rows = [];
  for (const target of Object.values(r.load ?? {})) {
    for (const x of target.runs) {
      rows.push([
        target.name,
        x.concurrency,
        x.requests,
        x.rps,
        x.latencyMs.p50,
        x.latencyMs.p95,
        x.latencyMs.p99,
        x.latencyMs.max,
        x.serverCpuMsPerRequest,
        x.serverEventLoopUtilization,
        x.clientCpuMsPerRequest,
        x.errors,
      ]);
    }
  }
  out.push(
    table(['path', 'conc', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'sim CPU ms/req', 'sim ELU', 'client CPU ms/req', 'errors'], rows),
  );
  if (r.stages?.rows.length) {
    out.push('');
    out.push('2a. Where the time goes: the same work called in-process, no HTTP (mean per call)');
    out.push(
      table(
        ['stage', 'calls', 'wall ms', 'CPU ms'],
        r.stages.rows.map((x) => [x.name, x.calls, x.wallMs, x.cpuMs]),
      ),
    );
    out.push('   HTTP "sim CPU ms/req" minus "engine.handle" CPU = the transport: Express, busboy (multipart), sockets.');
  }
  out.push('');
  out.push(`4. Memory of the simulator (${r.memoryMode}), MiB`);
  out.push(
    table(
      ['point', 'rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'],
      Object.entries(r.memory ?? {}).map(([label, x]) => [label, mib(x.rss), mib(x.heapUsed), mib(x.heapTotal), mib(x.external), mib(x.arrayBuffers)]),
    ),
  );
  if (r.journal) {
    const pts = r.journal.points;
    out.push(
      `   journal capacity ${r.journal.capacity}: ` +
        pts.map((p) => `${p.uploads} uploads -> ${p.count} entries, ${round(p.jsonBytes / 1024, 1)} KiB as JSON`).join('; '),
    );
    const at = (multiple) => Object.entries(r.memory).find(([label]) => label.startsWith(`journal ${multiple}x`))?.[1];
    const empty = r.memory['journal empty (after GC)'];
    const one = at(1);
    const three = at(args.soak ? 10 : 3);
    if (empty && one)
      out.push(
        `   journal at capacity holds ~${round((one.heapUsed - empty.heapUsed) / 1024 / r.journal.capacity, 2)} KiB of heap per entry (heapUsed at 1x minus empty, after GC)`,
      );
    if (one && three)
      out.push(
        `   RSS 1x -> ${args.soak ? 10 : 3}x capacity: ${mib(one.rss)} -> ${mib(three.rss)} MiB (${three.rss >= one.rss ? '+' : ''}${mib(three.rss - one.rss)}); heapUsed ${mib(one.heapUsed)} -> ${mib(three.heapUsed)} MiB`,
      );
  }
  if (r.wrk && Object.keys(r.wrk).length > 0) {
    out.push('');
    out.push('5. wrk (8 connections)');
    out.push(
      table(
        ['path', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'],
        Object.values(r.wrk).map((x) => [x.name, x.rps, x.p50, x.p99, x.non2xx]),
      ),
    );
  }
  if (r.notes.length > 0) {
    out.push('');
    out.push('Notes:');
    for (const note of r.notes) out.push(`  - ${note}`);
  }
  out.push('');
  out.push(`wall time ${r.wallSeconds} s; full numbers in bench/results.json`);
  return out.join('\n');
}

function machine() {
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout: no commit to report
  }
  const list = cpus();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: list.length,
    cpuModel: list[0]?.model?.trim() ?? 'unknown',
    memGiB: round(totalmem() / 2 ** 30, 1),
    commit,
    loadAvg: loadavg().map((x) => round(x, 2)),
  };
}
