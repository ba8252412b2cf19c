// Cold start: spawn the CLI, read the port from its banner, and time until the first FPT
// request is answered 200. Every wait here is bounded.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'dist/simulator/cli/main.js';
const BANNER = /listening on (http:\/\/\S+)/;
const TIMEOUT_MS = 10_000;

/** One cold start; resolves { bannerMs, firstAnswerMs, attempts } or rejects after TIMEOUT_MS. */
export async function coldStartOnce({ path, headers, body }) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
          resolve(match[1]);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the CLI exited with ${code} before its banner: ${stderr}`));
      });
    });
    const bannerMs = performance.now() - t0;
    // Poll: retry at once on a refused or failed request, never sleep more than 2 ms.
    let attempts = 0;
    let lastProblem = '';
    while (performance.now() - t0 < TIMEOUT_MS) {
      attempts++;
      try {
        const response = await fetch(`${url}${path}`, { method: 'POST', headers, body });
        const text = await response.text();
        if (response.status === 200) return { bannerMs, firstAnswerMs: performance.now() - t0, attempts };
        lastProblem = `${response.status} ${text.slice(0, 200)}`;
      } catch (error) {
        lastProblem = String(error.cause ?? error);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error(`no 200 within ${TIMEOUT_MS} ms (${attempts} attempts; last: ${lastProblem})`);
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  }
}

/** Bare `node -e ""` spawn-to-exit, for scale: the part of cold start no simulator code can remove. */
export async function nodeBaselineOnce() {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return performance.now() - t0;
}
