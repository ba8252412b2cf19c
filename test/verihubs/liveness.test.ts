import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, base64Of, errorText, fixture, NOW, startVerihubs, tinyPng, UUID, type Sim } from './harness.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startVerihubs();
});
afterAll(() => sim.close());

/** The body with session_id replaced, after checking it is a UUID. */
function withoutSession(json: Record<string, unknown>): Record<string, unknown> {
  expect(json.session_id).toMatch(UUID);
  return { ...json, session_id: '<uuid>' };
}

describe('POST /v1/face/liveness with a real image', () => {
  it('answers a JPEG with the success body: exact keys, order and JSON types', async () => {
    const res = await sim.post({ image: base64Of('face-1024x768.jpg') });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(Object.keys(res.json)).toEqual(['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness', 'image_quality', 'attributes']);
    const body = withoutSession(res.json);
    expect(body).toEqual({
      message: 'Request Success',
      status_code: '200',
      session_id: '<uuid>',
      timestamp: NOW,
      nface: 1,
      liveness: { status: true, probability: expect.stringMatching(/^\d{2}\.\d{2}$/) },
      image_quality: {
        blur: false,
        blur_score: expect.stringMatching(/^0\.\d{2}$/),
        dark: false,
        dark_score: expect.stringMatching(/^0\.\d{2}$/),
        grayscale: false,
      },
      attributes: { sunglasses_on: false, mask_on: false, veil_on: false, hat_on: false },
    });
    expect(Object.keys(res.json.liveness as object)).toEqual(['status', 'probability']);
    expect(Object.keys(res.json.image_quality as object)).toEqual(['blur', 'blur_score', 'dark', 'dark_score', 'grayscale']);
    expect(Object.keys(res.json.attributes as object)).toEqual(['sunglasses_on', 'mask_on', 'veil_on', 'hat_on']);
    expect(Number((res.json.liveness as { probability: string }).probability)).toBeGreaterThanOrEqual(90);
  });

  it('answers a PNG as a live single face too', async () => {
    const res = await sim.post({ image: base64Of('face-1024x768.png') });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ message: 'Request Success', nface: 1, liveness: { status: true } });
  });

  it('gives the same image the same scores, and each request its own session_id', async () => {
    const image = base64Of('face-640x480.png');
    const [a, b] = [await sim.post({ image }), await sim.post({ image })];
    expect(a.json.liveness).toEqual(b.json.liveness);
    expect(a.json.image_quality).toEqual(b.json.image_quality);
    expect(a.json.session_id).not.toBe(b.json.session_id);
  });

  it('gives different images different scores', async () => {
    const a = await sim.post({ image: base64Of('face-1024x768.jpg') });
    const b = await sim.post({ image: base64Of('face-small-320x240.jpg') });
    expect([a.json.liveness, a.json.image_quality]).not.toEqual([b.json.liveness, b.json.image_quality]);
  });

  it.each([
    [{ is_quality: false }, ['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness', 'attributes']],
    [{ is_attribute: false }, ['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness', 'image_quality']],
    [{ is_quality: false, is_attribute: false }, ['message', 'status_code', 'session_id', 'timestamp', 'nface', 'liveness']],
  ])('leaves out the blocks switched off by %j', async (flags, keys) => {
    const res = await sim.post({ image: base64Of('face-1024x768.jpg'), ...flags });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(keys);
  });

  it('accepts and strips a data:image/jpeg;base64, prefix', async () => {
    const res = await sim.post({ image: `data:image/jpeg;base64,${base64Of('face-1024x768.jpg')}` });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Request Success');
  });

  it('passes quality validation for a colour photo', async () => {
    const res = await sim.post({ image: base64Of('face-1024x768.jpg'), validate_quality: true, validate_attribute: true, validate_nface: true });
    expect(res.json.message).toBe('Request Success');
    expect(res.json).not.toHaveProperty('error_code');
  });

  it('reports a grayscale PNG (colour type 0) and fails quality validation with FAIL_ON_4', async () => {
    const image = tinyPng(640, 480, 0).toString('base64');
    const seen = await sim.post({ image });
    expect(seen.json.image_quality).toMatchObject({ grayscale: true, blur: false, dark: false });
    expect(seen.json).not.toHaveProperty('error_code');
    const validated = await sim.post({ image, validate_quality: true });
    expect(validated.status).toBe(200);
    expect(Object.keys(validated.json).slice(0, 3)).toEqual(['message', 'error_code', 'status_code']);
    expect(validated.json).toMatchObject({ message: 'fail on quality', error_code: 'FAIL_ON_4', image_quality: { grayscale: true } });
  });

  it('answers FACE_NOT_DETECTED for an image too small to hold a face (under 64 px)', async () => {
    const res = await sim.post({ image: tinyPng(32, 32).toString('base64') });
    expect(res.status).toBe(400);
    expect(res.text).toBe(errorText('face not detected from image', 'FACE_NOT_DETECTED'));
  });

  const FORMAT = errorText('image unable to be decoded/got from url OR invalid image extension', 'INVALID_PAYLOAD_IMAGE_FORMAT');
  it.each([
    ['a GIF', () => base64Of('image.gif')],
    ['a truncated JPEG', () => base64Of('truncated.jpg')],
    ['text', () => base64Of('not-media.txt')],
    ['an MP4 video', () => base64Of('video-one-frame.mp4')],
  ])('answers INVALID_PAYLOAD_IMAGE_FORMAT for valid base64 of %s', async (_name, image) => {
    const res = await sim.post({ image: image() });
    expect(res.status).toBe(400);
    expect(res.text).toBe(FORMAT);
  });

  it('answers INVALID_PAYLOAD_IMAGE_SIZE for an image over 5 MB, and takes one just under', async () => {
    const jpeg = fixture('face-1024x768.jpg');
    const padded = (total: number) => Buffer.concat([jpeg, Buffer.alloc(total - jpeg.length)]).toString('base64');
    const over = await sim.post({ image: padded(5 * 1024 * 1024 + 1) });
    expect(over.status).toBe(400);
    expect(over.text).toBe(errorText('invalid payload image size too large', 'INVALID_PAYLOAD_IMAGE_SIZE'));
    // Bytes after the JPEG's end marker are ignored by decoders: still a valid image at the cap.
    const at = await sim.post({ image: padded(5 * 1024 * 1024) });
    expect(at.status).toBe(200);
  });

  it('answers with the same headers whatever case the client writes them in', async () => {
    const res = await sim.post({ image: base64Of('face-1024x768.jpg') }, { headers: { 'app-id': AUTH['App-ID'], 'Api-Key': AUTH['API-Key'] } });
    expect(res.status).toBe(200);
  });
});
