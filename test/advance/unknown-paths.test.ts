import { describe, expect, it } from 'vitest';
import { DEMO, expectError, expectSuccess, PATHS, useAdvance } from './client.js';

const NOT_FOUND = 'HTTP 404 - Not Found';

/** advance.md "Conventions": every prefix the vendor's API answers under. */
const UNKNOWN = [
  '/openapi/liveness/v9/detection-result',
  '/openapi/nope',
  '/intl/openapi/face-identity/v1/nope',
  '/th/openapi/face-identity/v1/liveness-detection-typo',
  '/nga/openapi/x/y/z',
  '/liveness/ext/v1/get-video/extra',
  '/liveness/ext/v2/clear-data',
  // The token path carries no regional prefix (advance.md §1).
  '/my/openapi/auth/ticket/v1/generate-token',
];

describe('ADVANCE.AI unknown paths under the vendor\'s prefixes: the envelope CLIENT_ERROR "HTTP 404 - Not Found"', () => {
  const { sim, api } = useAdvance();

  it.each(UNKNOWN)('answers %s with HTTP 200 and the envelope, whatever the method and token', async (path) => {
    const token = await api.tokenOf();
    expectError(await api.call('POST', path, { token, body: { livenessId: 'sim-live-pass' } }), 'CLIENT_ERROR', NOT_FOUND);
    expectError(await api.call('GET', path), 'CLIENT_ERROR', NOT_FOUND);
    expectError(await api.call('DELETE', path, { token }), 'CLIENT_ERROR', NOT_FOUND);
  });

  it('never applies a scenario there: the header is not read and an armed scenario is not used up', async () => {
    expectError(await api.call('GET', '/openapi/nope', { headers: { 'X-Sim-Scenario': 'advance/service-busy' } }), 'CLIENT_ERROR', NOT_FOUND);
    expectError(await api.call('GET', '/openapi/nope', { headers: { 'X-Sim-Scenario': 'advance/no-such-scenario' } }), 'CLIENT_ERROR', NOT_FOUND);
    const token = await api.tokenOf();
    const armed = await api.call('POST', '/__sim/scenarios/armed', { body: { scenario: 'advance/retry-later', credential: DEMO.accessKey, times: 1 } });
    expect(armed.status, armed.text).toBe(201);
    expectError(await api.call('POST', '/openapi/nope', { token, body: {} }), 'CLIENT_ERROR', NOT_FOUND);
    expectError(await api.call('GET', PATHS.signatureId, { token }), 'RETRY_LATER', 'Please retry later');
  });

  it('keeps the real routes: their wrong method is still "HTTP 405 - Method Not Allowed", their right one answers', async () => {
    const token = await api.tokenOf();
    expectError(await api.call('GET', PATHS.detection, { token }), 'CLIENT_ERROR', 'HTTP 405 - Method Not Allowed');
    expectError(await api.call('PUT', '/th/openapi/face-identity/v1/auth-license', { token, body: {} }), 'CLIENT_ERROR', 'HTTP 405 - Method Not Allowed');
    expectSuccess(await api.call('GET', `${PATHS.signatureId}/`, { token }));
  });

  it("leaves paths outside the vendor's prefixes to the simulator's own 404 (problem+json)", async () => {
    for (const path of ['/nope', '/openapix/nope', '/sg/openapi/nope', '/liveness/extra']) {
      const response = await fetch(`${sim().url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('does not list the catch-alls among the routes the simulator serves', async () => {
    const body = (await (await fetch(`${sim().url}/nope`)).json()) as { routes: string[] };
    expect(body.routes).toContain('POST /openapi/liveness/v3/detection-result (advance)');
    expect(body.routes.filter((route) => route.includes('*'))).toEqual([]);
  });
});

describe('ADVANCE.AI unknown paths with httpStatus: real', () => {
  const { api } = useAdvance({ httpStatus: 'real' });

  it('answers HTTP 404 with the envelope', async () => {
    expectError(await api.call('POST', '/openapi/nope', { body: {} }), 'CLIENT_ERROR', NOT_FOUND, 404);
  });
});
