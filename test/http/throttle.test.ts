import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/server.js';
import { clientFor, DEMO, OTHER, PATHS } from '../advance/client.js';

/** Vendor-shaped throttling per credential (README "Throttling"), over a real server. */
const started: RunningSimulator[] = [];
async function start(options: SimulatorOptions): Promise<RunningSimulator> {
  const sim = await startSimulator({ port: 0, ...options });
  started.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const fpt = async (sim: RunningSimulator, key: string) => {
  const response = await fetch(`${sim.url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': key } });
  return (await response.json()) as { code: string; message: string };
};

describe('ADVANCE.AI: requests per window per account answer its rate-limit code', () => {
  const advance = (throttle: Record<string, unknown>) => start({ settings: { advance: { accounts: [DEMO, OTHER], throttle } } });

  it('answers SERVICE_BUSY with Retry-After: 10s past the limit, for that account only, and journals it', async () => {
    const sim = await advance({ requests: 3, window: '1m' });
    const api = clientFor(sim);
    const demo = await api.tokenOf(DEMO);
    const other = await api.tokenOf(OTHER);
    expect((await api.call('GET', PATHS.signatureId, { token: demo })).json.code).toBe('SUCCESS');
    expect((await api.call('GET', PATHS.signatureId, { token: demo })).json.code).toBe('SUCCESS');
    const busy = await api.call('GET', PATHS.signatureId, { token: demo });
    expect(busy.status).toBe(200);
    expect(busy.headers.get('retry-after')).toBe('10s');
    expect(busy.json).toMatchObject({ code: 'SERVICE_BUSY', data: null, pricingStrategy: 'FREE' });
    // The other account has its own window.
    expect((await api.call('GET', PATHS.signatureId, { token: other })).json.code).toBe('SUCCESS');
    const journal = (await (await fetch(`${sim.url}/__sim/requests?credential=${DEMO.accessKey}&limit=1`)).json()) as { requests: Record<string, unknown>[] };
    expect(journal.requests[0]).toMatchObject({ throttled: true, code: 'SERVICE_BUSY', scenario: null });
    // The window ends on the simulator's clock.
    await api.advanceClock('61s');
    const fresh = await api.tokenOf(DEMO);
    expect((await api.call('GET', PATHS.signatureId, { token: fresh })).json.code).toBe('SUCCESS');
  });

  it('answers OVER_QUERY_LIMIT when that is the outcome named', async () => {
    const sim = await advance({ requests: 1, window: '1h', outcome: 'over-query-limit' });
    const api = clientFor(sim);
    const token = await api.tokenOf(DEMO);
    expect((await api.call('GET', PATHS.signatureId, { token })).json).toMatchObject({ code: 'OVER_QUERY_LIMIT', message: 'Query limit exceeded' });
  });

  it('uses up no armed scenario while throttling', async () => {
    const sim = await advance({ requests: 1, window: '1h' });
    const api = clientFor(sim);
    const token = await api.tokenOf(DEMO);
    await api.call('POST', '/__sim/scenarios/armed', { body: { scenario: 'advance/result-not-found', times: 1, credential: '*' } });
    expect((await api.call('GET', PATHS.signatureId, { token })).json.code).toBe('SERVICE_BUSY');
    expect((await (await fetch(`${sim.url}/__sim/scenarios/armed`)).json()).armed).toHaveLength(1);
  });
});

describe('FPT.AI and Verihubs: throttled with one of their own outcomes, named in the setting', () => {
  it('counts each FPT key apart: the second call of k1 gets the named outcome, k2 is unaffected', async () => {
    const sim = await start({ set: ['fpt.throttle.requests=1', 'fpt.throttle.window=1h', 'fpt.throttle.outcome=face-quality'] });
    expect((await fpt(sim, 'k1')).code).not.toBe('406');
    expect(await fpt(sim, 'k1')).toMatchObject({ code: '406' });
    expect((await fpt(sim, 'k2')).code).not.toBe('406');
    expect(await fpt(sim, 'k2')).toMatchObject({ code: '406' });
  });

  it('answers Verihubs 500 INTERNAL_SERVER_ERROR when that is the outcome named', async () => {
    const sim = await start({ settings: { verihubs: { throttle: { requests: 0, window: 1000, outcome: 'internal-server-error' } } } });
    const response = await fetch(`${sim.url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'App-ID': 'a', 'API-Key': 'b', 'content-type': 'application/json' },
      body: '{"image":"NO_FACE_PHOTO"}',
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error_code: 'INTERNAL_SERVER_ERROR' });
  });

  it.each([
    [['fpt.throttle.requests=5'], /vendors\.fpt\.throttle\.outcome: FPT\.AI .* documents no rate-limit answer; name the outcome/],
    [['verihubs.throttle.requests=5', 'verihubs.throttle.outcome=busy'], /vendors\.verihubs\.throttle\.outcome: "busy" is not a verihubs outcome/],
    [['advance.throttle.requests=-1'], /vendors\.advance\.throttle\.requests: how many calls per window/],
    [['advance.throttle.requests=5', 'advance.throttle.window=soon'], /vendors\.advance\.throttle\.window: milliseconds or a duration/],
    [['advance.throttle.rate=5'], /vendors\.advance\.throttle\.rate: not a setting/],
  ])('refuses %j by name and starts nothing', async (set, message) => {
    await expect(startSimulator({ port: 0, set })).rejects.toThrow(message);
  });
});
