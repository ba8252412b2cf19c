import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../simulator/engine/faults.js';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server.js';
import { rawRequest } from '../support/raw-socket.js';

/** Every fault acted out over a real socket on loopback, seen by a raw TCP client. */
const FPT = '/dmp/liveness/v3';
const fpt = (sim: RunningSimulator, headers: Record<string, string>, giveUpMs?: number) =>
  rawRequest(sim.url, { path: FPT, headers: { 'api-key': 'k', ...headers }, ...(giveUpMs && { giveUpMs }) });

/** A well-formed FPT upload (a non-empty `video` part): scenarios answer only well-formed requests. */
const UPLOAD = {
  'Content-Type': 'multipart/form-data; boundary=sim',
  body: '--sim\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\nContent-Type: video/mp4\r\n\r\nvideo bytes\r\n--sim--\r\n',
};
const fptUpload = (sim: RunningSimulator, headers: Record<string, string>, giveUpMs?: number) =>
  rawRequest(sim.url, {
    path: FPT,
    headers: { 'api-key': 'k', 'Content-Type': UPLOAD['Content-Type'], ...headers },
    body: UPLOAD.body,
    ...(giveUpMs && { giveUpMs }),
  });

const started: RunningSimulator[] = [];
async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ port: 0, ...options });
  started.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe('faults asked for with X-Sim-Fault, over a real socket', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('answers normally without a fault header: a whole body of the promised length', async () => {
    const seen = await fpt(sim, {});
    expect(seen.status).toBe(200);
    expect(seen.body.length).toBe(seen.contentLength);
  });

  it('empty: the connection closes without a single byte', async () => {
    const seen = await fpt(sim, { 'X-Sim-Fault': 'empty' });
    expect(seen.closed).toBe(true);
    expect(seen.bytes.length).toBe(0);
  });

  it('reset: the connection is reset (or closed) without a byte', async () => {
    const seen = await fpt(sim, { 'X-Sim-Fault': 'reset' });
    expect(seen.closed).toBe(true);
    expect(seen.bytes.length).toBe(0);
  });

  it('truncate: the head promises a Content-Length, half the body comes, then the close', async () => {
    const seen = await fpt(sim, { 'X-Sim-Fault': 'truncate' });
    expect(seen.closed).toBe(true);
    expect(seen.status).toBe(200);
    expect(seen.contentLength).toBeGreaterThan(10);
    expect(seen.body.length).toBe(Math.floor(seen.contentLength! / 2));
  });

  it('truncate: an HTTP client sees a premature close while reading the body', async () => {
    const response = await fetch(`${sim.url}${FPT}`, { method: 'POST', headers: { 'api-key': 'k', 'X-Sim-Fault': 'truncate' } });
    await expect(response.text()).rejects.toThrow();
  });

  it('malformed: broken chunk framing that an HTTP client refuses', async () => {
    await expect(
      fetch(`${sim.url}${FPT}`, { method: 'POST', headers: { 'api-key': 'k', 'X-Sim-Fault': 'malformed' } }).then((r) => r.text()),
    ).rejects.toThrow();
  });

  it('drip: the whole body arrives, in pieces spread over the duration', async () => {
    const seen = await fpt(sim, { 'X-Sim-Fault': 'drip; duration=1000' });
    expect(seen.body.length).toBe(seen.contentLength);
    expect(JSON.parse(seen.body.toString('utf8'))).toHaveProperty('code');
    expect(seen.pieces.length).toBeGreaterThanOrEqual(3);
    const first = seen.pieces[0]!.at;
    const last = seen.pieces.at(-1)!.at;
    expect(last - first).toBeGreaterThan(400);
  });

  it('none: no fault, even when the scenario has one', async () => {
    const seen = await fptUpload(sim, { 'X-Sim-Scenario': 'fpt/connection-reset', 'X-Sim-Fault': 'none' });
    expect(seen.status).toBe(200);
    expect(seen.body.length).toBe(seen.contentLength);
  });

  it("answers a header it cannot read with the simulator's own 400, naming the header", async () => {
    const seen = await fpt(sim, { 'X-Sim-Fault': 'explode' });
    expect(seen.status).toBe(400);
    expect(seen.bytes.toString()).toMatch(/application\/problem\+json/);
    expect(JSON.parse(seen.body.toString()).detail).toContain('X-Sim-Fault "explode": "explode" is not a fault');
    const latency = await fpt(sim, { 'X-Sim-Latency': '900-100' });
    expect(JSON.parse(latency.body.toString()).detail).toContain('X-Sim-Latency "900-100": min (900) must not be above max (100)');
  });

  it('answers after an X-Sim-Latency of any form', async () => {
    for (const value of ['30', '10-40', 'lognormal; median=20; sigma=0.5; cap=60', '30; p=50%']) {
      const seen = await fpt(sim, { 'X-Sim-Latency': value });
      expect(seen.status, value).toBe(200);
    }
  });
});

describe('the shipped fault scenarios', () => {
  it.each([
    ['fpt/empty-response', FPT, { 'api-key': 'k', 'Content-Type': UPLOAD['Content-Type'] }, UPLOAD.body],
    ['fpt/truncated-response', FPT, { 'api-key': 'k', 'Content-Type': UPLOAD['Content-Type'] }, UPLOAD.body],
    ['verihubs/truncated-response', '/v1/face/liveness', { 'App-ID': 'a', 'API-Key': 'b', 'content-type': 'application/json' }, '{"image":"LIVE_PERSON_A_1"}'],
    ['verihubs/empty-response', '/v1/face/liveness', { 'App-ID': 'a', 'API-Key': 'b', 'content-type': 'application/json' }, '{"image":"LIVE_PERSON_A_1"}'],
  ])('%s acts out its fault', async (scenario, path, headers, body) => {
    const sim = await start();
    const seen = await rawRequest(sim.url, { path, headers: { ...headers, 'X-Sim-Scenario': scenario }, body });
    expect(seen.closed).toBe(true);
    if (scenario.endsWith('empty-response')) expect(seen.bytes.length).toBe(0);
    else expect(seen.body.length).toBe(Math.floor(seen.contentLength! / 2));
  });
});

describe('probability: a seeded generator decides which requests get the fault', () => {
  it('with a fixed seed, exactly the requests the seeded generator picks are faulted', async () => {
    const sim = await start({ faults: { seed: 42 } });
    const rng = createRng(42);
    const expected = Array.from({ length: 40 }, () => rng() < 0.3);
    const seen: boolean[] = [];
    for (let i = 0; i < 40; i++) seen.push((await fpt(sim, { 'X-Sim-Fault': 'empty; p=0.3' })).bytes.length === 0);
    expect(seen).toEqual(expected);
    expect(seen.filter(Boolean).length).toBe(expected.filter(Boolean).length);
    expect(seen.filter(Boolean).length).toBeGreaterThan(0);
    expect(seen.filter(Boolean).length).toBeLessThan(40);
  });

  it('replays the same choices after POST /__sim/reset, and GET /__sim/faults tells the seed', async () => {
    const sim = await start({ faults: { seed: 7 } });
    const run = async () => {
      const out: boolean[] = [];
      for (let i = 0; i < 12; i++) out.push((await fpt(sim, { 'X-Sim-Fault': 'empty; p=0.5' })).bytes.length === 0);
      return out;
    };
    const first = await run();
    await fetch(`${sim.url}/__sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: '*' }) });
    expect(await run()).toEqual(first);
    expect(await (await fetch(`${sim.url}/__sim/faults`)).json()).toEqual({ seed: 7, armed: [] });
  });
});

describe('faults armed through POST /__sim/faults', () => {
  const arm = async (sim: RunningSimulator, body: unknown) =>
    fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('applies to one credential for N requests, then stops', async () => {
    const sim = await start();
    const armed = await arm(sim, { fault: 'empty', vendor: 'fpt', credential: 'k1', times: 2 });
    expect(armed.status).toBe(201);
    const entry = (await armed.json()) as Record<string, unknown>;
    expect(entry).toMatchObject({ faultId: '1', vendor: 'fpt', remaining: 2, fault: { fault: { type: 'empty' }, probability: 1 } });
    // The journal's rule: an FPT key is kept as its label, never as the key.
    expect(entry.credential).toMatch(/^fpt-key:/);
    expect((await fpt(sim, { 'api-key': 'k2' })).status).toBe(200);
    expect((await fpt(sim, { 'api-key': 'k1' })).bytes.length).toBe(0);
    expect((await fpt(sim, { 'api-key': 'k1' })).bytes.length).toBe(0);
    expect((await fpt(sim, { 'api-key': 'k1' })).status).toBe(200);
    expect(await (await fetch(`${sim.url}/__sim/faults`)).json()).toMatchObject({ armed: [] });
  });

  it('applies to one vendor only, and the header still wins over it', async () => {
    const sim = await start();
    await arm(sim, { fault: { type: 'reset' }, vendor: 'verihubs', credential: '*' });
    expect((await fpt(sim, {})).status).toBe(200);
    const verihubs = await rawRequest(sim.url, {
      path: '/v1/face/liveness',
      headers: { 'App-ID': 'a', 'API-Key': 'b', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(verihubs.bytes.length).toBe(0);
    const overridden = await rawRequest(sim.url, {
      path: '/v1/face/liveness',
      headers: { 'App-ID': 'a', 'API-Key': 'b', 'content-type': 'application/json', 'X-Sim-Fault': 'none' },
      body: '{}',
    });
    expect(overridden.status).toBe(400);
    expect(await fetch(`${sim.url}/__sim/faults?credential=*`, { method: 'DELETE' }).then((r) => r.json())).toEqual({ disarmed: 1 });
  });

  it.each([
    [{}, 'fault', 'give a fault, a latency or both'],
    [{ fault: 'explode' }, 'fault', 'one of reset, hang, malformed, empty, truncate, drip'],
    [{ fault: { type: 'reset', probability: 2 } }, 'fault', 'probability: a number from 0 to 1'],
    [{ latency: { min: 5 } }, 'latency', 'one of {ms}, {min, max} (uniform) or {median, sigma, cap}'],
    [{ fault: 'reset', vendor: 'acme' }, 'vendor', 'one of fpt, verihubs, advance'],
    [{ fault: 'reset', times: 0, credential: '*' }, 'times', 'a whole number of requests'],
    [{ fault: 'reset' }, 'credential', 'name whom it concerns'],
    [{ fault: 'reset', credential: null }, 'credential', 'or "*" for everyone'],
    [{ fault: 'reset', credential: 'k1' }, 'vendor', 'name the vendor whose credential this is'],
    [{ fault: 'reset', colour: 'red' }, 'colour', 'not a field here'],
  ])('refuses %j naming the field %s', async (body, field, message) => {
    const sim = await start();
    const response = await arm(sim, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await response.json()) as { field: string; detail: string };
    expect(problem.field).toBe(field);
    expect(problem.detail).toContain(message);
    expect(await (await fetch(`${sim.url}/__sim/faults`)).json()).toMatchObject({ armed: [] });
  });
});

describe('caps on what a fault may hold (README "Limits")', () => {
  it('closes a hung connection after the hang cap', async () => {
    const sim = await start({ faults: { maxHangMs: 300 } });
    const seen = await fpt(sim, { 'X-Sim-Fault': 'hang' }, 10_000);
    expect(seen.closed).toBe(true);
    expect(seen.bytes.length).toBe(0);
    expect(seen.closedAt).toBeGreaterThanOrEqual(250);
  });

  it('holds the shipped fpt/no-answer until the cap, not for ever', async () => {
    const sim = await start({ faults: { maxHangMs: 300 } });
    const seen = await fptUpload(sim, { 'X-Sim-Scenario': 'fpt/no-answer' }, 10_000);
    expect(seen.closed).toBe(true);
    expect(seen.bytes.length).toBe(0);
  });

  it('past the cap on hung connections, resets a new hang at once and keeps the held ones', async () => {
    const sim = await start({ faults: { maxHangMs: 20_000, maxHungSockets: 2 } });
    const held = [fpt(sim, { 'X-Sim-Fault': 'hang' }, 1_500), fpt(sim, { 'X-Sim-Fault': 'hang' }, 1_500)];
    await waitFor(async () => (await (await fetch(`${sim.url}/__sim/requests/count`)).json()).count === 2);
    await new Promise((r) => setTimeout(r, 100));
    const third = await fpt(sim, { 'X-Sim-Fault': 'hang' }, 1_000);
    expect(third.closed).toBe(true);
    expect(third.bytes.length).toBe(0);
    for (const seen of await Promise.all(held)) expect(seen.closed).toBe(false);
    // The held ones were given up by their clients: their places are free again.
    const fourth = await fpt(sim, { 'X-Sim-Fault': 'hang' }, 500);
    expect(fourth.closed).toBe(false);
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });

  it('caps a latency at the wait cap', async () => {
    const sim = await start({ faults: { maxWaitMs: 100 } });
    const seen = await fpt(sim, { 'X-Sim-Latency': '600000' }, 10_000);
    expect(seen.status).toBe(200);
  });

  it("caps a drip's duration at the wait cap, and the whole body still comes", async () => {
    const sim = await start({ faults: { maxWaitMs: 100 } });
    const seen = await fpt(sim, { 'X-Sim-Fault': 'drip; duration=600000' }, 10_000);
    expect(seen.body.length).toBe(seen.contentLength);
  });

  it('takes the caps and the seed from --set, and refuses bad ones by name, starting nothing', async () => {
    const sim = await start({ set: ['maxHang=300', 'maxHungConnections=5', 'maxWait=2s', 'seed=9'] });
    expect(await (await fetch(`${sim.url}/__sim/faults`)).json()).toEqual({ seed: 9, armed: [] });
    expect((await fpt(sim, { 'X-Sim-Fault': 'hang' }, 10_000)).closed).toBe(true);
    await expect(startSimulator({ port: 0, set: ['maxWait=soon'] })).rejects.toThrow(/--set: maxWait: milliseconds or a duration/);
    await expect(startSimulator({ port: 0, set: ['maxHungConnections=-1'] })).rejects.toThrow(/--set: maxHungConnections: a whole number, 0 or more/);
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition never held');
}
