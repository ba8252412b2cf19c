import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO, expectError, expectSuccess, OTHER, PATHS, signatureOf, useAdvance } from './client.js';

/**
 * Auth before scenarios (DESIGN.md "Outcomes, scenarios and realism"): a call names an account
 * only once its token (or, on the token route, its signature) verifies. An unauthenticated call
 * gets the vendor's auth failure whatever the scenario, touches no state and uses up no scenario.
 */
const NOT_AUTHORIZED = 'You are not authorized by the Identity and Access Management system';
const BAD_TOKEN = 'Token not found or expired';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An unsigned JWT (`alg: none`) that claims to be `accessKey`'s, shaped like the simulator's own. */
const forgedToken = (accessKey: string) =>
  `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ accessKey, jti: 'f'.repeat(32), iat: 1, exp: 4102444800 })}.`;

describe('ADVANCE.AI authenticates before any scenario applies', () => {
  const { api } = useAdvance();
  const admin = (method: string, path: string, body?: unknown) => api.call(method, `/__sim${path}`, body === undefined ? {} : { body });
  const armed = async () =>
    (await admin('GET', '/scenarios/armed')).json.armed as { scenarioId: string; credential: string | null; remaining: number | null }[];

  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it("answers IAM_FAILED to an unsigned token naming another account, and leaves that account's armed scenario armed", async () => {
    const token = await api.tokenOf(OTHER);
    await admin('POST', '/scenarios/armed', { scenario: 'advance/insufficient-balance', credential: OTHER.accessKey, times: 1 });
    expectError(await api.call('GET', PATHS.signatureId, { token: forgedToken(OTHER.accessKey) }), 'IAM_FAILED', BAD_TOKEN);
    expect(await armed()).toEqual([expect.objectContaining({ scenarioId: 'advance/insufficient-balance', credential: OTHER.accessKey, remaining: 1 })]);
    // The real account still gets it.
    expectError(await api.call('GET', PATHS.signatureId, { token }), 'INSUFFICIENT_BALANCE', 'Insufficient balance');
  });

  it("does not advance the named account's sequence on a forged token", async () => {
    const as = { 'X-Sim-Scenario': 'advance/busy-then-success' };
    expectError(await api.call('GET', PATHS.signatureId, { token: forgedToken(OTHER.accessKey), headers: as }), 'IAM_FAILED', BAD_TOKEN);
    const token = await api.tokenOf(OTHER);
    expectError(await api.call('GET', PATHS.signatureId, { token, headers: as }), 'SERVICE_BUSY', 'Service busy, please try again later');
    expectSuccess(await api.call('GET', PATHS.signatureId, { token, headers: as }));
  });

  it('journals a refused call with no credential, never the account its token claims', async () => {
    await api.call('GET', PATHS.signatureId, { token: forgedToken(OTHER.accessKey) });
    const journal = (await admin('GET', '/requests?limit=1')).json.requests as { route: string; credential: string | null; code: string | null }[];
    expect(journal[0]).toMatchObject({ route: 'generate-signature-id', credential: null, code: 'IAM_FAILED' });
  });

  it('answers IAM_FAILED to a call without X-ACCESS-TOKEN whatever X-Sim-Scenario asks for', async () => {
    const reply = await api.call('POST', PATHS.detection, { body: { livenessId: 'sim-live-pass' }, headers: { 'X-Sim-Scenario': 'advance/result-not-found' } });
    expectError(reply, 'IAM_FAILED', NOT_AUTHORIZED);
  });

  it('leaves a scenario armed for everyone untouched by calls without a token', async () => {
    const token = await api.tokenOf();
    await admin('POST', '/scenarios/armed', { scenario: 'advance/service-busy', times: 1, credential: '*' });
    expectError(await api.call('GET', PATHS.signatureId), 'IAM_FAILED', NOT_AUTHORIZED);
    expectError(await api.call('GET', PATHS.getVideo, { query: { livenessId: 'sim-live-pass' } }), 'IAM_FAILED', NOT_AUTHORIZED);
    expect(await armed()).toEqual([expect.objectContaining({ scenarioId: 'advance/service-busy', remaining: 1 })]);
    expectError(await api.call('GET', PATHS.signatureId, { token }), 'SERVICE_BUSY', 'Service busy, please try again later');
  });

  it('answers PARAMETER_ERROR "Signature error" to a token request with a wrong signature, leaving the account\'s armed scenario armed', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'advance/insufficient-balance', credential: DEMO.accessKey, times: 1 });
    const timestamp = String(api.now());
    expectError(
      await api.call('POST', PATHS.token, { body: { accessKey: DEMO.accessKey, timestamp, signature: 'f'.repeat(64) } }),
      'PARAMETER_ERROR',
      'Signature error',
    );
    expect(await armed()).toHaveLength(1);
    const signature = signatureOf(DEMO.accessKey, DEMO.secretKey, timestamp);
    expectError(
      await api.call('POST', PATHS.token, { body: { accessKey: DEMO.accessKey, timestamp, signature } }),
      'INSUFFICIENT_BALANCE',
      'Insufficient balance',
    );
  });

  it('still serves media URLs, which carry no credential, and the admin capture call by accessKey', async () => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const data = expectSuccess(await api.detect(token, { livenessId }), 'PAY');
    const image = await fetch(data.detectionResult as string);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });
});
