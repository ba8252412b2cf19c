import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };

describe('admin API', () => {
  let sim: RunningSimulator;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), json: await response.json() };
  };
  const codeFor = async (key: string) => (await postFpt(sim.url, { video }, { 'api-key': key })).json.code;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it('GET /__sim/health answers 200 JSON with the vendors and scenario count', async () => {
    const { status, json } = await admin('GET', '/health');
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'ok', vendors: ['fpt', 'verihubs', 'advance'] });
    expect(json.scenarios).toBeGreaterThan(20);
  });

  it('GET /__sim/scenarios lists every scenario with its id, description and source, filterable by vendor', async () => {
    const { json } = await admin('GET', '/scenarios?vendor=fpt');
    const noFace = json.scenarios.find((s: { id: string }) => s.id === 'fpt/no-face');
    expect(noFace).toMatchObject({ vendor: 'fpt', outcomes: ['no-face'], source: expect.stringMatching(/scenarios\/fpt\/no-face\.yaml$/) });
    expect(json.scenarios.every((s: { vendor: string }) => s.vendor === 'fpt')).toBe(true);
  });

  it('arms a scenario for one API key only', async () => {
    const armed = await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: 'key-a' });
    expect(armed.status).toBe(201);
    expect(armed.json).toMatchObject({ scenarioId: 'fpt/no-face', credential: expect.stringMatching(/^fpt-key:[0-9a-f]{12}$/), remaining: null });
    expect(await codeFor('key-a')).toBe('410');
    expect(await codeFor('key-b')).toBe('200');
  });

  it('arms a scenario for everyone, for N requests', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/multiple-faces', times: 2, credential: '*' });
    expect([await codeFor('x'), await codeFor('y'), await codeFor('x')]).toEqual(['408', '408', '200']);
    expect((await admin('GET', '/scenarios/armed')).json.armed).toEqual([]);
  });

  it('walks a sequence per credential, so parallel suites do not share a position', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/retry-then-live', credential: '*' });
    expect([await codeFor('a'), await codeFor('a'), await codeFor('b'), await codeFor('a')]).toEqual(['410', '412', '410', '200']);
  });

  it("disarms one entry by armId, and all of a credential's", async () => {
    const first = (await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: 'k1' })).json;
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: 'k2' });
    expect((await admin('DELETE', `/scenarios/armed/${first.armId}`)).json).toEqual({ disarmed: 1 });
    expect(await codeFor('k1')).toBe('200');
    expect((await admin('DELETE', '/scenarios/armed?credential=k2')).json).toEqual({ disarmed: 1 });
    expect(await codeFor('k2')).toBe('200');
    expect((await admin('DELETE', '/scenarios/armed/999')).status).toBe(404);
  });

  it.each([
    ['an unknown scenario', { scenario: 'fpt/nope' }, 404, 'scenario'],
    ['no scenario field', { credential: 'x' }, 400, 'scenario'],
    ['a bad times', { scenario: 'fpt/no-face', times: 0, credential: '*' }, 400, 'times'],
    ['no credential (nobody said "*")', { scenario: 'fpt/no-face' }, 400, 'credential'],
    ['a null credential', { scenario: 'fpt/no-face', credential: null }, 400, 'credential'],
    ['an empty credential', { scenario: 'fpt/no-face', credential: '' }, 400, 'credential'],
    ['a body that is not JSON', '{not json', 400, 'body'],
  ])('refuses to arm with %s, naming the field, and changes nothing', async (_name, body, status, field) => {
    const answer = await admin('POST', '/scenarios/armed', body);
    expect(answer.status).toBe(status);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.json.detail).toContain(`"${field}"`);
    expect((await admin('GET', '/scenarios/armed')).json.armed).toEqual([]);
  });

  it('journals requests newest first with metadata and digests, never media bytes', async () => {
    await postFpt(sim.url, { video: { ...video, filename: 'first.mp4' } }, { 'api-key': 'j1' });
    await postFpt(
      sim.url,
      { video: { ...video, filename: 'second.mp4' }, cmnd: 'https://example.com/x.jpg' },
      { 'api-key': 'j2', 'x-sim-scenario': 'fpt/no-face' },
    );
    const { json } = await admin('GET', '/requests');
    expect(json.total).toBe(2);
    const [newest, oldest] = json.requests;
    // A text cmnd is malformed (409 Invalid upload image): it reaches no scenario.
    expect(newest).toMatchObject({
      vendor: 'fpt',
      route: 'liveness-v3',
      method: 'POST',
      path: '/dmp/liveness/v3',
      credential: expect.stringMatching(/^fpt-key:[0-9a-f]{12}$/),
      scenario: null,
      status: 200,
      code: '409',
    });
    expect(newest.request.files[0]).toEqual({
      field: 'video',
      filename: 'second.mp4',
      contentType: 'video/mp4',
      size: video.bytes.byteLength,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(newest.request.fields).toEqual([{ name: 'cmnd', value: 'https://example.com/x.jpg' }]);
    expect(oldest).toMatchObject({ scenario: null, code: '200' });
    expect(oldest.credential).not.toBe(newest.credential);
    expect(JSON.stringify(json).length).toBeLessThan(5000);
  });

  it('filters, counts and clears the journal', async () => {
    await postFpt(sim.url, { video }, { 'api-key': 'f1' });
    await postFpt(sim.url, { video }, { 'api-key': 'f2' });
    await postFpt(sim.url, { video }, { 'api-key': 'f2' });
    expect((await admin('GET', '/requests/count?credential=f2')).json).toEqual({ count: 2 });
    expect((await admin('GET', '/requests?credential=f1')).json.requests).toHaveLength(1);
    expect((await admin('GET', '/requests?vendor=fpt&limit=1')).json.requests).toHaveLength(1);
    expect((await admin('GET', '/requests?path=/vision/ekyc/liveness')).json.total).toBe(0);
    expect((await admin('DELETE', '/requests?credential=*')).json).toEqual({ cleared: 3 });
    expect((await admin('GET', '/requests/count')).json).toEqual({ count: 0 });
  });

  it('moves the clock forward, refuses bad durations, and reset brings it back', async () => {
    const before = (await admin('GET', '/clock')).json;
    const moved = await admin('POST', '/clock', { advance: '24h', credential: '*' });
    expect(moved.json.offsetMs).toBe(86_400_000);
    expect(moved.json.nowMs - before.nowMs).toBeGreaterThanOrEqual(86_400_000);
    expect((await admin('POST', '/clock', { advance: 1500, credential: '*' })).json.offsetMs).toBe(86_401_500);
    expect((await admin('POST', '/clock', { advance: '-1h', credential: '*' })).status).toBe(400);
    expect((await admin('POST', '/clock', { advance: 'soon', credential: '*' })).json.detail).toContain('"advance"');
    await admin('POST', '/reset', { credential: '*' });
    expect((await admin('GET', '/clock')).json.offsetMs).toBe(0);
  });

  it('reset forgets armed scenarios, sequences and the journal', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/retry-then-live', credential: '*' });
    await codeFor('r');
    await admin('POST', '/reset', { credential: '*' });
    expect((await admin('GET', '/scenarios/armed')).json.armed).toEqual([]);
    expect((await admin('GET', '/requests/count')).json.count).toBe(0);
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/retry-then-live', credential: '*' });
    expect(await codeFor('r')).toBe('410');
  });

  it('answers unknown admin routes and methods with problem+json', async () => {
    expect((await admin('GET', '/nope')).status).toBe(404);
    const wrong = await admin('PUT', '/health');
    expect(wrong.status).toBe(405);
    expect(wrong.type).toMatch(/^application\/problem\+json/);
  });

  it("answers an unknown vendor path with the simulator's 404 listing the routes", async () => {
    const response = await fetch(`${sim.url}/dmp/liveness/v4`, { method: 'POST' });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { routes: string[] };
    expect(body.routes).toContain('POST /dmp/liveness/v3 (fpt)');
  });
});

describe('admin token', () => {
  it('guards every admin route but health when a token is set', async () => {
    const sim = await startSimulator({ port: 0, adminToken: 's3cret' });
    try {
      expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
      expect((await fetch(`${sim.url}/__sim/scenarios`)).status).toBe(401);
      expect((await fetch(`${sim.url}/__sim/scenarios`, { headers: { 'x-sim-admin-token': 's3cret' } })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});

describe('refused calls use up nothing', () => {
  it('a call with a key the vendor refuses neither uses an armed request nor advances a sequence', async () => {
    const sim = await startSimulator({ port: 0, settings: { fpt: { apiKeys: ['good'] } } });
    try {
      const arm = (body: object) =>
        fetch(`${sim.url}/__sim/scenarios/armed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await arm({ scenario: 'fpt/no-face', times: 1, credential: '*' });
      expect((await postFpt(sim.url, { video }, { 'api-key': 'bad' })).status).toBe(401);
      expect((await postFpt(sim.url, { video }, { 'api-key': 'good' })).json.code).toBe('410');
      expect((await postFpt(sim.url, { video }, { 'api-key': 'good' })).json.code).toBe('200');
    } finally {
      await sim.close();
    }
  });
});
