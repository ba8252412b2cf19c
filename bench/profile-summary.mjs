#!/usr/bin/env node
// Summarizes V8 .cpuprofile files (from `node bench/run.mjs --cpu-prof`, or any `node --cpu-prof`):
// self time by package/area and the top functions.   node bench/profile-summary.mjs FILE [TOP]
import { readFileSync } from 'node:fs';

const [file, topText = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-summary.mjs FILE.cpuprofile [TOP]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function area(url, name) {
  if (!url) return name === '(idle)' || name === '(program)' || name === '(garbage collector)' ? name : '(native/builtin)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  const dist = /dist\/(.+?)\/[^/]+\.js$/.exec(url);
  return dist ? `dist/${dist[1]}` : url;
}

const areas = new Map();
const fns = new Map();
for (const [id, us] of selfUs) {
  const { callFrame: f } = byId.get(id);
  const a = area(f.url, f.functionName);
  areas.set(a, (areas.get(a) ?? 0) + us);
  const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${f.url.replace(/^.*?\/(node_modules\/)/, '$1').replace(/^file:.*?\/dist\//, 'dist/')}:${f.lineNumber + 1}` : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('\nself time by area');
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`${pct(us)}  ${a}`);
console.log(`\ntop ${topText} functions (self time)`);
for (const [k, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, Number(topText))) console.log(`${pct(us)}  ${k}`);
