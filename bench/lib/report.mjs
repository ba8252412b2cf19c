// The targets of issue 13, each row's verdict, and the report as text and Markdown.
import { median, mib, round, table } from './stats.mjs';

export const TARGETS = {
  jsonThroughput: 0.8,
  jsonP99: 1.5,
  fptThroughput: 0.6,
  startupMs: 300,
  sustainedRssBytes: 120e6,
  soakHeapGrowth: 0.1,
  soakRssGrowth: 0.15,
};
const MB = (bytes) => round(bytes / 1e6, 1);

/** Median over rounds of the simulator's figure divided by a reference's, same round. */
function ratio(runs, reference, pick, numerator = 'liveness-sim') {
  const sim = runs[numerator];
  const ref = runs[reference];
  return round(median(sim.map((run, i) => pick(run) / pick(ref[i]))), 2);
}
const med = (runs, pick) => round(median(runs.map(pick)), 1);

/** One verdict per row of the issue: what was measured, against what, the target, pass or fail. */
export function evaluate(r) {
  const rows = [];
  const vendorName = {
    verihubs: 'Verihubs liveness (JSON, base64 image)',
    advance: 'ADVANCE.AI detection result (JSON)',
    fpt: 'FPT liveness (multipart, small real video)',
  };
  for (const key of ['verihubs', 'advance', 'fpt']) {
    const runs = r.throughput?.[key];
    if (!runs) continue;
    const sim = runs['liveness-sim'];
    const express = runs.express;
    const node = runs['node:http'];
    const vsExpress = ratio(runs, 'express', (x) => x.rps);
    const vsNode = ratio(runs, 'node:http', (x) => x.rps);
    const p99 = ratio(runs, 'express', (x) => Math.max(x.p99, 0.5));
    const target = key === 'fpt' ? TARGETS.fptThroughput : TARGETS.jsonThroughput;
    const refName = key === 'fpt' ? 'Express + multer' : 'Express';
    rows.push({
      row: `${vendorName[key]}: req/s`,
      measured: `${med(sim, (x) => x.rps)} (${med(sim, (x) => x.cpuMsPerRequest)} ms CPU/req)`,
      compare: `${refName} ${med(express, (x) => x.rps)}, node:http ${med(node, (x) => x.rps)}; ratio ${vsExpress} / ${vsNode}`,
      target: `>= ${target}x ${refName}`,
      pass: vsExpress >= target,
    });
    rows.push({
      row: `${vendorName[key]}: p99 ms`,
      measured: `${med(sim, (x) => x.p99)} (p50 ${med(sim, (x) => x.p50)})`,
      compare: `${refName} ${med(express, (x) => x.p99)}, node:http ${med(node, (x) => x.p99)}; ratio ${p99}`,
      target: key === 'fpt' ? '(none)' : `<= ${TARGETS.jsonP99}x ${refName}`,
      pass: key === 'fpt' ? null : p99 <= TARGETS.jsonP99,
    });
  }
  const quiet = r.throughput?.verihubs?.['liveness-sim, logs off'];
  if (quiet) {
    const runs = r.throughput.verihubs;
    rows.push({
      row: 'Request logs: Verihubs with SIM_LOG_LEVEL=warn (no line per request)',
      measured: `${med(quiet, (x) => x.rps)} req/s (${med(quiet, (x) => x.cpuMsPerRequest)} ms CPU/req)`,
      compare: `with logs ${med(runs['liveness-sim'], (x) => x.rps)} req/s (${med(runs['liveness-sim'], (x) => x.cpuMsPerRequest)} ms CPU/req); req/s with logs / without ${ratio(runs, 'liveness-sim, logs off', (x) => x.rps, 'liveness-sim')}`,
      target: '(information)',
      pass: null,
    });
  }
  for (const [key, label] of [
    ['verihubs', 'Start-up: spawn to first Verihubs answer, median'],
    ['fpt', 'Start-up: spawn to first FPT answer (720p video), median'],
  ]) {
    const s = r.startup?.[key];
    if (!s) continue;
    rows.push({
      row: label,
      measured: `${s.medianMs} ms (banner ${s.bannerMedianMs} ms)`,
      compare: `bare \`node -e ""\` ${r.startup.nodeBaselineMs} ms; runs ${s.runsMs.join(', ')}`,
      target: `< ${TARGETS.startupMs} ms`,
      pass: s.medianMs < TARGETS.startupMs,
    });
  }
  const sustainedLabel = { json: 'Verihubs + ADVANCE.AI (JSON routes)', mixed: 'all three vendors mixed (FPT: video worker threads running)' };
  for (const [name, s] of Object.entries(r.sustained ?? {})) {
    rows.push({
      row: `RSS under sustained load, ${sustainedLabel[name] ?? name}, journal full (${s.journal.total}/${s.journal.capacity})`,
      measured: `peak ${MB(s.peakRss)} MB`,
      compare: `bare Express, same load: peak ${MB(s.expressPeakRss)} MB; ${s.seconds} s, ${s.rps} req/s, ${s.non2xx} non-2xx; after GC: RSS ${MB(s.rssAfterGc)} MB, heapUsed ${MB(s.heapUsedAfterGc)} MB`,
      target: `<= ${MB(TARGETS.sustainedRssBytes)} MB`,
      pass: s.peakRss <= TARGETS.sustainedRssBytes,
    });
  }
  if (r.uploads?.['liveness-sim']) {
    const u = r.uploads;
    const sim = u['liveness-sim'];
    const bound = sim.idleRss + BODY_BUDGET_BYTES;
    const express = u.express;
    rows.push({
      row: `${u.count} concurrent ${MB(u.videoBytes)} MB FPT uploads: peak RSS`,
      measured: `${MB(sim.peakRss)} MB (idle ${MB(sim.idleRss)}); answers ${Object.entries(sim.answers)
        .map(([a, n]) => `${n} x ${a.split(' ')[0]}`)
        .join(', ')}`,
      compare: express ? `Express + multer ${MB(express.peakRss)} MB (idle ${MB(express.idleRss)})` : '',
      target: `<= idle + maxBodyBytesInFlight (256 MiB) = ${MB(bound)} MB`,
      pass: sim.peakRss <= bound,
    });
  }
  if (r.soak) {
    const start = r.soak.points.find((p) => p.label === 'start');
    const end = r.soak.points.find((p) => p.label === 'end');
    const heapGrowth = (end.heapUsed - start.heapUsed) / start.heapUsed;
    const rssGrowth = (end.rss - start.rss) / start.rss;
    rows.push({
      row: `Mixed soak, ${round(r.soak.ms / 60_000, 2)} min: heapUsed and RSS after GC, start -> end`,
      measured: `heap ${MB(start.heapUsed)} -> ${MB(end.heapUsed)} MB, RSS ${MB(start.rss)} -> ${MB(end.rss)} MB`,
      compare: `${r.soak.requests} requests, ${r.soak.non2xx} non-2xx/errors; RSS during ${r.soak.points
        .filter((p) => p.label === 'during')
        .map((p) => MB(p.rss))
        .join(', ')}`,
      target: `flat: heap +<${TARGETS.soakHeapGrowth * 100} %, RSS +<${TARGETS.soakRssGrowth * 100} %`,
      pass: heapGrowth < TARGETS.soakHeapGrowth && rssGrowth < TARGETS.soakRssGrowth,
    });
  }
  return rows;
}

/** The simulator's default maxBodyBytesInFlight (simulator/http/body-limits.ts); the CLI runs with defaults. */
const BODY_BUDGET_BYTES = 256 * 1024 * 1024;

const verdict = (pass) => (pass === null ? '-' : pass ? 'PASS' : 'FAIL');

function header(r) {
  const m = r.machine;
  const busy = m.loadAvg[0] > 0.5 * m.cpus;
  return [
    `liveness-sim bench, ${r.date} (UTC); commit ${m.commit ?? '?'}; node ${m.node} on ${m.platform}, ${m.cpus} x ${m.cpuModel}, ${m.memGiB} GiB`,
    `load average at start ${m.loadAvg.join(' ')}, at end ${m.loadAvgAtEnd?.join(' ')}${busy ? ' (the machine was busy: numbers are pessimistic)' : ''}`,
    `autocannon, ${r.options.connections} connections, ${r.options.rounds} round(s) of ${r.options.seconds} s per server after ${r.options.warmupSeconds} s warm-up; every server a forked child with the same flags`,
  ];
}

function throughputTable(r) {
  const rows = [];
  for (const [key, runs] of Object.entries(r.throughput ?? {})) {
    for (const [server, list] of Object.entries(runs)) {
      for (const x of list) rows.push([key, server, x.round, x.rps, x.p50, x.p99, x.max, x.cpuMsPerRequest, x.elu, x.non2xx + x.errors]);
    }
  }
  return table(['request', 'server', 'round', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU ms/req', 'ELU', 'non-2xx'], rows);
}

export function renderText(r) {
  const out = [...header(r), ''];
  out.push(
    table(
      ['row', 'liveness-sim', 'references', 'target', 'result'],
      r.verdicts.map((v) => [v.row, v.measured, v.compare, v.target, verdict(v.pass)]),
    ),
  );
  out.push('', 'Every run:', throughputTable(r));
  out.push('', 'Requests:');
  for (const [key, q] of Object.entries(r.requests ?? {})) out.push(`  ${key}: ${q.request}; ${q.requestBytes} B in, ${q.answerBytes} B out`);
  if (r.logBytes !== undefined) out.push(`  the simulator wrote ${mib(r.logBytes)} MiB to stdout (logs) during the bench`);
  for (const note of r.notes) out.push(`  note: ${note}`);
  return out.join('\n');
}

export function renderMarkdown(r) {
  const esc = (s) => String(s).replaceAll('|', '\\|');
  const out = ['# liveness-sim bench', '', ...header(r).map((l) => `${l}  `), ''];
  out.push('| row | liveness-sim | references | target | result |', '|---|---|---|---|---|');
  for (const v of r.verdicts) out.push(`| ${esc(v.row)} | ${esc(v.measured)} | ${esc(v.compare)} | ${esc(v.target)} | ${verdict(v.pass)} |`);
  out.push('', '## Every run', '', '```', throughputTable(r), '```', '', '## Requests', '');
  for (const [key, q] of Object.entries(r.requests ?? {})) out.push(`- ${key}: ${q.request}; ${q.requestBytes} B in, ${q.answerBytes} B out`);
  if (r.logBytes !== undefined) out.push(`- the simulator wrote ${mib(r.logBytes)} MiB to stdout (logs) during the bench`);
  for (const note of r.notes) out.push(`- note: ${note}`);
  return `${out.join('\n')}\n`;
}
