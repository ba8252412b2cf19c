import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { clientFor, DEMO, OTHER, PATHS, signatureOf } from '../advance/client.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

/**
 * Two teams share one simulator (README "Sharing one simulator between teams"): each names its own
 * credential, and one team's armed scenarios, sequence positions, state, faults, journal view and
 * reset never reach or show the other's. "*" is everyone, and a change that names nobody is refused.
 */
const video = { bytes: fixture('video-720p-25fps-5s.mp4') };

let sim: RunningSimulator;
const advance = clientFor(() => sim);

interface Answer {
  status: number;
  json: Record<string, any>;
  text: string;
}

async function admin(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${sim.url}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as Record<string, any>, text };
}

/** One team of one vendor: the credential it names to the admin API, and one call as its client makes it. */
interface Team {
  credential: string;
  /** What the vendor answered, as a short code; `network-error` when the connection gave no answer. */
  send(): Promise<string>;
}

interface VendorCase {
  vendor: 'fpt' | 'verihubs' | 'advance';
  teams: [Team, Team];
  realistic: string;
  armed: { scenario: string; code: string };
  sequence: { scenario: string; codes: [string, string] };
}

const fptTeam = (key: string): Team => ({
  credential: key,
  send: async () => (await postFpt(sim.url, { video }, { 'api-key': key })).json.code as string,
});

const verihubsTeam = (appId: string): Team => ({
  credential: appId,
  async send() {
    const response = await fetch(`${sim.url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'App-ID': appId, 'API-Key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
    });
    const json = (await response.json()) as { error_code?: string };
    return json.error_code === undefined ? String(response.status) : `${response.status} ${json.error_code}`;
  },
});

/** ADVANCE.AI's token request: signed with the account's secret, the first call of every flow. */
const advanceTeam = (account: { accessKey: string; secretKey: string }): Team => ({
  credential: account.accessKey,
  async send() {
    const timestamp = String(sim.engine.clock.now());
    const body = { accessKey: account.accessKey, timestamp, signature: signatureOf(account.accessKey, account.secretKey, timestamp) };
    return (await advance.call('POST', PATHS.token, { body })).json.code as string;
  },
});

const CASES: VendorCase[] = [
  {
    vendor: 'fpt',
    // Team A's key has a configured name (its label), team B's is known by its hashed label.
    teams: [fptTeam('fpt-secret-a'), fptTeam('fpt-secret-b')],
    realistic: '200',
    armed: { scenario: 'fpt/no-face', code: '410' },
    sequence: { scenario: 'fpt/retry-then-live', codes: ['410', '412'] },
  },
  {
    vendor: 'verihubs',
    teams: [verihubsTeam('team-a-app'), verihubsTeam('team-b-app')],
    realistic: '200',
    armed: { scenario: 'verihubs/face-not-detected', code: '400 FACE_NOT_DETECTED' },
    sequence: { scenario: 'verihubs/retry-then-success', codes: ['500 INTERNAL_SERVER_ERROR', '200'] },
  },
  {
    vendor: 'advance',
    teams: [advanceTeam(DEMO), advanceTeam(OTHER)],
    realistic: 'SUCCESS',
    armed: { scenario: 'advance/insufficient-balance', code: 'INSUFFICIENT_BALANCE' },
    sequence: { scenario: 'advance/busy-then-success', codes: ['SERVICE_BUSY', 'SUCCESS'] },
  },
];

const outcome = (team: Team) => team.send().catch(() => 'network-error');

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    settings: { fpt: { apiKeys: [{ name: 'team-a', key: 'fpt-secret-a' }, 'fpt-secret-b'] }, advance: { accounts: [DEMO, OTHER] } },
  });
});
afterAll(() => sim.close());
beforeEach(async () => {
  await admin('POST', '/reset', { credential: '*' });
});

describe.each(CASES)('two $vendor credentials on one simulator', ({ vendor, teams: [a, b], realistic, armed, sequence }) => {
  it('a scenario armed for one credential answers that credential only, and only its view lists it', async () => {
    expect((await admin('POST', '/scenarios/armed', { scenario: armed.scenario, credential: a.credential })).status).toBe(201);
    expect(await Promise.all([outcome(a), outcome(b)])).toEqual([armed.code, realistic]);
    expect((await admin('GET', `/scenarios/armed?credential=${a.credential}`)).json.armed).toHaveLength(1);
    expect((await admin('GET', `/scenarios/armed?credential=${b.credential}`)).json.armed).toEqual([]);
    // Team B disarming its own (nothing) and resetting itself leave team A's arming.
    expect((await admin('DELETE', `/scenarios/armed?credential=${b.credential}`)).json).toEqual({ disarmed: 0 });
    await admin('POST', '/reset', { credential: b.credential });
    expect(await outcome(a)).toBe(armed.code);
  });

  it('keeps a sequence position per credential, and a reset of one starts only its own over', async () => {
    await admin('POST', '/scenarios/armed', { scenario: sequence.scenario, credential: '*' });
    expect(await outcome(a)).toBe(sequence.codes[0]);
    expect(await outcome(a)).toBe(sequence.codes[1]);
    expect(await outcome(b)).toBe(sequence.codes[0]);
    expect((await admin('POST', '/reset', { credential: a.credential, vendor })).json).toEqual({ reset: true, vendors: [vendor] });
    expect(await outcome(a)).toBe(sequence.codes[0]);
    expect(await outcome(b)).toBe(sequence.codes[1]);
  });

  it('a fault armed for one credential reaches it only; the other neither lists nor disarms it', async () => {
    const armedFault = await admin('POST', '/faults', { fault: 'empty', vendor, credential: a.credential });
    expect(armedFault.status).toBe(201);
    expect(await Promise.all([outcome(a), outcome(b)])).toEqual(['network-error', realistic]);
    expect((await admin('GET', `/faults?credential=${b.credential}`)).json.armed).toEqual([]);
    expect((await admin('GET', `/faults?credential=${a.credential}`)).json.armed).toEqual([expect.objectContaining({ faultId: armedFault.json.faultId })]);
    expect((await admin('DELETE', `/faults?credential=${b.credential}`)).json).toEqual({ disarmed: 0 });
    await admin('POST', '/reset', { credential: b.credential });
    expect(await outcome(a)).toBe('network-error');
    expect((await admin('POST', '/reset', { credential: a.credential })).status).toBe(200);
    expect(await outcome(a)).toBe(realistic);
  });

  it("shows each credential its own journal, and clearing one's leaves the other's", async () => {
    await Promise.all([outcome(a), outcome(a), outcome(b)]);
    const countOf = async (team: Team) => (await admin('GET', `/requests/count?credential=${team.credential}&vendor=${vendor}`)).json.count as number;
    const journal = async (team: Team) =>
      (await admin('GET', `/requests?credential=${team.credential}&vendor=${vendor}`)).json.requests as { credential: string }[];
    const before = { a: await countOf(a), b: await countOf(b) };
    expect(before.a - before.b).toBe(1);
    expect(new Set((await journal(a)).map((e) => e.credential)).size).toBe(1);
    expect((await journal(a))[0]!.credential).not.toBe((await journal(b))[0]!.credential);
    expect((await admin('DELETE', `/requests?credential=${b.credential}`)).json).toEqual({ cleared: before.b });
    expect([await countOf(a), await countOf(b)]).toEqual([before.a, 0]);
  });

  it('"*" arming reaches both credentials, shows in both views, and outlives a reset of one', async () => {
    const everyone = await admin('POST', '/scenarios/armed', { scenario: armed.scenario, credential: '*' });
    expect(everyone.json.credential).toBeNull();
    expect(await Promise.all([outcome(a), outcome(b)])).toEqual([armed.code, armed.code]);
    for (const team of [a, b]) expect((await admin('GET', `/scenarios/armed?credential=${team.credential}`)).json.armed).toEqual([everyone.json]);
    await admin('POST', '/reset', { credential: a.credential });
    expect(await outcome(a)).toBe(armed.code);
    expect((await admin('DELETE', '/scenarios/armed?credential=*')).json).toEqual({ disarmed: 1 });
  });

  it("two teams' scripts running at once each see only their own answers", async () => {
    const script = async (team: Team, scenario: string, code: string) => {
      await admin('POST', '/scenarios/armed', { scenario, credential: team.credential, times: 2 });
      const seen = [await outcome(team), await outcome(team), await outcome(team)];
      const journaled = (await admin('GET', `/requests?credential=${team.credential}&vendor=${vendor}&limit=3`)).json.requests as { scenario: string | null }[];
      await admin('POST', '/reset', { credential: team.credential });
      return { seen, scenarios: journaled.map((e) => e.scenario), code };
    };
    for (let round = 0; round < 3; round++) {
      const [ofA, ofB] = await Promise.all([script(a, armed.scenario, armed.code), script(b, sequence.scenario, sequence.codes[0])]);
      expect(ofA.seen).toEqual([armed.code, armed.code, realistic]);
      expect(ofA.scenarios).toEqual([null, armed.scenario, armed.scenario]);
      // Team B's sequence starts over each round: its own reset, never team A's, moves it.
      expect(ofB.seen.slice(0, 2)).toEqual(sequence.codes);
      expect(ofB.scenarios).toEqual([null, sequence.scenario, sequence.scenario]);
    }
  });
});

describe('state is per credential', () => {
  it("a reset of one ADVANCE.AI account forgets its tokens and captures; the other's keep working", async () => {
    const tokenA = await advance.tokenOf(DEMO);
    const tokenB = await advance.tokenOf(OTHER);
    for (const accessKey of [DEMO.accessKey, OTHER.accessKey]) expect((await advance.call('POST', PATHS.captures, { body: { accessKey } })).status).toBe(201);
    await admin('POST', '/reset', { credential: DEMO.accessKey });
    expect((await advance.call('GET', PATHS.signatureId, { token: tokenA })).json.code).toBe('IAM_FAILED');
    expect((await advance.call('GET', PATHS.signatureId, { token: tokenB })).json.code).toBe('SUCCESS');
    expect((await advance.call('GET', PATHS.captures, { query: { accessKey: DEMO.accessKey } })).json.captures).toEqual([]);
    expect((await advance.call('GET', PATHS.captures, { query: { accessKey: OTHER.accessKey } })).json.captures).toHaveLength(1);
  });

  it("a reset of one FPT key given by its label forgets that key's arming and journal only", async () => {
    const [a, b] = CASES[0]!.teams;
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: a.credential });
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: b.credential });
    await Promise.all([outcome(a), outcome(b)]);
    const [armedA] = (await admin('GET', `/scenarios/armed?credential=${a.credential}`)).json.armed as { credential: string }[];
    expect(armedA!.credential).toBe('team-a');
    await admin('POST', '/reset', { credential: 'team-a' });
    expect((await admin('GET', '/scenarios/armed')).json.armed).toEqual([expect.objectContaining({ credential: expect.stringMatching(/^fpt-key:/) })]);
    expect((await admin('GET', '/requests?credential=team-a')).json.total).toBe(0);
    expect((await admin('GET', `/requests?credential=${b.credential}`)).json.total).toBe(1);
  });

  it('a reset of one FPT key restarts its throttle window only', async () => {
    const throttled = await startSimulator({ port: 0, settings: { fpt: { throttle: { requests: 1, window: '1h', outcome: 'no-face' } } } });
    try {
      const code = async (key: string) => (await postFpt(throttled.url, { video }, { 'api-key': key })).json.code as string;
      expect([await code('key-a'), await code('key-a'), await code('key-b')]).toEqual(['200', '410', '200']);
      const reset = await fetch(`${throttled.url}/__sim/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"credential":"key-a"}',
      });
      expect(reset.status).toBe(200);
      expect([await code('key-a'), await code('key-b')]).toEqual(['200', '410']);
    } finally {
      await throttled.close();
    }
  });

  it("Verihubs' testing quota is per App-ID, and a reset of one App-ID refills only its own", async () => {
    const quotaSim = await startSimulator({ port: 0, settings: { verihubs: { testingMode: true, testingQuota: 1 } } });
    try {
      const send = async (appId: string) =>
        (
          await fetch(`${quotaSim.url}/v1/face/liveness`, {
            method: 'POST',
            headers: { 'App-ID': appId, 'API-Key': 'k', 'content-type': 'application/json' },
            body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
          })
        ).status;
      expect([await send('app-a'), await send('app-a'), await send('app-b'), await send('app-b')]).toEqual([200, 403, 200, 403]);
      const reset = await fetch(`${quotaSim.url}/__sim/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"credential":"app-a"}',
      });
      expect(reset.status).toBe(200);
      expect([await send('app-a'), await send('app-b')]).toEqual([200, 403]);
    } finally {
      await quotaSim.close();
    }
  });
});

describe('a change that names no scope', () => {
  const state = async () =>
    JSON.stringify([
      (await admin('GET', '/scenarios/armed')).json,
      (await admin('GET', '/faults')).json,
      (await admin('GET', '/requests/count')).json,
      (await admin('GET', '/clock')).json.offsetMs,
    ]);

  it.each([
    ['POST', '/scenarios/armed', { scenario: 'fpt/no-face' }, '"credential" in the JSON body'],
    ['POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: null }, '"credential" in the JSON body'],
    ['POST', '/faults', { fault: 'reset' }, '"credential" in the JSON body'],
    ['DELETE', '/scenarios/armed', undefined, '?credential= in the query'],
    ['DELETE', '/faults', undefined, '?credential= in the query'],
    ['DELETE', '/requests', undefined, '?credential= in the query'],
    ['POST', '/reset', {}, '"credential" in the JSON body'],
    ['POST', '/reset', undefined, '"credential" in the JSON body'],
    ['POST', '/clock', { advance: '1h' }, '"credential" in the JSON body'],
  ])('%s %s %j is refused with how to name one, and changes nothing', async (method, path, body, how) => {
    const [a, b] = CASES[0]!.teams;
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: a.credential });
    await admin('POST', '/faults', { latency: 1, vendor: 'fpt', credential: b.credential });
    await admin('POST', '/clock', { advance: '1m', credential: '*' });
    await outcome(b);
    const before = await state();
    const refused = await admin(method, path, body);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ type: 'urn:liveness-sim:problem:scope-required', field: 'credential' });
    expect(refused.json.detail).toContain(how);
    expect(refused.json.detail).toContain('"*" for everyone');
    expect(await state()).toBe(before);
  });

  it('moves the shared clock only for "*", never for one credential', async () => {
    const refused = await admin('POST', '/clock', { advance: '1h', credential: DEMO.accessKey });
    expect(refused.status).toBe(400);
    expect(refused.json.detail).toContain('the clock is shared by every credential');
    expect((await admin('GET', '/clock')).json.offsetMs).toBe(0);
    expect((await admin('POST', '/clock', { advance: '1h', credential: '*' })).json.offsetMs).toBe(3_600_000);
    // A reset of one credential leaves the shared clock where it is; "*" brings it back.
    await admin('POST', '/reset', { credential: DEMO.accessKey });
    expect((await admin('GET', '/clock')).json.offsetMs).toBe(3_600_000);
    await admin('POST', '/reset', { credential: '*' });
    expect((await admin('GET', '/clock')).json.offsetMs).toBe(0);
  });

  it('refuses "*" narrowed to a vendor, and an unknown vendor, naming the field', async () => {
    expect((await admin('POST', '/reset', { credential: '*', vendor: 'fpt' })).json.field).toBe('vendor');
    expect((await admin('POST', '/reset', { credential: 'x', vendor: 'acme' })).json.field).toBe('vendor');
    expect((await admin('GET', '/faults?credential=x&vendor=acme')).status).toBe(400);
  });
});
