// The long fuzz run (`npm run bench -- --fuzz`): the reliability properties of test/reliability/
// with many more runs and a fresh seed, never in CI. It runs vitest on those files with
// LIVENESS_SIM_FUZZ_* variables (test/reliability/fuzz.ts reads them), then prints what was tried
// and where any failing request was saved, with the command that replays it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function runFuzz({ root, seed, scale, only }) {
  const results = join(root, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportFile = join(results, `fuzz-${stamp}.jsonl`);
  const before = new Set(readdirSync(results));
  console.log(`[fuzz] seed ${seed}, ${scale}x the CI run counts${only ? `, only ${only}` : ''}; report: ${reportFile}`);
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const args = [vitest, 'run', only ? `test/reliability/${only}` : 'test/reliability', '--testTimeout=0', '--hookTimeout=60000', '--reporter=default'];
  const env = {
    ...process.env,
    LIVENESS_SIM_FUZZ_SEED: String(seed),
    LIVENESS_SIM_FUZZ_SCALE: String(scale),
    LIVENESS_SIM_FUZZ_SAVE: results,
    LIVENESS_SIM_FUZZ_REPORT: reportFile,
  };
  const started = performance.now();
  const code = await new Promise((resolve) => spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' }).once('exit', resolve));
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);

  console.log(`\n[fuzz] what was tried (seed ${seed}, ${minutes} min):`);
  const lines = existsSync(reportFile)
    ? readFileSync(reportFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
  for (const line of lines) {
    if (line.property) {
      const sent = Object.entries(line.sent);
      const total = sent.reduce((n, [, count]) => n + count, 0);
      const byStatus = {};
      for (const [key, count] of sent) {
        const status = key.split(' -> ')[1];
        byStatus[status] = (byStatus[status] ?? 0) + count;
      }
      console.log(
        `  ${line.property}: ${total} requests to ${new Set(sent.map(([k]) => k.split(' -> ')[0])).size} method+path pairs; answers ${JSON.stringify(byStatus)}`,
      );
      for (const slow of line.slowest ?? []) console.log(`    slow: ${slow.ms} ms  ${slow.what}`);
    } else if (line.watch) {
      const w = line.watch;
      const busiest = Math.max(0, ...(w.slow ?? []).map((p) => p.cpuMs ?? 0));
      console.log(
        `    health: ${w.probes} probes, slowest ${w.maxMs} ms, median ${w.p50Ms} ms; ${(w.slow ?? []).length} over 100 ms, during which the event loop worked ${busiest} ms at most (a stall needs 100); server RSS peak ${w.maxRssMiB} MiB`,
      );
    }
  }
  const failures = readdirSync(results).filter((f) => !before.has(f) && f.startsWith('fuzz-failure-'));
  if (failures.length === 0) console.log(code === 0 ? '[fuzz] no failing input.' : '[fuzz] vitest failed without a saved request (see its output above).');
  for (const file of failures) console.log(`[fuzz] failing request saved: bench/results/${file}\n  replay: node bench/fuzz-replay.mjs bench/results/${file}`);
  return code ?? 1;
}
