import { describe, expect, it } from 'vitest';
import { SimulatorConfigError } from '../../simulator/server.js';
import { DEMO, PATHS, startAdvance, useAdvance } from './client.js';

describe('ADVANCE.AI SDK capture emulation: POST /__sim/advance/captures', () => {
  const { api } = useAdvance();

  it('takes the account from the X-ACCESS-TOKEN header instead of the body', async () => {
    const token = await api.tokenOf();
    const reply = await api.call('POST', PATHS.captures, { token, body: { livenessScore: 77.7 } });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({ accessKey: DEMO.accessKey, livenessScore: 77.7, signatureId: null });
  });

  it('makes a capture asked for with only an attack type an attack scoring 0.0', async () => {
    const reply = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, attackType: 1 } });
    expect(reply.text).toContain('"livenessScore":0.0,"attackType":1');
  });

  it.each([
    [{}, 400, 'accessKey'],
    [{ accessKey: 'nobody' }, 404, 'accessKey'],
    [{ accessKey: DEMO.accessKey, livenessScore: 101 }, 400, 'livenessScore'],
    [{ accessKey: DEMO.accessKey, livenessScore: '90' }, 400, 'livenessScore'],
    [{ accessKey: DEMO.accessKey, attackType: 4 }, 400, 'attackType'],
    [{ accessKey: DEMO.accessKey, livenessScore: 80, attackType: 1 }, 400, 'attackType'],
    [{ accessKey: DEMO.accessKey, livenessType: 'BLINK' }, 400, 'livenessType'],
    [{ accessKey: DEMO.accessKey, video: 'yes' }, 400, 'video'],
    [{ accessKey: DEMO.accessKey, signatureId: 'nope' }, 404, 'signatureId'],
  ])('refuses %j with a problem naming the field', async (body, status, field) => {
    const reply = await api.call('POST', PATHS.captures, { body });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(reply.json).toMatchObject({ type: 'urn:liveness-sim:problem:bad-admin-request', field, detail: expect.stringMatching(/^\[liveness-sim\] field/) });
  });

  it('refuses to bind a signature id twice (409): a signature id serves one detection', async () => {
    const signatureId = await api.signatureIdOf(await api.tokenOf());
    await api.capture({ accessKey: DEMO.accessKey, signatureId });
    const again = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, signatureId } });
    expect(again.status).toBe(409);
    expect(again.json.field).toBe('signatureId');
  });

  it('takes the score and attack type of a named scenario, and refuses an unknown one', async () => {
    const reply = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, scenario: 'advance/attack-injection' } });
    expect(reply.status).toBe(201);
    expect(reply.text).toContain('"livenessScore":8.0,"attackType":2');
    const unknown = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, scenario: 'advance/nope' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json.field).toBe('scenario');
  });

  it('refuses a token it cannot verify with 401', async () => {
    const reply = await api.call('POST', PATHS.captures, { token: 'garbage', body: {} });
    expect(reply.status).toBe(401);
  });
});

describe('ADVANCE.AI settings are validated at start-up', () => {
  it('refuses an unknown key and a bad httpStatus, naming the field', async () => {
    await expect(startAdvance({ httpStatus: 'mirror' } as never)).rejects.toThrow(SimulatorConfigError);
    await expect(startAdvance({ httpStatus: 'mirror' } as never)).rejects.toThrow(
      /vendors\.advance\.httpStatus: must be equal to one of the allowed values \(200, real\)/,
    );
    await expect(startAdvance({ accounts: [{ accessKey: 'a' }] } as never)).rejects.toThrow(
      /vendors\.advance\.accounts\.0: must have required property 'secretKey'/,
    );
  });
});
