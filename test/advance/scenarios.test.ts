import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../simulator/vendors/advance/codes.js';
import { DEMO, expectError, expectSuccess, PATHS, signatureOf, useAdvance } from './client.js';

const ERROR_OUTCOMES = Object.entries(OUTCOMES).filter(([name]) => name !== 'success');

describe('ADVANCE.AI outcomes through scenarios: every documented code is reachable', () => {
  const { api } = useAdvance();

  it('ships a scenario file named after every error outcome', () => {
    const files = readdirSync(fileURLToPath(new URL('../../scenarios/advance', import.meta.url)));
    for (const [name] of ERROR_OUTCOMES) expect(files).toContain(`${name}.yaml`);
  });

  it.each(ERROR_OUTCOMES)('advance/%s answers its code and message in the envelope, data and extra null, FREE', async (name, spec) => {
    const reply = await api.call('POST', PATHS.detection, {
      token: await api.tokenOf(),
      body: { livenessId: 'x' },
      headers: { 'X-Sim-Scenario': `advance/${name}` },
    });
    expectError(reply, spec.code, spec.message);
    expect(reply.headers.get('retry-after')).toBe(name === 'service-busy' ? '10s' : null);
  });

  it('answers SERVICE_BUSY with the HTTP header Retry-After: 10s on every route', async () => {
    const token = await api.tokenOf();
    const timestamp = String(api.now());
    const signed = { accessKey: DEMO.accessKey, timestamp, signature: signatureOf(DEMO.accessKey, DEMO.secretKey, timestamp) };
    for (const [method, path, body] of [
      ['POST', PATHS.token, signed],
      ['GET', PATHS.signatureId],
      ['POST', PATHS.license, {}],
      ['GET', PATHS.getVideo],
    ] as const) {
      const query = path === PATHS.getVideo ? { livenessId: 'sim-live-pass' } : undefined;
      const reply = await api.call(method, path, { token, body, query, headers: { 'X-Sim-Scenario': 'advance/service-busy' } });
      expectError(reply, 'SERVICE_BUSY', 'Service busy, please try again later');
      expect(reply.headers.get('retry-after')).toBe('10s');
    }
  });

  it('arms a scenario for one account only: the other account keeps the real answers', async () => {
    const armed = await api.call('POST', '/__sim/scenarios/armed', {
      body: { scenario: 'advance/insufficient-balance', credential: DEMO.accessKey, times: 1 },
    });
    expect(armed.status).toBe(201);
    const token = await api.tokenOf({ accessKey: 'otheraccesskey', secretKey: 'othersecretkey' });
    expectSuccess(await api.call('GET', PATHS.signatureId, { token }));
    const timestamp = String(api.now());
    const signature = signatureOf(DEMO.accessKey, DEMO.secretKey, timestamp);
    expectError(
      await api.call('POST', PATHS.token, { body: { accessKey: DEMO.accessKey, timestamp, signature } }),
      'INSUFFICIENT_BALANCE',
      'Insufficient balance',
    );
  });

  it('advance/busy-then-success answers SERVICE_BUSY once, then the real flow', async () => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const as = { 'X-Sim-Scenario': 'advance/busy-then-success' };
    expectError(await api.call('POST', PATHS.detection, { token, body: { livenessId }, headers: as }), 'SERVICE_BUSY', 'Service busy, please try again later');
    expectSuccess(await api.call('POST', PATHS.detection, { token, body: { livenessId }, headers: as }), 'PAY');
  });
});

describe('ADVANCE.AI httpStatus quirk: "real" gives errors a matching HTTP status', () => {
  const { api } = useAdvance({ httpStatus: 'real' });

  it.each([
    ['iam-no-token', 401],
    ['parameter-empty', 400],
    ['liveness-id-not-existed', 404],
    ['result-not-found', 404],
    ['service-busy', 429],
    ['insufficient-balance', 402],
    ['client-error-405', 405],
    ['error', 500],
    ['retry-later', 503],
  ] as const)('answers advance/%s with HTTP %i and the same envelope', async (name, status) => {
    const reply = await api.call('POST', PATHS.detection, {
      token: await api.tokenOf(),
      body: { livenessId: 'x' },
      headers: { 'X-Sim-Scenario': `advance/${name}` },
    });
    expectError(reply, OUTCOMES[name].code, OUTCOMES[name].message, status);
  });

  it('keeps HTTP 200 for SUCCESS', async () => {
    const token = await api.tokenOf();
    expectSuccess(await api.call('GET', PATHS.signatureId, { token }));
    expectError(await api.call('GET', PATHS.signatureId), 'IAM_FAILED', 'You are not authorized by the Identity and Access Management system', 401);
  });
});
