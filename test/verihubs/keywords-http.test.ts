import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText, NOW, startVerihubs, UUID, type Sim } from './harness.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startVerihubs();
});
afterAll(() => sim.close());

const ALL = { validate_attribute: true, validate_quality: true, validate_nface: true };

describe('sandbox keywords over HTTP', () => {
  it('answers IMAGE_EXCEED_LIMIT with INVALID_PAYLOAD_IMAGE_SIZE', async () => {
    const res = await sim.post({ image: 'IMAGE_EXCEED_LIMIT' });
    expect(res.status).toBe(400);
    expect(res.text).toBe(errorText('invalid payload image size too large', 'INVALID_PAYLOAD_IMAGE_SIZE'));
  });

  it('answers NO_FACE_PHOTO with FACE_NOT_DETECTED', async () => {
    const res = await sim.post({ image: 'NO_FACE_PHOTO' });
    expect(res.status).toBe(400);
    expect(res.text).toBe(errorText('face not detected from image', 'FACE_NOT_DETECTED'));
  });

  it('answers LIVE_PERSON_A_1 with a live single face and the same session data every time', async () => {
    const a = await sim.post({ image: 'LIVE_PERSON_A_1' });
    const b = await sim.post({ image: 'LIVE_PERSON_A_1', validate_nface: true });
    expect(a.status).toBe(200);
    expect(a.json.session_id).toMatch(UUID);
    expect(a.text).toBe(b.text);
    expect(a.json).toMatchObject({ message: 'Request Success', status_code: '200', timestamp: NOW, nface: 1, liveness: { status: true } });
  });

  it('gives another person other session data and scores', async () => {
    const a = await sim.post({ image: 'LIVE_PERSON_A_1' });
    const b = await sim.post({ image: 'LIVE_PERSON_B_1' });
    expect(b.json.session_id).not.toBe(a.json.session_id);
    expect(b.json.liveness).not.toEqual(a.json.liveness);
  });

  it("keeps the person's liveness when only the findings change", async () => {
    const plain = await sim.post({ image: 'LIVE_PERSON_C_1' });
    const covered = await sim.post({ image: 'LIVE_PERSON_BLUR_MS_C_3' });
    expect(covered.json.session_id).toBe(plain.json.session_id);
    expect(covered.json.liveness).toEqual(plain.json.liveness);
  });

  it('sets the findings without failing when nothing is validated', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_BLURDARK_MVS_D_4' });
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty('error_code');
    expect(res.json.nface).toBe(4);
    expect(res.json.image_quality).toMatchObject({ blur: true, dark: true, grayscale: false });
    expect(res.json.attributes).toEqual({ sunglasses_on: true, mask_on: true, veil_on: true, hat_on: false });
    const quality = res.json.image_quality as { blur_score: string; dark_score: string };
    expect(Number(quality.blur_score)).toBeGreaterThanOrEqual(0.5);
    expect(Number(quality.dark_score)).toBeGreaterThanOrEqual(0.5);
  });

  // Every bitmask combination, reached by keyword and all three validations.
  it.each([
    ['LIVE_PERSON_A_1', null, 'Request Success'],
    ['LIVE_PERSON_M_A_1', 'FAIL_ON_2', 'fail on attribute'],
    ['LIVE_PERSON_BLUR_A_1', 'FAIL_ON_4', 'fail on quality'],
    ['LIVE_PERSON_DARK_S_A_1', 'FAIL_ON_6', 'fail on attribute and quality'],
    ['LIVE_PERSON_A_2', 'FAIL_ON_8', 'fail on fail on number of face (nface)'],
    ['LIVE_PERSON_S_A_5', 'FAIL_ON_10', 'fail on fail on number of face (nface) and attribute'],
    ['LIVE_PERSON_BLURDARK_A_9', 'FAIL_ON_12', 'fail on fail on number of face (nface) and quality'],
    ['LIVE_PERSON_BLUR_MS_A_3', 'FAIL_ON_14', 'fail on fail on number of face (nface), quality, and attribute'],
  ])('answers %s with every validation on as %s', async (image, code, message) => {
    const res = await sim.post({ image, ...ALL });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe(message);
    if (code === null) {
      expect(res.json).not.toHaveProperty('error_code');
    } else {
      // The whole result body, with error_code after the message.
      expect(Object.keys(res.json)).toEqual([
        'message',
        'error_code',
        'status_code',
        'session_id',
        'timestamp',
        'nface',
        'liveness',
        'image_quality',
        'attributes',
      ]);
      expect(res.json.error_code).toBe(code);
    }
  });

  it("writes a FAIL_ON body exactly: the result plus error_code and the seed's message", async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_BLUR_MS_A_3', ...ALL });
    const sessionId = (await sim.post({ image: 'LIVE_PERSON_A_1' })).json.session_id as string;
    const liveness = res.json.liveness as { probability: string };
    const quality = res.json.image_quality as { blur_score: string; dark_score: string };
    expect(res.text).toBe(
      `{"message":"fail on fail on number of face (nface), quality, and attribute","error_code":"FAIL_ON_14","status_code":"200",` +
        `"session_id":"${sessionId}","timestamp":${NOW},"nface":3,"liveness":{"status":true,"probability":"${liveness.probability}"},` +
        `"image_quality":{"blur":true,"blur_score":"${quality.blur_score}","dark":false,"dark_score":"${quality.dark_score}","grayscale":false},` +
        `"attributes":{"sunglasses_on":true,"mask_on":true,"veil_on":false,"hat_on":false}}`,
    );
  });

  it('fails only the validations requested', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_BLUR_MS_A_3', validate_nface: true });
    expect(res.json.error_code).toBe('FAIL_ON_8');
  });

  it('does not fail attribute validation for a veil (seed: sunglasses or mask)', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_V_A_1', validate_attribute: true });
    expect(res.json.message).toBe('Request Success');
    expect(res.json.attributes).toMatchObject({ veil_on: true });
  });

  it('answers the quality dependency error before reading the keyword', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_BLUR_A_1', is_quality: false, validate_quality: true });
    expect(res.status).toBe(400);
    expect(res.json.error_code).toBe('INVALID_PAYLOAD_QUALITY_VALIDATION_DEPENDENCY');
  });

  it('hides a blurry finding when is_quality is false and quality is not validated', async () => {
    const res = await sim.post({ image: 'LIVE_PERSON_BLUR_A_1', is_quality: false });
    expect(res.json.message).toBe('Request Success');
    expect(res.json).not.toHaveProperty('image_quality');
  });

  it.each(['LIVE_PERSON_A_0', 'LIVE_PERSON_Q_K_1', 'live_person_a_1', 'LIVE_PERSON_BLUR_DARK_A_1', 'NO_FACE', 'LIVE_PERSON_A_1\n'])(
    'answers the malformed keyword %j as the real API would: not standard base64 nor a URL',
    async (image) => {
      const res = await sim.post({ image });
      expect(res.status).toBe(400);
      expect(res.text).toBe(errorText('invalid payload image not a standard b64/url or image empty string', 'INVALID_PAYLOAD_IMAGE_MISSING'));
    },
  );
});
