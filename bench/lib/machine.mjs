// What the bench ran on, and a small duration parser for its options.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { round } from './stats.mjs';

export function machine(root) {
  let commit;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
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

/** "5m", "30s", "1500ms", "0" → milliseconds; undefined when unreadable. */
export function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(String(text).trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's']);
}
