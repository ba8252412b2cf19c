import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };

describe('limits on what the admin API and the scenario header accept', () => {
  let sim: RunningSimulator;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), json: await response.json() };
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, set: ['armedCapacity=3'] });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it('refuses moving the clock past the maximum offset with a 400 naming the field and the range, and keeps serving', async () => {
    const refused = await admin('POST', '/clock', { advance: 1e300, credential: '*' });
    expect(refused.status).toBe(400);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.json.field).toBe('advance');
    expect(refused.json.detail).toMatch(/from 0 to \d+ ms \(3650d\)/);
    expect((await admin('GET', '/clock')).json.offsetMs).toBe(0);
    expect((await admin('GET', '/health')).status).toBe(200);
    expect((await postFpt(sim.url, { video })).json.code).toBe('200');
  });

  it('counts earlier moves against the maximum clock offset', async () => {
    expect((await admin('POST', '/clock', { advance: '3000d', credential: '*' })).status).toBe(200);
    const refused = await admin('POST', '/clock', { advance: '700d', credential: '*' });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toMatch(/\(650d\)/);
    expect((await admin('POST', '/clock', { advance: '650d', credential: '*' })).status).toBe(200);
    expect((await admin('GET', '/health')).status).toBe(200);
  });

  it('refuses arming past armedCapacity with a 409 problem, and arms again once one is disarmed', async () => {
    for (let i = 0; i < 3; i++) expect((await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: `k${i}` })).status).toBe(201);
    const refused = await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: '*' });
    expect(refused.status).toBe(409);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.json.detail).toMatch(/armedCapacity/);
    expect((await admin('GET', '/scenarios/armed')).json.armed).toHaveLength(3);
    const [first] = (await admin('GET', '/scenarios/armed')).json.armed;
    await admin('DELETE', `/scenarios/armed/${first.armId}`);
    expect((await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: '*' })).status).toBe(201);
  });

  it('still picks the newest armed scenario for a credential, then for everyone', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: '*' });
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/multiple-faces', credential: 'mine' });
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/face-too-small', credential: 'mine' });
    expect((await postFpt(sim.url, { video }, { 'api-key': 'mine' })).json.code).toBe('411');
    expect((await postFpt(sim.url, { video }, { 'api-key': 'other' })).json.code).toBe('410');
  });

  it('refuses a 15 kB scenario name in X-Sim-Scenario before searching for the closest names', async () => {
    const name = `fpt/${'x'.repeat(15_000)}`;
    const response = await postFpt(sim.url, { video }, { 'api-key': 'k', 'x-sim-scenario': name });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.json.detail).toMatch(/at most 128/);
    expect(response.json.closest).toBeUndefined();
    expect(response.text.length).toBeLessThan(1000);
  });

  it('refuses a scenario name over 128 characters when arming, naming the field', async () => {
    const refused = await admin('POST', '/scenarios/armed', { scenario: `fpt/${'x'.repeat(15_000)}` });
    expect(refused.status).toBe(400);
    expect(refused.json.field).toBe('scenario');
    expect(refused.json.detail).toMatch(/at most 128/);
  });
});

describe('limit settings', () => {
  it.each([
    [['armedCapacity=0'], /--set: armedCapacity: a whole number above 0/],
    [['credentialCapacity=lots'], /--set: credentialCapacity: a whole number above 0/],
    [['maxClockOffset=99999d'], /--set: maxClockOffset: milliseconds or a duration/],
    [['armCapacity=3'], /--set armCapacity=3: armCapacity is not a setting \(did you mean armedCapacity\?\)/],
  ])('refuses %j and starts nothing', async (set, message) => {
    await expect(startSimulator({ port: 0, set })).rejects.toThrow(message);
  });

  it('takes maxClockOffset as a duration', async () => {
    const sim = await startSimulator({ port: 0, set: ['maxClockOffset=2d'] });
    try {
      const move = (advance: string) =>
        fetch(`${sim.url}/__sim/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advance, credential: '*' }),
        });
      expect((await move('3d')).status).toBe(400);
      expect((await move('2d')).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
