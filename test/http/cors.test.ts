import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { serveCli } from '../cli/spawn.js';
import { fixture } from '../support/fixtures.js';

const ORIGIN = 'http://localhost:5173';
const preflight = (url: string, path: string, method = 'POST', headers = 'api-key') =>
  fetch(`${url}${path}`, {
    method: 'OPTIONS',
    headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
const upload = (url: string) => {
  const form = new FormData();
  form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
  return fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { origin: ORIGIN, 'api-key': 'k' }, body: form });
};

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('CORS is off by default: a browser client that passed here would fail at a vendor that refuses it', () => {
  it('answers no CORS header on a vendor call, and no preflight', async () => {
    sim = await startSimulator({ port: 0 });
    const answer = await upload(sim.url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(sim.url, '/dmp/liveness/v3');
    expect(pre.status).not.toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('CORS switched on', () => {
  it('answers the preflight of a vendor route and of an admin route, allowing the method and headers asked for', async () => {
    sim = await startSimulator({ port: 0, cors: true });
    const vendor = await preflight(sim.url, '/dmp/liveness/v3', 'POST', 'api-key, x-sim-scenario');
    expect(vendor.status).toBe(204);
    expect(vendor.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(vendor.headers.get('access-control-allow-methods')).toBe('POST');
    expect(vendor.headers.get('access-control-allow-headers')).toBe('api-key, x-sim-scenario');
    const admin = await preflight(sim.url, '/__sim/scenarios/armed', 'DELETE', 'x-sim-admin-token');
    expect(admin.status).toBe(204);
    expect(admin.headers.get('access-control-allow-methods')).toBe('DELETE');
    expect(sim.engine.journal.count()).toBe(0);
  });

  it('lets a browser read the vendor answer and the admin API, the body unchanged', async () => {
    sim = await startSimulator({ port: 0, cors: true });
    const answer = await upload(sim.url);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(answer.headers.get('vary')).toBe('Origin');
    expect(((await answer.json()) as { code: string }).code).toBe('200');
    const health = await fetch(`${sim.url}/__sim/health`, { headers: { origin: ORIGIN } });
    expect(health.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('is switched on by `cors: true` in the config file', async () => {
    const configFile = join(mkdtempSync(join(tmpdir(), 'sim-cors-')), 'sim.yaml');
    writeFileSync(configFile, 'cors: true\n');
    sim = await startSimulator({ port: 0, configFile });
    expect((await preflight(sim.url, '/v1/face/liveness')).status).toBe(204);
  });

  it.each([
    ['the --cors flag', ['--cors'], {}],
    ['SIM_CORS=1', [], { SIM_CORS: '1' }],
  ])('is switched on by %s, and the banner says so', async (_name, args, env) => {
    const cli = await serveCli(args, { env });
    try {
      expect(cli.stdout()).toContain('CORS on');
      const pre = await preflight(cli.url, '/dmp/liveness/v3');
      expect(pre.status).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});
