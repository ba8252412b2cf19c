import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ERROR_CODES } from '../../simulator/vendors/verihubs/codes.js';
import { OUTCOMES } from '../../simulator/vendors/verihubs/outcomes.js';
import { verihubs } from '../../simulator/vendors/verihubs/index.js';
import { parseScenarioObject } from '../../simulator/scenarios/parse.js';
import { AUTH, NOW, startVerihubs, UUID, type Sim } from './harness.js';

const DIR = new URL('../../scenarios/verihubs/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
const scenarioFiles = files.map((f) => ({
  file: f,
  ...(parseYaml(readFileSync(new URL(f, DIR), 'utf8')) as { id: string; outcome?: string; fault?: unknown; sequence?: { outcome: string }[] }),
}));

let sim: Sim;
beforeAll(async () => {
  sim = await startVerihubs();
});
afterAll(() => sim.close());

const viaScenario = (id: string, body: unknown = { image: 'LIVE_PERSON_A_1' }) => sim.post(body, { headers: { ...AUTH, 'X-Sim-Scenario': id } });

describe('the verihubs scenario catalogue', () => {
  it('has a scenario for every outcome, each named after its file', () => {
    const used = new Set(scenarioFiles.flatMap((s) => [s.outcome, ...(s.sequence ?? []).map((step) => step.outcome)]));
    expect(Object.keys(OUTCOMES).filter((o) => !used.has(o))).toEqual([]);
    for (const s of scenarioFiles) expect(s.id).toBe(`verihubs/${s.file.replace(/\.yaml$/, '')}`);
  });

  it('names outcomes in kebab case: one per error code, seven FAIL_ON sets, success and not-live', () => {
    expect(Object.keys(OUTCOMES).sort()).toEqual(
      [
        'success',
        'not-live',
        'fail-on-attribute',
        'fail-on-quality',
        'fail-on-attribute-quality',
        'fail-on-nface',
        'fail-on-attribute-nface',
        'fail-on-quality-nface',
        'fail-on-attribute-quality-nface',
        'invalid-payload',
        'invalid-payload-image-missing',
        'invalid-payload-image-size',
        'missing-payload-image',
        'invalid-payload-image-timeout',
        'invalid-payload-image-format',
        'face-not-detected',
        'invalid-payload-quality-validation-dependency',
        'invalid-payload-attribute-validation-dependency',
        'insufficient-quota-liveness',
        'internal-server-error',
        'unauthorized',
      ].sort(),
    );
  });

  // A network fault answers no body (the fault tests in test/http/faults.test.ts act them out).
  const single = scenarioFiles.filter((s) => s.outcome !== undefined && s.fault === undefined && !s.file.startsWith('slow-'));
  it.each(single.map((s) => [s.id, s.outcome!]))('answers %s with the %s body, exactly', async (id, outcome) => {
    const res = await viaScenario(id);
    const spec = OUTCOMES[outcome]!.spec;
    if ('error' in spec) {
      expect(res.status).toBe(ERROR_CODES[spec.error].status);
      expect(res.text).toBe(JSON.stringify({ message: ERROR_CODES[spec.error].message, error_code: spec.error }));
      return;
    }
    expect(res.status).toBe(200);
    expect(res.json.session_id).toMatch(UUID);
    const example = verihubs.exampleBody(outcome) as Record<string, unknown>;
    const expected = id === 'verihubs/borderline-probability' ? { ...example, liveness: { ...(example.liveness as object), probability: '61.20' } } : example;
    expect(res.text).toBe(JSON.stringify({ ...expected, session_id: res.json.session_id, timestamp: NOW }));
  });

  it("renders success with the spec's example values", async () => {
    const res = await viaScenario('verihubs/success');
    expect(res.json).toMatchObject({
      message: 'Request Success',
      status_code: '200',
      nface: 1,
      liveness: { status: true, probability: '99.87' },
      image_quality: { blur: false, blur_score: '0.12', dark: false, dark_score: '0.05', grayscale: false },
      attributes: { sunglasses_on: false, mask_on: false, veil_on: false, hat_on: false },
    });
  });

  it.each([
    ['verihubs/fail-on-2-attribute', 'FAIL_ON_2', { attributes: { mask_on: true } }],
    ['verihubs/fail-on-4-quality', 'FAIL_ON_4', { image_quality: { blur: true } }],
    ['verihubs/fail-on-8-nface', 'FAIL_ON_8', { nface: 2 }],
    ['verihubs/fail-on-14-attribute-quality-nface', 'FAIL_ON_14', { nface: 2, attributes: { mask_on: true }, image_quality: { blur: true } }],
  ])('sets the finding that fails in %s (%s)', async (id, code, findings) => {
    const res = await viaScenario(id);
    expect(res.json).toMatchObject({ error_code: code, ...findings });
  });

  it("follows the request's is_quality/is_attribute, but always shows the block that failed", async () => {
    const hidden = await viaScenario('verihubs/success', { image: 'x', is_quality: false, is_attribute: false });
    expect(Object.keys(hidden.json)).toEqual(['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness']);
    const failed = await viaScenario('verihubs/fail-on-4-quality', { image: 'x', is_quality: false, is_attribute: false });
    expect(Object.keys(failed.json)).toEqual(['message', 'error_code', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness', 'image_quality']);
  });

  it('refuses a malformed payload before any scenario: an empty object is INVALID PAYLOAD, not the scenario', async () => {
    const res = await viaScenario('verihubs/not-live', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ message: 'no value in payload or empty string more than 1', error_code: 'INVALID PAYLOAD' });
  });

  it('plays a sequence: 500 once, then success', async () => {
    const first = await viaScenario('verihubs/retry-then-success');
    const second = await viaScenario('verihubs/retry-then-success');
    expect([first.status, second.status]).toEqual([500, 200]);
    expect(first.text).toBe('{"message":"internal server error","error_code":"INTERNAL_SERVER_ERROR"}');
  });

  it('answers an armed scenario without a header, for the armed credential only', async () => {
    const armed = sim.engine.arm('verihubs/face-not-detected', { credential: 'armed-app', times: 1 });
    const other = await sim.post({ image: 'LIVE_PERSON_A_1' });
    const mine = await sim.post({ image: 'LIVE_PERSON_A_1' }, { headers: { 'App-ID': 'armed-app', 'API-Key': 'k' } });
    const after = await sim.post({ image: 'LIVE_PERSON_A_1' }, { headers: { 'App-ID': 'armed-app', 'API-Key': 'k' } });
    expect([other.status, mine.json.error_code, after.status]).toEqual([200, 'FACE_NOT_DETECTED', 200]);
    expect(armed.scenarioId).toBe('verihubs/face-not-detected');
  });

  it('resets the connection for verihubs/connection-reset', async () => {
    await expect(viaScenario('verihubs/connection-reset')).rejects.toThrow();
  });
});

describe('scenario overrides and facts', () => {
  it("applies `set` in the spec's types, then the typing settings", async () => {
    const typed = await startVerihubs({ typing: { probability: 'number' } });
    const res = await typed.post({ image: 'x' }, { headers: { ...AUTH, 'X-Sim-Scenario': 'verihubs/borderline-probability' } });
    await typed.close();
    expect(res.json.liveness).toEqual({ status: true, probability: 61.2 });
  });

  it('offers image (keywords and URLs only) and appId as facts', () => {
    const req = (image: string) => ({
      method: 'POST',
      path: '/v1/face/liveness',
      query: {},
      headers: { 'app-id': 'app-9', 'content-type': 'application/json' },
      body: { kind: 'bytes' as const, bytes: new TextEncoder().encode(JSON.stringify({ image })), contentType: 'application/json' },
    });
    expect(verihubs.factNames).toEqual(['image', 'appId']);
    expect(verihubs.facts(req('LIVE_PERSON_A_1'))).toEqual({ image: ['LIVE_PERSON_A_1'], appId: ['app-9'] });
    expect(verihubs.facts(req('https://cdn.example.com/face.jpg')).image).toEqual(['https://cdn.example.com/face.jpg']);
    expect(verihubs.facts(req('/9j/4AAQSkZJRgABAQ' + 'A'.repeat(5000))).image).toEqual([]);
    expect(verihubs.facts({ ...req(''), body: { kind: 'empty' } })).toEqual({ image: [], appId: ['app-9'] });
  });

  it('selects a `when` scenario by the image keyword or URL', async () => {
    const parsed = parseScenarioObject(
      {
        version: 1,
        id: 'verihubs/when-cdn',
        description: 'CDN images time out',
        outcome: 'invalid-payload-image-timeout',
        when: { image: 'https://cdn.test/*' },
      },
      '<inline>',
      new Map([[verihubs.id, verihubs]]),
    );
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const own = await startVerihubs();
    own.engine.replaceScenarios([...own.engine.scenarios().values(), parsed.scenario]);
    const matched = await own.post({ image: 'https://cdn.test/face.jpg' });
    const other = await own.post({ image: 'LIVE_PERSON_A_1' });
    await own.close();
    expect([matched.json.error_code, other.status]).toEqual(['INVALID_PAYLOAD_IMAGE_TIMEOUT', 200]);
  });

  it('refuses a scenario whose `set` names a field the body does not have, or changes its type', () => {
    const parse = (set: Record<string, unknown>) =>
      parseScenarioObject({ version: 1, id: 'verihubs/bad', description: 'x', outcome: 'success', set }, '<inline>', new Map([[verihubs.id, verihubs]]));
    expect(parse({ 'liveness.score': '1' }).ok).toBe(false);
    expect(parse({ 'liveness.probability': 99.87 }).ok).toBe(false);
    expect(parse({ 'liveness.probability': '12.00', nface: 2, 'attributes.hat_on': true }).ok).toBe(true);
  });
});
