import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { tokenSignature } from '../../simulator/vendors/advance/token.js';
import { DEMO, DISABLED, expectError, expectStampedBetween, expectSuccess, OTHER, PATHS, signatureOf, useAdvance } from './client.js';

describe('ADVANCE.AI token signature', () => {
  it("matches the vendor's example vector (advance.md §1)", async () => {
    const expected = '02209bbeaf0d0a3dd587f6a1ba22f84c98d142e3b545e77db7e4906ca56349f5';
    expect(await tokenSignature('sampleaccesskey', 'samplesecretkey', '1665993522952')).toBe(expected);
    expect(signatureOf('sampleaccesskey', 'samplesecretkey', 1665993522952)).toBe(expected);
  });
});

describe('ADVANCE.AI token: POST /openapi/auth/ticket/v1/generate-token', () => {
  const { api } = useAdvance();

  const request = (fields: Record<string, unknown>, account: { accessKey: string; secretKey: string } = DEMO) => {
    const timestamp = (fields.timestamp ?? String(api.now())) as string | number;
    return api.call('POST', PATHS.token, {
      body: { accessKey: account.accessKey, timestamp, signature: signatureOf(account.accessKey, account.secretKey, String(timestamp)), ...fields },
    });
  };

  it('issues an HS512 JWT carrying the access key, expiring periodSecond (default 3600) later on the simulator clock', async () => {
    const before = api.now();
    const reply = await request({});
    const data = expectSuccess(reply);
    expect(Object.keys(data)).toEqual(['token', 'expiredTime']);
    expectStampedBetween(data.expiredTime, before, api.now(), 3_600_000);
    expect(decodeProtectedHeader(data.token).alg).toBe('HS512');
    const claims = decodeJwt(data.token);
    expect(claims.accessKey).toBe(DEMO.accessKey);
    expect(claims.exp).toBe(Math.ceil(data.expiredTime / 1000));
    expect(reply.json.pricingStrategy).toBe('FREE');
  });

  it("accepts the timestamp as a number (the vendor's curl) and as a string (its table)", async () => {
    expectSuccess(await request({ timestamp: api.now() }));
    expectSuccess(await request({ timestamp: String(api.now()) }));
  });

  it.each([[60], [86400], [null], ['120']])('accepts periodSecond %j', async (periodSecond) => {
    const before = api.now();
    const data = expectSuccess(await request({ periodSecond }));
    const seconds = periodSecond === null ? 3600 : Number(periodSecond);
    expectStampedBetween(data.expiredTime, before, api.now(), seconds * 1000);
  });

  it.each([[59], [86401], [0], ['abc'], [1.5], [{}]])('refuses periodSecond %j with PARAMETER_ERROR', async (periodSecond) => {
    expectError(await request({ periodSecond }), 'PARAMETER_ERROR', 'Parameter error, please check you input.');
  });

  it.each(['accessKey', 'timestamp', 'signature'])('answers PARAMETER_ERROR "Parameter should not be empty" when %s is missing, null or ""', async (field) => {
    for (const value of [undefined, null, '']) {
      expectError(await request({ [field]: value }), 'PARAMETER_ERROR', 'Parameter should not be empty');
    }
  });

  it('answers IAM_FAILED "Access Key not found" for an unknown access key', async () => {
    expectError(await request({}, { accessKey: 'nosuchkey', secretKey: 'x' }), 'IAM_FAILED', 'Access Key not found');
  });

  it('answers ACCOUNT_DISABLED "Account Disabled" for a disabled account', async () => {
    expectError(await request({}, DISABLED), 'ACCOUNT_DISABLED', 'Account Disabled');
  });

  it('accepts a timestamp 300 s away and refuses one 301 s away with "Timestamp error"', async () => {
    expectSuccess(await request({ timestamp: String(api.now() - 299_000) }));
    expectSuccess(await request({ timestamp: String(api.now() + 299_000) }));
    expectError(await request({ timestamp: String(api.now() - 301_000) }), 'PARAMETER_ERROR', 'Timestamp error');
    expectError(await request({ timestamp: String(api.now() + 301_000) }), 'PARAMETER_ERROR', 'Timestamp error');
    expectError(await request({ timestamp: 'yesterday' }), 'PARAMETER_ERROR', 'Timestamp error');
  });

  it('answers "Signature error" for a wrong secret, and for uppercase hex (the vendor documents lowercase)', async () => {
    expectError(await request({}, { accessKey: DEMO.accessKey, secretKey: 'wrong' }), 'PARAMETER_ERROR', 'Signature error');
    const timestamp = String(api.now());
    expectError(
      await request({ timestamp, signature: signatureOf(DEMO.accessKey, DEMO.secretKey, timestamp).toUpperCase() }),
      'PARAMETER_ERROR',
      'Signature error',
    );
  });

  it.each([
    ['not JSON', '{"accessKey":'],
    ['a JSON array', '[]'],
    ['a JSON string', '"token please"'],
    ['no body', ''],
  ])('answers CLIENT_ERROR "HTTP 400 - Bad Request" to %s, never a 500', async (_what, rawBody) => {
    expectError(await api.call('POST', PATHS.token, { rawBody }), 'CLIENT_ERROR', 'HTTP 400 - Bad Request');
  });

  it('answers CLIENT_ERROR "HTTP 405 - Method Not Allowed" to a GET', async () => {
    expectError(await api.call('GET', PATHS.token), 'CLIENT_ERROR', 'HTTP 405 - Method Not Allowed');
  });
});

describe('ADVANCE.AI X-ACCESS-TOKEN on the other APIs', () => {
  const { api } = useAdvance();

  it.each([
    ['GET', PATHS.signatureId],
    ['POST', PATHS.license],
    ['POST', PATHS.detection],
    ['GET', PATHS.getVideo],
    ['GET', PATHS.clearData],
  ])('%s %s without the header is IAM_FAILED "You are not authorized..."', async (method, path) => {
    expectError(
      await api.call(method, path, { body: method === 'POST' ? { livenessId: 'x' } : undefined }),
      'IAM_FAILED',
      'You are not authorized by the Identity and Access Management system',
    );
  });

  it('refuses a token that is not a JWT, or signed with another key, with IAM_FAILED "Token not found or expired"', async () => {
    expectError(await api.call('GET', PATHS.signatureId, { token: 'garbage' }), 'IAM_FAILED', 'Token not found or expired');
    const forged = await new SignJWT({ accessKey: DEMO.accessKey })
      .setProtectedHeader({ alg: 'HS512' })
      .setExpirationTime('1h')
      .sign(new Uint8Array(64).fill(7));
    expectError(await api.call('GET', PATHS.signatureId, { token: forged }), 'IAM_FAILED', 'Token not found or expired');
  });

  it('expires the token on the simulator clock: valid until periodSecond, refused after', async () => {
    const token = await api.tokenOf(OTHER, { periodSecond: 60 });
    expectSuccess(await api.call('GET', PATHS.signatureId, { token }));
    await api.advanceClock('59s');
    expectSuccess(await api.call('GET', PATHS.signatureId, { token }));
    await api.advanceClock('2s');
    expectError(await api.call('GET', PATHS.signatureId, { token }), 'IAM_FAILED', 'Token not found or expired');
  });

  it('forgets issued tokens on POST /__sim/reset, also one already used (its verified signature is remembered, its record is gone)', async () => {
    const token = await api.tokenOf();
    expectSuccess(await api.call('GET', PATHS.signatureId, { token }));
    await api.call('POST', '/__sim/reset', { body: { credential: '*' } });
    expectError(await api.call('GET', PATHS.signatureId, { token }), 'IAM_FAILED', 'Token not found or expired');
  });
});
