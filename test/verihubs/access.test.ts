import { afterEach, describe, expect, it } from 'vitest';
import { AUTH, errorText, startVerihubs, type Sim } from './harness.js';

const UNAUTHORIZED = errorText('Unauthorized', 'UNAUTHORIZED');
const QUOTA = errorText('usage reach it quota limit for liveness', 'INSUFFICIENT_QUOTA_LIVENESS');
const body = { image: 'LIVE_PERSON_A_1' };

let sim: Sim;
afterEach(() => sim.close());

describe('App-ID and API-Key', () => {
  it.each([
    ['no headers', {}],
    ['no API-Key', { 'App-ID': 'app-1' }],
    ['no App-ID', { 'API-Key': 'key-1' }],
    ['an empty API-Key', { 'App-ID': 'app-1', 'API-Key': '' }],
    ['a blank App-ID', { 'App-ID': '  ', 'API-Key': 'key-1' }],
  ])('answers 401 UNAUTHORIZED for %s', async (_name, headers) => {
    sim = await startVerihubs();
    const res = await sim.post(body, { headers });
    expect(res.status).toBe(401);
    expect(res.text).toBe(UNAUTHORIZED);
  });

  it('accepts any non-empty pair when no credentials are configured', async () => {
    sim = await startVerihubs();
    expect((await sim.post(body, { headers: { 'App-ID': 'whatever', 'API-Key': 'anything' } })).status).toBe(200);
  });

  it('accepts only the configured pairs when credentials are set', async () => {
    sim = await startVerihubs({
      credentials: [
        { appId: 'app-1', apiKey: 'key-1' },
        { appId: 'app-2', apiKey: 'key-2' },
      ],
    });
    expect((await sim.post(body, { headers: { 'App-ID': 'app-2', 'API-Key': 'key-2' } })).status).toBe(200);
    expect((await sim.post(body, { headers: { 'APP-ID': 'app-1', 'api-key': 'key-1' } })).status).toBe(200);
    const crossed = await sim.post(body, { headers: { 'App-ID': 'app-1', 'API-Key': 'key-2' } });
    expect(crossed.status).toBe(401);
    expect(crossed.text).toBe(UNAUTHORIZED);
  });

  it('checks credentials before the payload', async () => {
    sim = await startVerihubs({ credentials: [{ appId: 'app-1', apiKey: 'key-1' }] });
    const res = await sim.post({}, { headers: { 'App-ID': 'app-1', 'API-Key': 'wrong' } });
    expect(res.text).toBe(UNAUTHORIZED);
  });

  it('answers a scenario only to an authorized caller', async () => {
    sim = await startVerihubs();
    const res = await sim.post(body, { headers: { 'X-Sim-Scenario': 'verihubs/internal-server-error' } });
    expect(res.status).toBe(401);
  });
});

describe('testing mode quota', () => {
  it('never runs out outside testing mode', async () => {
    sim = await startVerihubs({ testingQuota: 1 });
    for (let i = 0; i < 3; i++) expect((await sim.post(body)).status).toBe(200);
  });

  it('answers 403 INSUFFICIENT_QUOTA_LIVENESS once the quota of 200 answers is used', async () => {
    sim = await startVerihubs({ testingMode: true, testingQuota: 2 });
    expect((await sim.post(body)).status).toBe(200);
    expect((await sim.post({ image: 'LIVE_PERSON_M_A_1', validate_attribute: true })).json.error_code).toBe('FAIL_ON_2');
    const res = await sim.post(body);
    expect(res.status).toBe(403);
    expect(res.text).toBe(QUOTA);
  });

  it('does not count error answers against the quota', async () => {
    sim = await startVerihubs({ testingMode: true, testingQuota: 1 });
    expect((await sim.post({ image: 'NO_FACE_PHOTO' })).status).toBe(400);
    expect((await sim.post({})).status).toBe(400);
    expect((await sim.post(body)).status).toBe(200);
    expect((await sim.post(body)).status).toBe(403);
  });

  it('keeps one counter per App-ID', async () => {
    sim = await startVerihubs({ testingMode: true, testingQuota: 1 });
    expect((await sim.post(body)).status).toBe(200);
    expect((await sim.post(body)).status).toBe(403);
    expect((await sim.post(body, { headers: { 'App-ID': 'app-other', 'API-Key': 'k' } })).status).toBe(200);
  });

  it('refills when the simulator is reset', async () => {
    sim = await startVerihubs({ testingMode: true, testingQuota: 1 });
    await sim.post(body);
    expect((await sim.post(body)).status).toBe(403);
    sim.engine.reset();
    expect((await sim.post(body)).status).toBe(200);
  });

  it('refuses every call with a quota of 0, before reading the payload', async () => {
    sim = await startVerihubs({ testingMode: true, testingQuota: 0 });
    expect((await sim.post({})).text).toBe(QUOTA);
  });

  it('journals the App-ID as the credential, and the error code answered', async () => {
    sim = await startVerihubs();
    await sim.post({}, { headers: AUTH });
    const [entry] = sim.engine.journal.query({});
    expect(entry).toMatchObject({ vendor: 'verihubs', route: 'face-liveness', credential: AUTH['App-ID'], status: 400, code: 'INVALID PAYLOAD' });
  });
});
