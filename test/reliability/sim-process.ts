import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The simulator under fuzz, in its own process as `npm start` runs it (the built CLI: `npm test`
 * builds first). A separate process is what makes the reliability properties honest: a request
 * that hangs the server's event loop cannot hang the test's, health is measured from outside, and
 * the server's memory is its own.
 */
const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));

export interface SimProcess {
  url: string;
  pid: number;
  /** Resident set size of the server process, in bytes (read from outside, so a busy server still answers). */
  rss(): number;
  /** Whether the process is still running. */
  alive(): boolean;
  /** SIGKILL: a hung server must not outlive the test. */
  kill(): Promise<void>;
  /** What the server wrote on stderr (a stack trace there is a finding too). */
  stderr(): string;
}

export async function startSimProcess(args: string[] = []): Promise<SimProcess> {
  if (!existsSync(CLI)) throw new Error(`[reliability] ${CLI} is missing: run \`npm run build\` first (\`npm test\` does).`);
  return startServerProcess([CLI, 'serve', '--port', '0', ...args]);
}

/** Any Node server that prints `listening on <url>` (the watch's own test uses a stand-in). */
export async function startServerProcess(nodeArgs: string[]): Promise<SimProcess> {
  const child: ChildProcess = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '' } });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (err.length < 200_000) err += chunk.toString();
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`[reliability] the simulator did not start within 15 s: ${out}${err}`)), 15_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`[reliability] the simulator exited with ${code}: ${err}`));
    });
  });
  // The log lines that follow (one per request) are read and dropped: a pipe left full would stall the server's writes.
  child.stdout!.removeAllListeners('data');
  child.stdout!.resume();
  const pid = child.pid!;
  return {
    url,
    pid,
    rss: () => rssOf(pid),
    alive: () => !exited,
    stderr: () => err,
    kill: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** VmRSS from /proc (Linux, where CI runs); elsewhere `ps`. */
function rssOf(pid: number): number {
  if (existsSync(`/proc/${pid}/status`)) {
    const found = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return found ? Number(found[1]) * 1024 : 0;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) * 1024;
}
