import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../simulator/observability/logger.js';
import type { LogFormat, LogLevel } from '../../simulator/observability/log-options.js';
import { startSimulator } from '../../simulator/server.js';
import { runCli, serveCli } from '../cli/spawn.js';
import { SECRETS, SET_FLAGS, SETTINGS, sendTraffic } from './traffic.js';

type Line = Record<string, unknown> & { level: number; msg: string };

/** Every line of a JSON log, parsed: a line that is not JSON fails the test. */
const parseLines = (text: string): Line[] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);

/** A simulator in this process whose log is captured, as the CLI makes it with these settings. */
async function capturedSimulator(level: LogLevel, format: LogFormat = 'json') {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  const logger = await createLogger({ level, format, destination });
  const sim = await startSimulator({ port: 0, settings: SETTINGS, adminToken: SECRETS.adminToken, logger });
  return { sim, text: () => text };
}

describe('the log: one structured line per request, never a secret', () => {
  it('the CLI writes JSON lines to a pipe: start-up, one line per request with its fields, admin calls at debug, shutdown; no key, token, secret or media', async () => {
    const sim = await serveCli([...SET_FLAGS.flatMap((set) => ['--set', set]), '--admin-token', SECRETS.adminToken], { env: { SIM_LOG_LEVEL: 'debug' } });
    let sent;
    try {
      sent = await sendTraffic(sim.url);
      const journal = await fetch(`${sim.url}/__sim/requests?limit=1`, { headers: { 'X-Sim-Admin-Token': SECRETS.adminToken } });
      expect(journal.status).toBe(200);
      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
    } finally {
      sim.child.kill('SIGKILL');
    }
    const lines = parseLines(sim.stdout());

    const [startup] = lines;
    expect(startup).toMatchObject({ level: 30, name: 'liveness-sim', url: sim.url, vendors: ['fpt', 'verihubs', 'advance'], config: null });
    expect(startup!.msg).toMatch(/^liveness-sim \S+ listening on http:\/\/127\.0\.0\.1:\d+ \(3 vendors, \d+ scenarios\)$/);
    expect(startup!.scenarios).toBeGreaterThan(50);

    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(sent.expected.length);
    requests.forEach((line, i) => {
      const { requestId, ...fields } = sent.expected[i]!;
      expect(line).toMatchObject({ level: 30, ...fields });
      expect(line.requestId).toBe(requestId);
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(line.durationMs as number).toBeGreaterThan(0);
    });
    // A vendor request's line names its journal entry; the simulator's own 404 has none.
    expect(requests[0]!.journalId).toBe(1);
    expect(requests.at(-1)!.journalId).toBeUndefined();

    const admin = lines.filter((line) => line.msg === 'admin');
    expect(admin).toEqual([expect.objectContaining({ level: 20, method: 'GET', path: '/__sim/requests', status: 200 })]);

    expect(lines.slice(-3).map((line) => line.msg)).toEqual([
      'SIGTERM: stopping, draining 0 request(s) in flight (up to 10 s)',
      'stopped on SIGTERM: 0 request(s) in flight finished, 0 held by a hang fault cut, 0 cut at the 10 s drain limit',
      'exit 0',
    ]);
    expect(lines.at(-1)).toMatchObject({ exitCode: 0 });
    expect(lines).toHaveLength(1 + requests.length + admin.length + 3);

    const everything = sim.stdout() + sim.stderr();
    for (const secret of sent.secrets) expect(everything, `a secret in the log: ${secret}`).not.toContain(secret);
    expect(sim.stderr()).toBe('');
  });

  it('at info, vendor requests are logged and admin calls are not; at warn, no request is', async () => {
    for (const [level, logged] of [
      ['info', 1],
      ['warn', 0],
    ] as const) {
      const { sim, text } = await capturedSimulator(level);
      try {
        await fetch(`${sim.url}/__sim/health`);
        await fetch(`${sim.url}/v1/face/liveness`, {
          method: 'POST',
          headers: { 'App-ID': 'team-a-app', 'API-Key': SECRETS.verihubsApiKey, 'Content-Type': 'application/json' },
          body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
        });
      } finally {
        await sim.close();
      }
      const lines = parseLines(text());
      expect(
        lines.filter((line) => line.msg === 'request'),
        level,
      ).toHaveLength(logged);
      expect(
        lines.filter((line) => line.msg === 'admin'),
        level,
      ).toHaveLength(0);
    }
  });

  it('silent writes nothing at all', async () => {
    const { sim, text } = await capturedSimulator('silent');
    try {
      await fetch(`${sim.url}/no/such/route`);
    } finally {
      await sim.close();
    }
    expect(text()).toBe('');
  });

  it('the pretty format puts a request on one readable line, with its latency', async () => {
    const { sim, text } = await capturedSimulator('info', 'pretty');
    try {
      await fetch(`${sim.url}/v1/face/liveness`, {
        method: 'POST',
        headers: { 'App-ID': 'team-a-app', 'API-Key': SECRETS.verihubsApiKey, 'Content-Type': 'application/json', 'X-Sim-Latency': '20' },
        body: JSON.stringify({ image: 'LIVE_PERSON_BLUR_MS_A_1', validate_quality: true, validate_attribute: true }),
      });
    } finally {
      await sim.close();
    }
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: POST \/v1\/face\/liveness → 200 · verihubs face-liveness · code FAIL_ON_6 · team-a-app · [\d.]+ ms \(latency 20 ms\)$/,
    );
    expect(text()).not.toContain(SECRETS.verihubsApiKey);
  });
});

describe('log settings on the command line', () => {
  it.each([
    [['--log-level', 'loud'], '[liveness-sim] --log-level "loud": one of trace, debug, info, warn, error, fatal, silent'],
    [['--log-format', 'yaml'], '[liveness-sim] --log-format "yaml": one of json, pretty'],
  ])('%j: a wrong flag is a usage error, exit 2 with one line on stderr naming the choices', (args, message) => {
    const result = runCli(['serve', '--port', '0', ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('a wrong value in the environment or the config file is a bad setting like any other: exit 4 naming its source', () => {
    const env = runCli(['serve', '--port', '0'], { env: { SIM_LOG_FORMAT: 'jsn' } });
    expect(env.status).toBe(4);
    expect(env.stderr).toBe('[liveness-sim] not started: SIM_LOG_FORMAT: logFormat: one of json, pretty\n');
    const dir = mkdtempSync(join(tmpdir(), 'sim-log-'));
    writeFileSync(join(dir, 'sim.yaml'), 'logLevel: loud\n');
    const file = runCli(['serve', '--port', '0', '--config', join(dir, 'sim.yaml')]);
    expect(file.status).toBe(4);
    expect(file.stderr).toBe(`[liveness-sim] not started: ${join(dir, 'sim.yaml')}: logLevel: one of trace, debug, info, warn, error, fatal, silent\n`);
  });

  it('logLevel and logFormat are settings: the config file, then the environment, then the flag, as `liveness-sim config` reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-log-'));
    const path = join(dir, 'sim.yaml');
    writeFileSync(path, 'logLevel: warn\nlogFormat: pretty\n');
    const effective = (args: string[], env: Record<string, string> = {}) => {
      const result = runCli(['config', '--json', '--config', path, ...args], { env });
      expect(result.status).toBe(0);
      const { settings } = JSON.parse(result.stdout) as { settings: { key: string; value: unknown; source: string }[] };
      return Object.fromEntries(settings.filter((s) => s.key.startsWith('log')).map((s) => [s.key, [s.value, s.source]]));
    };
    expect(effective([])).toEqual({ logLevel: ['warn', path], logFormat: ['pretty', path] });
    expect(effective([], { SIM_LOG_LEVEL: 'error' })).toEqual({ logLevel: ['error', 'SIM_LOG_LEVEL'], logFormat: ['pretty', path] });
    expect(effective(['--log-level', 'debug', '--log-format', 'json'], { SIM_LOG_LEVEL: 'error' })).toEqual({
      logLevel: ['debug', '--log-level'],
      logFormat: ['json', '--log-format'],
    });
  });

  it('serve logs as the config file says: logLevel debug adds the admin calls, in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-log-'));
    writeFileSync(join(dir, 'sim.yaml'), 'logLevel: debug\nlogFormat: json\n');
    const sim = await serveCli(['--config', join(dir, 'sim.yaml')]);
    try {
      expect((await fetch(`${sim.url}/__sim/scenarios/armed`)).status).toBe(200);
    } finally {
      sim.child.kill('SIGTERM');
      await sim.exited;
    }
    const admin = parseLines(sim.stdout()).filter((line) => line.msg === 'admin');
    expect(admin).toHaveLength(1);
    expect(admin[0]).toMatchObject({ level: 20, method: 'GET', path: '/__sim/scenarios/armed', status: 200 });
  });
});
