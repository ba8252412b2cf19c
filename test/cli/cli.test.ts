import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built CLI, as `npm start` and the `liveness-sim` bin run it (`npm test` builds first). */
const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PORT: '' } });

describe('liveness-sim CLI', () => {
  it('serve prints its URL and vendor routes, answers health, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--log-format', 'pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('admin:')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
      expect(banner).toContain('\n  POST /dmp/liveness/v3 (fpt)\n');
      expect(banner).toContain(`admin: ${url}/__sim/health · metrics: ${url}/__sim/metrics`);
      const health = await fetch(`${url}/__sim/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toBe('ok');
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });

  it('--help explains every flag', () => {
    const { stdout, status } = run('--help');
    expect(status).toBe(0);
    for (const flag of ['--port', '--host', '--scenarios', '--no-shipped', '--config', '--set', '--admin-token', '--cors', '--drain-timeout'])
      expect(stdout).toContain(flag);
  });

  it('scenarios lists ids and descriptions, filterable by vendor', () => {
    const { stdout, status } = run('scenarios', '--vendor', 'fpt');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^fpt\/no-face\s+Code 410/m);
    expect(stdout).not.toMatch(/^verihubs\//m);
  });

  it('validate exits 1 naming the file and field of a bad scenario, 0 for good ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nid: fpt/bad\ndescription: d\noutcome: live\nset: {liveness.is_live: true}\n');
    const bad = run('validate', join(dir, 'bad.yaml'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('bad.yaml: /set/liveness.is_live: must be a string');
    const good = run('validate', fileURLToPath(new URL('../../scenarios', import.meta.url)));
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/\d+ scenario\(s\) valid/);
  });

  it('serve refuses to start with a bad setting and exits 4 (bad configuration)', () => {
    const { status, stderr } = run('serve', '--port', '0', '--set', 'fpt.webm=maybe');
    expect(status).toBe(4);
    expect(stderr).toContain('--set: vendors.fpt.webm: must be equal to one of the allowed values (accept, refuse)');
  });

  it('refuses an unknown flag and a bad port', () => {
    expect(run('--bogus').status).toBe(2);
    const port = run('serve', '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port "eighty"');
  });
});
