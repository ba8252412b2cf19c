import { describe, expect, it } from 'vitest';
import { ASSETS } from '../../simulator/vendors/advance/assets.generated.js';
import { DEMO, expectError, expectStampedBetween, expectSuccess, PATHS, RESULT_KEYS, useAdvance } from './client.js';

describe('ADVANCE.AI: the whole server side of the SDK flow', () => {
  const { sim, api } = useAdvance();

  it('runs token → signature id → license → SDK capture → detection result → image → clear-data → RESULT_NOT_FOUND', async () => {
    const token = await api.tokenOf(DEMO);
    const signatureId = await api.signatureIdOf(token);
    expect(signatureId).toMatch(/^[0-9a-f]{32}$/);

    const before = api.now();
    const license = expectSuccess(await api.call('POST', PATHS.license, { token, body: { licenseEffectiveSeconds: 900, applicationId: 'com.example.app' } }));
    expect(license).toEqual({ license: expect.stringMatching(/^[A-Za-z0-9+/]{128}$/), expireTimestamp: expect.any(Number) });
    expectStampedBetween(license.expireTimestamp, before, api.now(), 900_000);

    const capture = await api.capture({ accessKey: DEMO.accessKey, signatureId, livenessScore: 87.5 });
    expect(capture).toMatchObject({ accessKey: DEMO.accessKey, signatureId, livenessScore: 87.5, attackType: null, livenessType: 'DISTANT_NEAR', video: true });
    expect(capture.livenessId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const result = await api.detect(token, { signatureId });
    const data = expectSuccess(result, 'PAY');
    expect(Object.keys(data)).toEqual(RESULT_KEYS);
    const imageUrl = new RegExp(`^${sim().url}/standard-images/random_\\d{17}_\\d{10}$`);
    expect(data).toEqual({
      detectionResult: expect.stringMatching(imageUrl),
      livenessScore: 87.5,
      auditImageUrl: null,
      imageFarUrl: expect.stringMatching(imageUrl),
      farImageTime: capture.capturedAt - 2000,
      imageNearUrl: expect.stringMatching(imageUrl),
      nearImageTime: capture.capturedAt,
      attackType: null,
      attackSubType: null,
    });

    const image = await fetch(data.detectionResult);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer()).toString('base64')).toBe(ASSETS.best.base64);

    expectSuccess(await api.call('GET', PATHS.clearData, { token, query: { livenessId: capture.livenessId } }));
    expectSuccess(await api.call('GET', PATHS.clearData, { token, query: { signatureId } })); // twice, by the other id: still SUCCESS
    expectError(await api.detect(token, { livenessId: capture.livenessId }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
    expect((await fetch(data.imageNearUrl)).status).toBe(404);
  });

  it('answers clear-data with SUCCESS and data null', async () => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const reply = await api.call('GET', PATHS.clearData, { token, query: { livenessId } });
    expect(reply.text).toMatch(/^\{"code":"SUCCESS","message":"OK","data":null,"extra":null,"transactionId":"[0-9a-f]{16}","pricingStrategy":"FREE"\}$/);
  });

  it('accepts the signature id call as GET and as POST, with productLevel and livenessType', async () => {
    const token = await api.tokenOf();
    expectSuccess(await api.call('GET', PATHS.signatureId, { token, query: { productLevel: 'PRO', livenessType: 'SILENT' } }));
    expectSuccess(await api.call('POST', PATHS.signatureId, { token }));
    expectSuccess(await api.call('POST', PATHS.signatureId, { token, body: { productLevel: 'STANDARD', livenessType: 'DISTANT_NEAR_ACTION' } }));
    expectError(
      await api.call('GET', PATHS.signatureId, { token, query: { livenessType: 'BLINK' } }),
      'PARAMETER_ERROR',
      'Parameter error, please check your request whether has illegal parameters',
    );
  });

  it('gives a capture made with a SILENT signature id no far/near stage times', async () => {
    const token = await api.tokenOf();
    const reply = await api.call('GET', PATHS.signatureId, { token, query: { livenessType: 'SILENT' } });
    const signatureId = reply.json.data.signatureId;
    await api.capture({ accessKey: DEMO.accessKey, signatureId, livenessScore: 99 });
    const data = expectSuccess(await api.detect(token, { signatureId }), 'PAY');
    expect(data).toMatchObject({ farImageTime: null, nearImageTime: null, imageFarUrl: expect.any(String), imageNearUrl: expect.any(String) });
  });

  it.each([
    '/openapi/liveness/v1/auth-license',
    '/intl/openapi/face-identity/v1/auth-license',
    ...['th', 'my', 'ph', 'mex', 'col', 'nga'].map((r) => `/${r}/openapi/face-identity/v1/auth-license`),
  ])('serves the SDK license on %s, 600 s by default', async (path) => {
    const token = await api.tokenOf();
    const before = api.now();
    const data = expectSuccess(await api.call('POST', path, { token, body: {} }));
    const nulled = expectSuccess(await api.call('POST', path, { token, body: { licenseEffectiveSeconds: null } }));
    expectStampedBetween(data.expireTimestamp, before, api.now(), 600_000);
    expectStampedBetween(nulled.expireTimestamp, before, api.now(), 600_000);
  });

  it('refuses a license longer than 86400 s or not a number with PARAMETER_ERROR', async () => {
    const token = await api.tokenOf();
    expectSuccess(await api.call('POST', PATHS.license, { token, body: { licenseEffectiveSeconds: 86400 } }));
    for (const licenseEffectiveSeconds of [86401, 0, 'ten', 1.5]) {
      expectError(
        await api.call('POST', PATHS.license, { token, body: { licenseEffectiveSeconds } }),
        'PARAMETER_ERROR',
        'Parameter error, please check you input.',
      );
    }
  });

  const detectionPaths: [string, Record<string, string>][] = [
    ['/openapi/liveness/v3/detection-result', {}],
    ['/intl/openapi/face-identity/v1/liveness-detection', { region: 'SG' }],
    ['/intl/openapi/face-identity/v1/liveness-detection', { region: 'IDN' }],
    ...['my', 'th', 'ph', 'mex', 'col', 'nga'].map((r): [string, Record<string, string>] => [`/${r}/openapi/face-identity/v1/liveness-detection`, {}]),
  ];
  it.each(detectionPaths)('serves the detection result on %s %j', async (path, extra) => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, livenessScore: 100 });
    const data = expectSuccess(await api.detect(token, { livenessId, ...extra }, path), 'PAY');
    expect(data.livenessScore).toBe(100);
  });

  it('requires region on the Singapore (/intl) detection path: PARAMETER_ERROR "Parameter should not be empty"', async () => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    expectError(await api.detect(token, { livenessId }, PATHS.detectionIntl), 'PARAMETER_ERROR', 'Parameter should not be empty');
    expectError(
      await api.detect(token, { livenessId, region: 'Singapore' }, PATHS.detectionIntl),
      'PARAMETER_ERROR',
      'Parameter error, please check your request whether has illegal parameters',
    );
  });

  it('returns the face inline with resultType IMAGE_BASE64, the stage images still as URLs', async () => {
    const token = await api.tokenOf();
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    const data = expectSuccess(await api.detect(token, { livenessId, resultType: 'IMAGE_BASE64' }), 'PAY');
    expect(data.detectionResult).toBe(ASSETS.best.base64);
    expect(data.imageFarUrl).toMatch(/\/standard-images\/random_/);
  });

  it('serves the capture video from get-video, by livenessId or signatureId', async () => {
    const token = await api.tokenOf();
    const signatureId = await api.signatureIdOf(token);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId });
    for (const query of [{ livenessId }, { signatureId }] as Record<string, string>[]) {
      const data = expectSuccess(await api.call('GET', PATHS.getVideo, { token, query }));
      expect(Object.keys(data)).toEqual(['videoUrl']);
      const video = await fetch(data.videoUrl);
      expect(video.status).toBe(200);
      expect(video.headers.get('content-type')).toBe('video/mp4');
      expect(Buffer.from(await video.arrayBuffer()).toString('base64')).toBe(ASSETS.video.base64);
    }
  });
});
