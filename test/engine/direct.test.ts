import { describe, expect, it } from 'vitest';
import { createEngine } from '../../simulator/engine/engine.js';
import type { SimRequest } from '../../simulator/engine/types.js';
import { parseScenarioObject } from '../../simulator/scenarios/parse.js';
import { fpt } from '../../simulator/vendors/fpt/index.js';
import { fixture } from '../support/fixtures.js';

/** The engine with no HTTP at all: what the msw transport and direct tests build on. */
const vendors = new Map([[fpt.id, fpt]]);
const scenario = (data: object) => {
  const parsed = parseScenarioObject({ version: 1, description: 'inline', ...data }, '<inline>', vendors);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.scenario;
};
const upload = (headers: Record<string, string> = { 'api-key': 'k' }): SimRequest => ({
  method: 'POST',
  path: '/dmp/liveness/v3',
  query: {},
  headers,
  body: { kind: 'multipart', fields: [], files: [{ field: 'video', filename: 'v.mp4', contentType: 'video/mp4', bytes: fixture('video-720p-25fps-5s.mp4') }] },
});
const bodyOf = (text: string | Uint8Array) => JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));

describe('the engine, called directly with a transport-neutral request', () => {
  it('answers a realistic FPT request', async () => {
    const engine = createEngine({ vendors: [fpt] });
    const response = await engine.handle(upload());
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('application/json');
    expect(bodyOf(response.body).code).toBe('200');
  });

  it("strips X-Sim-Scenario before the vendor sees it, and applies the scenario's overrides, latency and fault", async () => {
    const engine = createEngine({
      vendors: [fpt],
      scenarios: [scenario({ id: 'fpt/custom', outcome: 'live', set: { 'liveness.spoof_prob': '0.0001' }, latency: 25, fault: 'reset' })],
    });
    const response = await engine.handle(upload({ 'api-key': 'k', 'x-sim-scenario': 'fpt/custom' }));
    expect(bodyOf(response.body).liveness.spoof_prob).toBe('0.0001');
    expect(response.latencyMs).toBe(25);
    expect(response.fault).toEqual({ type: 'reset' });
  });

  it('takes X-Sim-Fault and X-Sim-Latency off the request before the vendor sees it, and attaches them as data', async () => {
    let seen: Record<string, string> | undefined;
    const spy = { ...fpt, handle: (call: Parameters<typeof fpt.handle>[0]) => ((seen = call.req.headers), fpt.handle(call)) };
    const engine = createEngine({ vendors: [spy] });
    const response = await engine.handle(upload({ 'api-key': 'k', 'x-sim-fault': 'drip; duration=700', 'x-sim-latency': '40' }));
    expect(seen).toEqual({ 'api-key': 'k' });
    expect(response.fault).toEqual({ type: 'drip', durationMs: 700 });
    expect(response.latencyMs).toBe(40);
    expect(bodyOf(response.body).code).toBe('200');
  });

  it('takes its settings per vendor, merged by the caller', async () => {
    const engine = createEngine({ vendors: [fpt], settings: { fpt: { ...fpt.settings.defaults, apiKeys: ['only'] } } });
    expect((await engine.handle(upload({ 'api-key': 'other' }))).status).toBe(401);
    expect((await engine.handle(upload({ 'api-key': 'only' }))).status).toBe(200);
  });

  it('keeps arming, journal and state per engine: two engines share nothing', async () => {
    const one = createEngine({ vendors: [fpt], scenarios: [scenario({ id: 'fpt/nf', outcome: 'no-face' })] });
    const two = createEngine({ vendors: [fpt], scenarios: [scenario({ id: 'fpt/nf', outcome: 'no-face' })] });
    one.arm('fpt/nf');
    expect(bodyOf((await one.handle(upload())).body).code).toBe('410');
    expect(bodyOf((await two.handle(upload())).body).code).toBe('200');
    expect(one.journal.count()).toBe(1);
    expect(two.journal.count()).toBe(1);
  });

  it('keeps the journal bounded: the oldest entries fall off', async () => {
    const engine = createEngine({ vendors: [fpt], journalCapacity: 3 });
    for (let i = 0; i < 5; i++) await engine.handle(upload({ 'api-key': `k${i}` }));
    expect(engine.journal.query().map((e) => e.credential)).toEqual(['k4', 'k3', 'k2'].map((key) => engine.credentialLabel('fpt', key)));
  });
});
