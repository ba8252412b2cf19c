// Start-up: spawn the CLI as a user does (`serve --port 0`), read the port from its banner, and
// time until the first request is answered 200. Every wait here is bounded.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { SIM_CLI } from './spawn-server.mjs';

const BANNER = /listening on (http:\/\/[^\s,]+)/;
const TIMEOUT_MS = 15_000;

/** One start; resolves { bannerMs, firstAnswerMs } or rejects after TIMEOUT_MS. */
export async function coldStartOnce(request) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [SIM_CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no banner within ${TIMEOUT_MS} ms: ${out}${stderr}`)), TIMEOUT_MS);
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = BANNER.exec(out);
        if (match) {
          clearTimeout(timer);
          child.stdout.resume();
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the CLI exited with ${code} before its banner: ${stderr}`));
      });
    });
    const bannerMs = performance.now() - t0;
    let lastProblem = '';
    while (performance.now() - t0 < TIMEOUT_MS) {
      try {
        const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        const text = await response.text();
        if (response.status === 200) return { bannerMs, firstAnswerMs: performance.now() - t0 };
        lastProblem = `${response.status} ${text.slice(0, 200)}`;
      } catch (error) {
        lastProblem = String(error.cause ?? error);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`no 200 within ${TIMEOUT_MS} ms (last: ${lastProblem})`);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Bare `node -e ""` spawn-to-exit, for scale: the part of start-up no simulator code can remove. */
export async function nodeBaselineOnce() {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - t0;
}
