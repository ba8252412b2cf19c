import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, serveCli } from './spawn.js';

/** Every mistake: one line on stderr, naming what was wrong, and its own exit status. */
const expectOneLine = (result: { stderr: string; stdout: string }, text: string | RegExp) => {
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
  expect(result.stderr).not.toMatch(/\n\s+at /);
};

describe('the CLI tells every mistake in one line, with a distinct exit status', () => {
  it('validate of a file that does not exist: usage (2), no stack trace', () => {
    const result = runCli(['validate', 'missing.yaml']);
    expect(result.status).toBe(2);
    expectOneLine(result, 'validate: missing.yaml: no such file or folder');
  });

  it('validate of a folder with no scenario file: the job failed (1)', () => {
    const result = runCli(['validate', mkdtempSync(join(tmpdir(), 'sim-empty-'))]);
    expect(result.status).toBe(1);
    expectOneLine(result, /no scenario files/);
  });

  it('scenarios --vendor of an unknown vendor: usage (2), with "did you mean" when close', () => {
    const far = runCli(['scenarios', '--vendor', 'nope']);
    expect(far.status).toBe(2);
    expectOneLine(far, '--vendor "nope": no such vendor (known: fpt, verihubs, advance)');
    const near = runCli(['scenarios', '--vendor', 'verihub']);
    expect(near.status).toBe(2);
    expectOneLine(near, '(did you mean verihubs?)');
  });

  it('scenarios --no-shipped with nothing else loaded says so and fails (1)', () => {
    const result = runCli(['scenarios', '--no-shipped']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLine(result, 'no scenarios loaded: --no-shipped leaves out the shipped catalogue');
  });

  it('a misspelt command or option: usage (2), with "did you mean"', () => {
    const command = runCli(['serv']);
    expect(command.status).toBe(2);
    expectOneLine(command, 'unknown command "serv" (did you mean serve?)');
    const option = runCli(['serve', '--prot', '9000']);
    expect(option.status).toBe(2);
    expectOneLine(option, 'unknown option --prot (did you mean --port?)');
  });

  it('a port in use: cannot listen (3), not a usage error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const result = runCli(['serve', '--port', String((blocker.address() as AddressInfo).port)]);
      expect(result.status).toBe(3);
      expectOneLine(result, /cannot listen: port \d+ is in use \(host 127\.0\.0\.1\): pick another with --port or \$PORT/);
    } finally {
      blocker.close();
    }
  });

  it.each([
    ['an address that is no address', ['--host', '256.1.1.1'], {}, 'cannot listen: --host 256.1.1.1 is not an IP address, and no such name resolves'],
    ['a name that does not resolve', ['--host', 'no-such-host.invalid'], {}, 'cannot listen: --host no-such-host.invalid is not an IP address'],
    ['an address of another machine', ['--host', '192.0.2.1'], {}, 'cannot listen: --host 192.0.2.1 is not an address of this machine'],
    ['the same, from $HOST', [], { HOST: '256.1.1.1' }, 'cannot listen: $HOST 256.1.1.1 is not an IP address'],
  ])('%s: cannot listen (3), no stack trace', (_name, args, env, message) => {
    const result = runCli(['serve', '--port', '0', ...args], { env });
    expect(result.status).toBe(3);
    expectOneLine(result, message);
  });

  it('a config file that does not exist, or a bad value in it: bad configuration (4), naming the file', () => {
    const missing = runCli(['serve', '--port', '0', '--config', 'no-such-config.yaml']);
    expect(missing.status).toBe(4);
    expectOneLine(missing, /not started: no-such-config\.yaml: ENOENT/);
    const file = join(mkdtempSync(join(tmpdir(), 'sim-cli-config-')), 'sim.yaml');
    writeFileSync(file, 'cors: sometimes\n');
    const bad = runCli(['serve', '--port', '0', '--config', file]);
    expect(bad.status).toBe(4);
    expectOneLine(bad, 'sim.yaml: cors: true or false');
  });

  it('an invalid scenario file at serve: the job failed (1), naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-cli-bad-'));
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nid: fpt/bad\ndescription: d\noutcome: nope\n');
    const result = runCli(['serve', '--port', '0', '-s', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^\[liveness-sim\] not started: .*bad\.yaml: \/outcome: "nope" is not a fpt outcome/m);
  });
});

describe('where it listens', () => {
  it('--help tells the host default as it is: $SIM_HOST or $HOST, else 127.0.0.1', () => {
    const { stdout } = runCli(['--help']);
    expect(stdout).toContain('default: $SIM_HOST or $HOST, else 127.0.0.1');
    expect(stdout).not.toContain('in a container)');
    expect(stdout).toMatch(/Exit status: 0 .*1 .*2 /s);
  });

  it('with --host 0.0.0.0 the banner says it listens on every interface, and the URL that reaches it here', async () => {
    const sim = await serveCli(['--host', '0.0.0.0']);
    try {
      expect(sim.stdout()).toMatch(/listening on 0\.0\.0\.0:(\d+) \(every IPv4 interface\); from this machine: http:\/\/127\.0\.0\.1:\1/);
      expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('takes the host from $HOST', async () => {
    const sim = await serveCli([], { env: { HOST: '0.0.0.0' } });
    try {
      expect(sim.stdout()).toContain('listening on 0.0.0.0:');
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
