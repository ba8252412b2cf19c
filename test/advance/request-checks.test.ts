import { beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectSuccess, PATHS, useAdvance } from './client.js';

/**
 * Scenarios never hide a malformed request: after the token, each operation's request checks
 * (JSON body where required, field types, ids present, values from their lists) answer before any
 * scenario, which then answers only well-formed requests.
 */
const EMPTY = 'Parameter should not be empty';

describe('ADVANCE.AI: request checks come before any scenario', () => {
  const { api } = useAdvance();
  const admin = (method: string, path: string, body?: unknown) => api.call(method, `/__sim${path}`, body === undefined ? {} : { body });
  let token: string;

  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
    token = await api.tokenOf();
  });

  it('answers a detection with neither id PARAMETER_ERROR "empty", whatever X-Sim-Scenario asks for', async () => {
    const reply = await api.call('POST', PATHS.detection, { token, body: {}, headers: { 'X-Sim-Scenario': 'advance/live-pass' } });
    expectError(reply, 'PARAMETER_ERROR', EMPTY);
  });

  it('answers a detection whose body is not JSON CLIENT_ERROR "HTTP 400 - Bad Request", not the scenario', async () => {
    const reply = await api.call('POST', PATHS.detection, {
      token,
      rawBody: 'livenessId=x',
      headers: { 'Content-Type': 'text/plain', 'X-Sim-Scenario': 'advance/result-not-found' },
    });
    expectError(reply, 'CLIENT_ERROR', 'HTTP 400 - Bad Request');
  });

  it('answers a detection with an object as livenessId PARAMETER_ERROR, not the scenario', async () => {
    const reply = await api.call('POST', PATHS.detection, { token, body: { livenessId: { id: 'x' } }, headers: { 'X-Sim-Scenario': 'advance/service-busy' } });
    expect(reply.json.code).toBe('PARAMETER_ERROR');
  });

  it('answers get-video without an id PARAMETER_ERROR "empty", not the scenario', async () => {
    expectError(await api.call('GET', PATHS.getVideo, { token, headers: { 'X-Sim-Scenario': 'advance/video-not-found' } }), 'PARAMETER_ERROR', EMPTY);
  });

  it('leaves a scenario armed for the account untouched by a malformed request', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'advance/service-busy', times: 1, credential: '*' });
    expectError(await api.call('POST', PATHS.detection, { token, body: {} }), 'PARAMETER_ERROR', EMPTY);
    expect((await admin('GET', '/scenarios/armed')).json.armed).toEqual([expect.objectContaining({ scenarioId: 'advance/service-busy', remaining: 1 })]);
    expectError(
      await api.call('POST', PATHS.detection, { token, body: { livenessId: 'sim-live-pass' } }),
      'SERVICE_BUSY',
      'Service busy, please try again later',
    );
  });

  it('still answers a well-formed request with the scenario', async () => {
    const data = expectSuccess(
      await api.call('POST', PATHS.detection, { token, body: { livenessId: 'sim-live-pass' }, headers: { 'X-Sim-Scenario': 'advance/attack-injection' } }),
      'PAY',
    );
    expect(data.attackType).toBe(2);
  });
});
