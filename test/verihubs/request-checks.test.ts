import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../simulator/scenarios/parse.js';
import { verihubs } from '../../simulator/vendors/verihubs/index.js';
import { AUTH, startVerihubs, type Sim } from './harness.js';

/**
 * Scenarios never hide a malformed request: the payload checks (verihubs.md "Body", README
 * "Which error each malformed input gets") answer before any scenario; `skipRequestChecks: true`
 * in a scenario file restores the old behaviour.
 */
let sim: Sim;
beforeAll(async () => {
  sim = await startVerihubs();
  const lenient = parseScenarioText(
    'version: 1\nid: verihubs/lenient-success\noutcome: success\nskipRequestChecks: true\n',
    '<test>',
    new Map([[verihubs.id, verihubs]]),
  );
  if (!lenient.ok) throw new Error(lenient.errors.join('\n'));
  sim.engine.replaceScenarios([...sim.engine.scenarios().values(), lenient.scenario]);
});
afterAll(() => sim.close());

const as = (id: string) => ({ ...AUTH, 'X-Sim-Scenario': id });
const INVALID_PAYLOAD = { message: 'no value in payload or empty string more than 1', error_code: 'INVALID PAYLOAD' };

describe('Verihubs: payload checks come before any scenario', () => {
  it('answers verihubs/success with a text/plain body "garbage" with 400 INVALID PAYLOAD', async () => {
    const res = await sim.post('garbage', { raw: true, headers: { ...as('verihubs/success'), 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(INVALID_PAYLOAD);
  });

  it('answers verihubs/success without an image with 400 MISSING_PAYLOAD_IMAGE', async () => {
    const res = await sim.post({ is_quality: true }, { headers: as('verihubs/success') });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('MISSING_PAYLOAD_IMAGE');
  });

  it('answers verihubs/success with a flag that is not a boolean with 400 INVALID PAYLOAD', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_A_1', is_quality: 'yes' }, { headers: as('verihubs/success') });
    expect(res.status).toBe(400);
    expect(res.json).toEqual(INVALID_PAYLOAD);
  });

  it('answers verihubs/fail-on-4-quality with validate_quality but is_quality false with the dependency error', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_A_1', is_quality: false, validate_quality: true }, { headers: as('verihubs/fail-on-4-quality') });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY');
  });

  it('leaves an armed scenario armed when the payload is malformed', async () => {
    sim.engine.disarm();
    sim.engine.arm('verihubs/not-live', { credential: AUTH['App-ID'], times: 1 });
    expect((await sim.post({})).status).toBe(400);
    expect(sim.engine.armed()).toEqual([expect.objectContaining({ scenarioId: 'verihubs/not-live', remaining: 1 })]);
    const res = await sim.post({ image: 'LIVE_PERSON_A_1' });
    expect(res.json.liveness).toMatchObject({ status: false });
  });

  it('lets a scenario with skipRequestChecks: true answer a text/plain body', async () => {
    const res = await sim.post('garbage', { raw: true, headers: { ...as('verihubs/lenient-success'), 'Content-Type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Request Success');
  });
});
