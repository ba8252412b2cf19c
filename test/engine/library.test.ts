import { describe, expect, it } from 'vitest';
import { createEngine as createPureEngine } from '../../simulator/engine/engine.js';
import { allVendors, createEngine, createSimulator, SimulatorConfigError, type SimRequest } from '../../src/index.js';
import { fixture } from '../support/fixtures.js';

/** The library entry (README "Use it as a library"): every factory is safe to call with no arguments. */
const upload = (headers: Record<string, string> = {}): SimRequest => ({
  method: 'POST',
  path: '/dmp/liveness/v3',
  query: {},
  headers: { 'api-key': 'my-key', ...headers },
  body: {
    kind: 'multipart',
    fields: [],
    files: [{ field: 'video', filename: 'selfie.mp4', contentType: 'video/mp4', bytes: fixture('video-720p-25fps-5s.mp4') }],
  },
});
const json = (body: string | Uint8Array) => JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as Record<string, unknown>;

describe('library entry: createEngine and createSimulator with defaults', () => {
  it('createEngine() serves every vendor with the shipped scenarios', async () => {
    const engine = createEngine();
    expect([...engine.vendors.keys()]).toEqual(['fpt', 'verihubs', 'advance']);
    expect(engine.scenarios().has('fpt/no-face')).toBe(true);
    expect(json((await engine.handle(upload())).body).code).toBe('200');
    expect(json((await engine.handle(upload({ 'x-sim-scenario': 'fpt/no-face' }))).body).code).toBe('410');
  });

  it('createEngine({ scenarios: [] }) loads no scenario', () => {
    expect(createEngine({ scenarios: [] }).scenarios().size).toBe(0);
  });

  it('createEngine takes only the settings to change, merged over the defaults and checked', async () => {
    const engine = createEngine({ settings: { fpt: { apiKeys: ['my-key'] } } });
    expect((await engine.handle(upload())).status).toBe(200);
    expect((await engine.handle(upload({ 'api-key': 'other' }))).status).toBe(401);
    expect(() => createEngine({ settings: { fpt: { httpStatus: 'sometimes' } } })).toThrow(SimulatorConfigError);
  });

  it('createEngine({ vendors }) loads the shipped scenarios of those vendors only', () => {
    const engine = createEngine({ vendors: allVendors().filter((v) => v.id === 'fpt') });
    expect([...engine.vendors.keys()]).toEqual(['fpt']);
    expect([...engine.scenarios().values()].every((s) => s.vendor === 'fpt')).toBe(true);
  });

  it('createSimulator() answers vendor routes and the admin API in-process', async () => {
    const simulator = createSimulator();
    const health = await simulator.handle({ method: 'GET', path: '/__sim/health', query: {}, headers: {}, body: { kind: 'empty' } });
    expect(health.status).toBe(200);
    expect(json(health.body)).toMatchObject({ status: 'ok', vendors: ['fpt', 'verihubs', 'advance'] });
    expect(json((await simulator.handle(upload())).body).code).toBe('200');
  });

  it("the pure engine's createEngine() serves no vendor, and answers every path with its own 404 instead of throwing", async () => {
    const engine = createPureEngine();
    const response = await engine.handle(upload());
    expect(response.status).toBe(404);
    expect(response.headers['Content-Type'] ?? response.headers['content-type']).toMatch(/problem\+json/);
  });
});
