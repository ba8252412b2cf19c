import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** The built CLI, as `npm start` and the `liveness-sim` bin run it (`npm test` builds first). */
export const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));

const cleanEnv = (env: Record<string, string>) => ({
  ...process.env,
  PORT: '',
  HOST: '',
  SIM_CORS: '',
  SIM_VALIDATE_RESPONSES: '',
  SIM_LOG_LEVEL: '',
  SIM_LOG_FORMAT: '',
  ...env,
});

export function runCli(args: string[], { cwd, env = {} }: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: cleanEnv(env), timeout: 30_000 });
}

export interface ServingCli {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** The start-up line's `http://...` address to reach it from this machine. */
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `liveness-sim serve ...` and resolves once its start-up line is out (JSON: stdout is a pipe). */
export async function serveCli(args: string[], { cwd, env = {} }: { cwd?: string; env?: Record<string, string> } = {}): Promise<ServingCli> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The URL is followed by a space in the start-up line's message, in both log formats.
      const match = /listening on (?:\S+ \(every [^)]*\); from this machine: )?(http:\/\/\S+) /.exec(out);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, url, stdout: () => out, stderr: () => err, exited };
}
