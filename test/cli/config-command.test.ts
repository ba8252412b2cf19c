import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { postFpt } from '../support/fpt-client.js';
import { runCli, serveCli } from './spawn.js';

const dir = () => mkdtempSync(join(tmpdir(), 'sim-config-cmd-'));
const write = (folder: string, name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

interface Report {
  configFile: { path: string; source: string } | null;
  settings: { key: string; value: unknown; source: string }[];
}
const report = (stdout: string) => JSON.parse(stdout) as Report;
const setting = (r: Report, key: string) => r.settings.find((s) => s.key === key);

describe('configuration precedence: config file < environment < flags', () => {
  it('a vendor setting from the file is overridden by its SIM_ variable, and that by --set, as the server answers', async () => {
    const config = write(dir(), 'sim.yaml', 'vendors:\n  fpt:\n    httpStatus: "200"\n');
    // FPT's "no video" answer: HTTP 200 with httpStatus 200, HTTP 409 with mirror.
    const fromEnv = await serveCli(['--config', config], { env: { SIM_FPT_HTTP_STATUS: 'mirror' } });
    try {
      expect((await postFpt(fromEnv.url, {})).status).toBe(409);
    } finally {
      fromEnv.child.kill('SIGKILL');
    }
    const fromFlag = await serveCli(['--config', config, '--set', 'fpt.httpStatus=200'], { env: { SIM_FPT_HTTP_STATUS: 'mirror' } });
    try {
      expect((await postFpt(fromFlag.url, {})).status).toBe(200);
    } finally {
      fromFlag.child.kill('SIGKILL');
    }
  });

  it('SIM_CONFIG names the file; SIM_ADMIN_TOKEN guards the admin API; --admin-token wins over both', async () => {
    const config = write(dir(), 'sim.yaml', 'adminToken: from-file\n');
    const sim = await serveCli(['--admin-token', 'from-flag'], { env: { SIM_CONFIG: config, SIM_ADMIN_TOKEN: 'from-env' } });
    try {
      const armed = (token: string) => fetch(`${sim.url}/__sim/scenarios/armed`, { headers: { 'x-sim-admin-token': token } });
      expect((await armed('from-file')).status).toBe(401);
      expect((await armed('from-env')).status).toBe(401);
      expect((await armed('from-flag')).status).toBe(200);
    } finally {
      sim.child.kill('SIGKILL');
    }
  });

  it('config --json gives each setting its source: default, the file, the variable, the flag', () => {
    const config = write(dir(), 'sim.yaml', 'journalCapacity: 50\narmedCapacity: 7\nmaxWait: 90s\nvendors:\n  fpt: { webm: refuse, httpStatus: mirror }\n');
    const { status, stdout } = runCli(['config', '--json', '--config', config, '--set', 'armedCapacity=9', '--set', 'fpt.httpStatus=200'], {
      env: { SIM_JOURNAL_CAPACITY: '60', SIM_ARMED_CAPACITY: '8', SIM_FPT_WEBM: 'accept', SIM_CORS: '1' },
    });
    expect(status).toBe(0);
    const r = report(stdout);
    expect(r.configFile).toEqual({ path: config, source: '--config' });
    expect(setting(r, 'journalCapacity')).toEqual({ key: 'journalCapacity', value: 60, source: 'SIM_JOURNAL_CAPACITY' });
    expect(setting(r, 'armedCapacity')).toEqual({ key: 'armedCapacity', value: 9, source: '--set' });
    expect(setting(r, 'maxWait')).toEqual({ key: 'maxWait', value: '90s', source: config });
    expect(setting(r, 'cors')).toEqual({ key: 'cors', value: true, source: 'SIM_CORS' });
    expect(setting(r, 'vendors.fpt.webm')).toEqual({ key: 'vendors.fpt.webm', value: 'accept', source: 'SIM_FPT_WEBM' });
    expect(setting(r, 'vendors.fpt.httpStatus')).toEqual({ key: 'vendors.fpt.httpStatus', value: '200', source: '--set' });
    expect(setting(r, 'vendors.fpt.authFailure')).toEqual({ key: 'vendors.fpt.authFailure', value: 'http401', source: 'default' });
    expect(setting(r, 'maxHang')).toEqual({ key: 'maxHang', value: '5m', source: 'default' });
  });

  it('PORT and HOST keep working; SIM_PORT and SIM_HOST win over them, and --port over all', () => {
    const env = { PORT: '9000', HOST: '0.0.0.0', SIM_PORT: '9100' };
    const r = report(runCli(['config', '--json'], { env }).stdout);
    expect(setting(r, 'port')).toMatchObject({ value: 9100, source: 'SIM_PORT' });
    expect(setting(r, 'host')).toMatchObject({ value: '0.0.0.0', source: 'HOST' });
    expect(setting(report(runCli(['config', '--json', '--port', '9200'], { env }).stdout), 'port')).toMatchObject({ value: 9200, source: '--port' });
  });

  it('SIM_SCENARIOS takes folders separated by ":", added to the file\'s and before --scenarios', () => {
    const [a, b] = [dir(), dir()];
    write(a, 'a.yaml', 'version: 1\nid: fpt/from-a\ndescription: first folder\noutcome: live\n');
    write(b, 'b.yaml', 'version: 1\nid: fpt/from-b\ndescription: second folder\noutcome: live\n');
    const listed = runCli(['scenarios', '--no-shipped'], { env: { SIM_SCENARIOS: `${a}:${b}` } });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^fpt\/from-a\s+first folder$/m);
    expect(listed.stdout).toMatch(/^fpt\/from-b\s+second folder$/m);
    const r = report(runCli(['config', '--json', '--scenarios', a], { env: { SIM_SCENARIOS: b } }).stdout);
    expect(setting(r, 'scenarios')).toEqual({ key: 'scenarios', value: [b, a], source: 'SIM_SCENARIOS, --scenarios' });
  });

  it('switches read 1/0, yes/no, on/off as SIM_CORS always did; text settings are taken as written', () => {
    const r = report(
      runCli(['config', '--json'], { env: { SIM_CORS: 'on', SIM_VALIDATE_RESPONSES: '0', SIM_ADMIN_TOKEN: '12345', SIM_ADVANCE_HTTP_STATUS: '200' } }).stdout,
    );
    expect(setting(r, 'cors')!.value).toBe(true);
    expect(setting(r, 'validateResponses')!.value).toBe(false);
    expect(setting(r, 'vendors.advance.httpStatus')).toMatchObject({ value: '200', source: 'SIM_ADVANCE_HTTP_STATUS' });
  });

  it('nested vendor settings and a whole vendor block have variables too', () => {
    const r = report(
      runCli(['config', '--json'], {
        env: { SIM_VERIHUBS_IMAGE_URL_TIMEOUT_MS: '2000', SIM_ADVANCE_THROTTLE: '{requests: 5}', SIM_VENDORS: '{fpt: {minVideoSeconds: 3}}' },
      }).stdout,
    );
    expect(setting(r, 'vendors.verihubs.imageUrl.timeoutMs')).toMatchObject({ value: 2000, source: 'SIM_VERIHUBS_IMAGE_URL_TIMEOUT_MS' });
    expect(setting(r, 'vendors.advance.throttle.requests')).toMatchObject({ value: 5, source: 'SIM_ADVANCE_THROTTLE' });
    expect(setting(r, 'vendors.fpt.minVideoSeconds')).toMatchObject({ value: 3, source: 'SIM_VENDORS' });
  });
});

describe('bad values in the environment', () => {
  it("are refused like the file's, one line each naming the variable, exit 4 (serve and config)", () => {
    const env = { SIM_JOURNAL_CAPACITY: 'lots', SIM_FPT_WEBM: 'maybe', PORT: 'eighty', SIM_MAX_HANG: '4x' };
    for (const command of ['serve', 'config']) {
      const { status, stderr } = runCli([command, ...(command === 'serve' ? ['--port', '0'] : [])], { env });
      expect(status).toBe(4);
      expect(stderr).toContain('SIM_JOURNAL_CAPACITY: journalCapacity: a whole number above 0');
      expect(stderr).toContain('SIM_FPT_WEBM: vendors.fpt.webm: must be equal to one of the allowed values (accept, refuse)');
      expect(stderr).toContain('SIM_MAX_HANG: maxHang: milliseconds or a duration');
      // --port wins over PORT, so a bad PORT is no problem for serve.
      if (command === 'config') expect(stderr).toContain('PORT: port: a port number from 0 to 65535');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an unknown SIM_ variable close to a setting\'s gets a "did you mean" warning, and the start goes on', () => {
    const { status, stderr } = runCli(['config'], { env: { SIM_JOURNAL_CAPACTY: '3', SIM_SOMETHING_ELSE: 'x' } });
    expect(status).toBe(0);
    expect(stderr.trimEnd().split('\n')).toEqual([
      '[liveness-sim] warning: SIM_JOURNAL_CAPACTY is not a setting (did you mean SIM_JOURNAL_CAPACITY?); it is ignored',
    ]);
  });
});

describe('liveness-sim config', () => {
  const SECRETS = ['adm1n-t0ken', 'fpt-plain-key', 'fpt-named-key', 'verihubs-api-key', 'advance-secret-key'];
  const config = () =>
    write(
      dir(),
      'sim.yaml',
      [
        `adminToken: ${SECRETS[0]}`,
        'vendors:',
        `  fpt: { apiKeys: [${SECRETS[1]}, { name: ci, key: ${SECRETS[2]} }] }`,
        `  verihubs: { credentials: [{ appId: app-1, apiKey: ${SECRETS[3]} }] }`,
        `  advance: { accounts: [{ accessKey: access-1, secretKey: ${SECRETS[4]} }] }`,
        '',
      ].join('\n'),
    );

  it('masks every secret, in both forms, and keeps the ids', () => {
    const file = config();
    for (const args of [
      ['config', '-c', file],
      ['config', '-c', file, '--json'],
    ]) {
      const { status, stdout } = runCli(args);
      expect(status).toBe(0);
      for (const secret of SECRETS) expect(stdout).not.toContain(secret);
      for (const id of ['"ci"', '"app-1"', '"access-1"']) expect(stdout).toContain(id);
    }
    const r = report(runCli(['config', '-c', file, '--json']).stdout);
    expect(setting(r, 'adminToken')!.value).toBe('[masked]');
    expect(setting(r, 'vendors.fpt.apiKeys')!.value).toEqual(['[masked]', { name: 'ci', key: '[masked]' }]);
    expect(setting(r, 'vendors.verihubs.credentials')!.value).toEqual([{ appId: 'app-1', apiKey: '[masked]' }]);
    expect(setting(r, 'vendors.advance.accounts')!.value).toEqual([{ accessKey: 'access-1', secretKey: '[masked]' }]);
  });

  it('prints one "key: value  # source" line per setting for people', () => {
    const { stdout } = runCli(['config', '--set', 'seed=42'], { env: { SIM_MAX_WAIT: '1m' } });
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# liveness-sim \S+, no config file: each setting, its value and its source; secrets masked$/);
    expect(lines).toContainEqual(expect.stringMatching(/^port: 8080\s+# default$/));
    expect(lines).toContainEqual(expect.stringMatching(/^seed: 42\s+# --set$/));
    expect(lines).toContainEqual(expect.stringMatching(/^maxWait: "1m"\s+# SIM_MAX_WAIT$/));
    expect(lines).toContainEqual(expect.stringMatching(/^vendors\.fpt\.httpStatus: "200"\s+# default$/));
  });

  it('exits as serve would: 4 for a bad setting, 1 for a bad scenario file, 2 for a usage mistake', () => {
    expect(runCli(['config', '--set', 'fpt.webm=maybe']).status).toBe(4);
    const scenarios = dir();
    mkdirSync(join(scenarios, 'fpt'));
    write(scenarios, 'fpt/bad.yaml', 'version: 1\nid: fpt/bad\ndescription: d\noutcome: nope\n');
    expect(runCli(['config', '-s', scenarios]).status).toBe(1);
    expect(runCli(['config', 'extra']).status).toBe(2);
    expect(runCli(['config', '--drain-timeout', 'soon']).status).toBe(2);
  });
});
