import { describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';
import { serveCli } from '../cli/spawn.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
const get = (sim: RunningSimulator, path: string, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}${path}`, { headers }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), text: await r.text() }));

async function withSimulator(options: Parameters<typeof startSimulator>[0], body: (sim: RunningSimulator) => Promise<void>) {
  const sim = await startSimulator({ port: 0, ...options });
  try {
    await body(sim);
  } finally {
    await sim.close();
  }
}

describe('the admin token', () => {
  it('guards every admin call but health, ready and metrics; a wrong, longer, shorter or missing token is refused alike', () =>
    withSimulator({ adminToken: 's3cret-token' }, async (sim) => {
      expect((await get(sim, '/__sim/health')).status).toBe(200);
      expect((await get(sim, '/__sim/ready')).status).toBe(200);
      expect((await get(sim, '/__sim/metrics')).status).not.toBe(401);
      for (const token of [undefined, 's3cret-tokeN', 's3cret-token2', 's3cret', '']) {
        const refused = await get(sim, '/__sim/scenarios', token === undefined ? {} : { 'x-sim-admin-token': token });
        expect(refused.status).toBe(401);
        expect(refused.type).toMatch(/^application\/problem\+json/);
        expect(refused.text).not.toContain('s3cret-token');
      }
      expect((await get(sim, '/__sim/scenarios', { 'x-sim-admin-token': 's3cret-token' })).status).toBe(200);
    }));

  it('is never needed on vendor routes', () =>
    withSimulator({ adminToken: 's3cret-token', host: '0.0.0.0' }, async (sim) => {
      const answer = await postFpt(sim.url, { video });
      expect(answer.status).toBe(200);
      expect(answer.json.code).toBe('200');
    }));
});

describe('listening beyond this machine with no admin token', () => {
  it('closes the admin API with a 403 problem naming the fix; health, ready and metrics stay open; vendors answer', () =>
    withSimulator({ host: '0.0.0.0' }, async (sim) => {
      for (const path of ['/__sim/scenarios', '/__sim/requests', '/__sim/clock']) {
        const refused = await get(sim, path);
        expect(refused.status).toBe(403);
        expect(refused.type).toMatch(/^application\/problem\+json/);
        const problem = JSON.parse(refused.text) as { type: string; detail: string };
        expect(problem.type).toBe('urn:liveness-sim:problem:admin-closed');
        expect(problem.detail).toContain('listens on 0.0.0.0');
        expect(problem.detail).toContain('adminToken');
        expect(problem.detail).toContain('SIM_ADMIN_TOKEN');
      }
      const reset = await fetch(`${sim.url}/__sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"credential":"*"}' });
      expect(reset.status).toBe(403);
      expect((await get(sim, '/__sim/health')).status).toBe(200);
      expect((await get(sim, '/__sim/ready')).status).toBe(200);
      expect((await get(sim, '/__sim/metrics')).status).not.toBe(403);
      expect((await postFpt(sim.url, { video })).json.code).toBe('200');
    }));

  it('on loopback the admin API stays open without a token, as before', () =>
    withSimulator({ host: '127.0.0.1' }, async (sim) => {
      expect((await get(sim, '/__sim/scenarios')).status).toBe(200);
    }));

  it('the CLI says so in one warning line of its log at start, and not when a token is set', async () => {
    const warnings = (out: string) =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .filter((entry) => entry.level === 40);
    const open = await serveCli(['--host', '0.0.0.0']);
    try {
      // The line follows the start-up line; it may come in the next chunk of the pipe.
      for (let i = 0; i < 100 && warnings(open.stdout()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(warnings(open.stdout()).map((entry) => entry.msg)).toEqual([
        'listening on 0.0.0.0, beyond this machine, with no admin token: the admin API refuses every call but health, ready and metrics (403); set adminToken, SIM_ADMIN_TOKEN or --admin-token to use it',
      ]);
    } finally {
      open.child.kill('SIGKILL');
    }
    const guarded = await serveCli(['--host', '0.0.0.0'], { env: { SIM_ADMIN_TOKEN: 't0ken' } });
    try {
      expect((await fetch(`${guarded.url}/__sim/scenarios`, { headers: { 'x-sim-admin-token': 't0ken' } })).status).toBe(200);
      expect(warnings(guarded.stdout())).toEqual([]);
    } finally {
      guarded.child.kill('SIGKILL');
    }
  });
});

describe('/__sim/ready', () => {
  it('is 200 once serving, and 503 problem+json once a stop began, while requests in flight finish', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      const ready = await get(sim, '/__sim/ready');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.text)).toEqual({ status: 'ready', scenarios: sim.engine.scenarios().size });
      // A slow answer keeps the drain going; new connections are refused meanwhile, so the probe
      // is asked of the simulator itself, as a request already on an open connection would be.
      const slow = postFpt(sim.url, { video }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/slow-live' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const drained = sim.drain(30_000);
      const during = await sim.simulator.handle({ method: 'GET', path: '/__sim/ready', query: {}, headers: {}, body: { kind: 'empty' } });
      expect(during.status).toBe(503);
      expect(during.headers['Content-Type']).toMatch(/^application\/problem\+json/);
      expect(String(during.body)).toContain('stopping');
      expect((await sim.simulator.handle({ method: 'GET', path: '/__sim/health', query: {}, headers: {}, body: { kind: 'empty' } })).status).toBe(200);
      expect((await slow).status).toBe(200);
      expect((await drained).finished).toBe(1);
    } finally {
      await sim.close();
    }
  });
});
