import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { send } from './send.js';

/** What Node's HTTP parser refuses before any route runs is still the simulator's own problem+json. */
describe('requests the HTTP parser refuses', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('answers headers over 16 kB with a 431 problem+json, and keeps serving', async () => {
    const answer = await send(sim.url, { method: 'GET', path: `/liveness/ext/v1/get-video?livenessId=${'a'.repeat(20_000)}`, headers: {} });
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ type: 'urn:liveness-sim:problem:bad-http', status: 431 });
    expect((await send(sim.url, { method: 'GET', path: '/__sim/health', headers: {} })).status).toBe(200);
  });

  it('answers a HEAD request it refuses with headers only, so the client can read them', async () => {
    const answer = await send(sim.url, { method: 'HEAD', path: `/standard-images/x?${'a'.repeat(20_000)}`, headers: {} });
    expect(answer.status).toBe(431);
    expect(answer.body.byteLength).toBe(0);
  });
});
