// Optional: the same requests through wrk, when it is installed (it is not required; absent
// means skipped, silently). The body is written once to a temp file and read by a Lua script.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function wrkPath() {
  const found = spawnSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || null : null;
}

const toMs = (value, unit) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? Number.NaN);

/** Runs wrk for `seconds` with `connections`; resolves parsed numbers, or null if wrk fails. */
export async function runWrk({ wrk, url, headers, body, connections = 8, threads = 1, seconds = 3 }) {
  const dir = mkdtempSync(join(tmpdir(), 'liveness-sim-bench-'));
  try {
    const bodyFile = join(dir, 'body.bin');
    writeFileSync(bodyFile, body);
    const lua = [
      `local f = assert(io.open(${JSON.stringify(bodyFile)}, "rb"))`,
      'wrk.method = "POST"',
      'wrk.body = f:read("*a")',
      'f:close()',
      ...Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
    ].join('\n');
    const script = join(dir, 'post.lua');
    writeFileSync(script, lua);
    const child = spawn(wrk, ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency', '-s', script, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 10) * 1000);
    const code = await new Promise((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    if (code !== 0) return null;
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
    const pct = (p) => {
      const m = new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out);
      return m ? toMs(m[1], m[2]) : null;
    };
    const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
    return { connections, rps: rps ? Number(rps[1]) : null, p50: pct(50), p99: pct(99), non2xx: non2xx ? Number(non2xx[1]) : 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
