import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

/**
 * The engine's order for every vendor (DESIGN.md "Outcomes, scenarios and realism"):
 * authenticate first. A refused call gets the vendor's auth failure whatever the scenario header
 * says, uses up no armed scenario and no sequence step, and is journaled with no credential.
 */
const video = { bytes: fixture('video-720p-25fps-5s.mp4') };

describe('engine: authentication comes before any scenario', () => {
  let sim: RunningSimulator;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as { armed: unknown[]; requests: { vendor: string; credential: string | null; status: number }[] };
  };
  const verihubs = (headers: Record<string, string>) =>
    fetch(`${sim.url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
    });

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, settings: { fpt: { apiKeys: ['good-key'] }, verihubs: { credentials: [{ appId: 'app', apiKey: 'good' }] } } });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it('FPT: an unknown api-key gets the 401 even with a scenario armed for everyone, which stays armed', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', times: 1, credential: '*' });
    const refused = await postFpt(sim.url, { video }, { 'api-key': 'bad-key' });
    expect(refused.status).toBe(401);
    expect(refused.json).toEqual({ code: '401', message: 'Invalid API key' });
    expect((await admin('GET', '/scenarios/armed')).armed).toEqual([expect.objectContaining({ scenarioId: 'fpt/no-face', remaining: 1 })]);
    expect((await postFpt(sim.url, { video }, { 'api-key': 'good-key' })).json.code).toBe('410');
  });

  it('FPT: a missing api-key gets the 401 whatever X-Sim-Scenario says, even a name no scenario has', async () => {
    for (const name of ['fpt/live', 'fpt/no-such-scenario']) {
      const refused = await postFpt(sim.url, { video }, { 'X-Sim-Scenario': name });
      expect(refused.status).toBe(401);
      expect(refused.json).toEqual({ code: '401', message: 'Invalid API key' });
    }
  });

  it('FPT: does not advance a sequence on a refused call', async () => {
    const as = { 'X-Sim-Scenario': 'fpt/retry-then-live' };
    expect((await postFpt(sim.url, { video }, { ...as, 'api-key': 'bad-key' })).status).toBe(401);
    expect((await postFpt(sim.url, { video }, { ...as, 'api-key': 'good-key' })).json.code).toBe('410');
  });

  it('journals a refused call with no credential, never the key it presented', async () => {
    await postFpt(sim.url, { video }, { 'api-key': 'bad-key' });
    await verihubs({ 'App-ID': 'app', 'API-Key': 'wrong' });
    const { requests } = await admin('GET', '/requests?limit=2');
    expect(requests.map((r) => [r.vendor, r.credential, r.status])).toEqual([
      ['verihubs', null, 401],
      ['fpt', null, 401],
    ]);
  });

  it("Verihubs: a wrong API-Key gets 401 UNAUTHORIZED even with the App-ID's armed scenario, which stays armed", async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'verihubs/not-live', credential: 'app', times: 1 });
    const refused = await verihubs({ 'App-ID': 'app', 'API-Key': 'wrong', 'X-Sim-Scenario': 'verihubs/success' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: 'Unauthorized', error_code: 'UNAUTHORIZED' });
    expect((await admin('GET', '/scenarios/armed')).armed).toHaveLength(1);
    const allowed = (await (await verihubs({ 'App-ID': 'app', 'API-Key': 'good' })).json()) as { liveness: { status: boolean } };
    expect(allowed.liveness.status).toBe(false);
  });
});
