import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { expectFptShape, postFpt } from '../support/fpt-client.js';

const HD = fixture('video-720p-25fps-5s.mp4');
const LOW_RES_WARNING = 'Resolution of video is too low. Please upload video with at least HD resolution to ensure accuracy';

describe('FPT.AI realistic behaviour (no scenario): the simulator inspects what it is sent', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('answers a live 200 for a 720p 25 fps 5 s mp4, every leaf a string, face_match all "N/A" without cmnd', async () => {
    const { status, json } = await postFpt(sim.url, { video: { bytes: HD } });
    expect(status).toBe(200);
    expectFptShape(json);
    expect(json).toMatchObject({ code: '200', message: 'request successful' });
    expect(json.liveness).toMatchObject({
      code: '200',
      message: 'liveness check successful',
      is_live: 'true',
      need_to_review: 'false',
      is_deepfake: 'N/A',
      deepfake_prob: 'N/A',
      warning: '',
    });
    expect(json.liveness.spoof_prob).toMatch(/^0\.\d{4}$/);
    expect(Number(json.liveness.spoof_prob)).toBeLessThan(0.5);
    expect(json.face_match).toEqual({ code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' });
  });

  it('gives the same upload the same answer, and another upload another score', async () => {
    const first = await postFpt(sim.url, { video: { bytes: HD } });
    const again = await postFpt(sim.url, { video: { bytes: HD } });
    const other = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mov'), filename: 'v.mov', type: 'video/quicktime' } });
    expect(again.text).toBe(first.text);
    expect(other.json.code).toBe('200');
    expect(other.json.liveness.spoof_prob).not.toBe(first.json.liveness.spoof_prob);
  });

  it('judges the bytes, not the declared type: a video sent as application/octet-stream or multipart/form-data is read', async () => {
    for (const type of ['application/octet-stream', 'multipart/form-data', 'video/webm']) {
      const { json } = await postFpt(sim.url, { video: { bytes: HD, type, filename: 'clip.webm' } });
      expect(json.code).toBe('200');
    }
  });

  it('accepts webm, mov, an mp4 with its moov atom at the end, and the Safari and Chrome recorder shapes', async () => {
    const names = [
      'video-720p-25fps-5s.webm',
      'video-720p-25fps-5s.mov',
      'video-720p-30fps-5s-moov-at-end.mp4',
      'video-720p-25fps-5s-fragmented.mp4',
      'video-720p-25fps-5s-live.webm',
    ];
    for (const name of names) {
      const { json } = await postFpt(sim.url, { video: { bytes: fixture(name), filename: name } });
      expect(json.code, name).toBe('200');
      expect(json.liveness.warning, name).toBe('');
    }
  });

  it('answers a low-resolution, low-frame-rate video with success, the resolution warning and deepfake fields computed', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: fixture('video-360p-15fps-5s.mp4') } });
    expectFptShape(json);
    expect(json.code).toBe('200');
    expect(json.liveness).toMatchObject({ is_live: 'true', is_deepfake: 'false', warning: LOW_RES_WARNING });
    expect(json.liveness.deepfake_prob).toMatch(/^0\.\d{4}$/);
  });

  it.each([
    ['no video part', {}],
    ['an empty video', { video: { bytes: new Uint8Array() } }],
    ['a text file as the video', { video: { bytes: fixture('not-media.txt') } }],
    ['a video over 10 MB', { video: { bytes: new Uint8Array(10 * 1024 * 1024 + 1) } }],
  ])('answers 409 "Invalid upload video" in all three blocks for %s', async (_name, parts) => {
    const { status, json } = await postFpt(sim.url, parts);
    expect(status).toBe(200);
    expectFptShape(json);
    expect(json).toEqual({
      code: '409',
      message: 'Invalid upload video',
      liveness: {
        code: '409',
        message: 'Invalid upload video',
        is_live: 'N/A',
        spoof_prob: 'N/A',
        need_to_review: 'N/A',
        is_deepfake: 'N/A',
        deepfake_prob: 'N/A',
        warning: 'N/A',
      },
      face_match: { code: '409', message: 'Invalid upload video', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' },
    });
  });

  it('answers 409 "Invalid upload video" at once to an mp4 whose sample tables are corrupt, and keeps serving', async () => {
    const corrupt = HD.slice();
    const ctts = Buffer.from(corrupt).indexOf('ctts', 0, 'latin1') + 4;
    new DataView(corrupt.buffer).setUint32(ctts + 8, 0x7fff_fff0);
    expect((await postFpt(sim.url, { video: { bytes: corrupt } })).json.message).toBe('Invalid upload video');
    expect((await postFpt(sim.url, { video: { bytes: HD } })).json.code).toBe('200');
  });

  it('answers 409 "Invalid upload video" to a JSON body instead of multipart', async () => {
    const response = await fetch(`${sim.url}/dmp/liveness/v3`, {
      method: 'POST',
      headers: { 'api-key': 'k', 'content-type': 'application/json' },
      body: '{"video":"x"}',
    });
    expect(((await response.json()) as { code: string }).code).toBe('409');
  });

  it('answers 409 "Invalid upload video" for an mp4 cut short in its frame data', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: HD.subarray(0, Math.floor(HD.length * 0.8)) } });
    expect(json.code).toBe('409');
    expect(json.message).toBe('Invalid upload video');
  });

  it('answers 409 "Video is too short" for a 2 s video', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-2s.mp4') } });
    expect(json.code).toBe('409');
    expect(json.liveness.message).toBe('Video is too short');
  });

  it.each([
    ['a one-frame video', 'video-one-frame.mp4'],
    ['a JPEG posted as the video', 'face-1024x768.jpg'],
    ['a PNG posted as the video', 'face-640x480.png'],
  ])('answers 413 "Video may seem like image" for %s, with face_match all "N/A"', async (_name, file) => {
    const { json } = await postFpt(sim.url, { video: { bytes: fixture(file) } });
    expectFptShape(json);
    expect(json).toEqual({
      code: '413',
      message: 'Video may seem like image',
      liveness: {
        code: '413',
        message: 'Video may seem like image',
        is_live: 'false',
        spoof_prob: 'N/A',
        need_to_review: 'false',
        is_deepfake: 'N/A',
        deepfake_prob: 'N/A',
        warning: '',
      },
      face_match: { code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' },
    });
  });

  it('compares a cmnd image: face_match 200 with isMatch and a two-decimal similarity', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: HD }, cmnd: { bytes: fixture('face-1024x768.jpg') } });
    expectFptShape(json);
    expect(json.code).toBe('200');
    expect(json.face_match).toMatchObject({ code: '200', message: 'face matching successful', isMatch: 'true', warning: 'N/A' });
    expect(json.face_match.similarity).toMatch(/^\d{2}\.\d{2}$/);
  });

  it('warns in face_match when the cmnd image is under 800x600', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: HD }, cmnd: { bytes: fixture('face-small-320x240.jpg') } });
    expect(json.code).toBe('200');
    expect(json.face_match.warning).toBe('Resolution of image is too low. Please upload image with at least 800x600 resolution to ensure accuracy');
  });

  it.each([
    ['a text cmnd holding a URL', 'https://example.com/face.jpg'],
    ['a GIF cmnd', { bytes: fixture('image.gif'), type: 'image/gif' }],
    ['a truncated JPEG cmnd', { bytes: fixture('truncated.jpg') }],
    ['a cmnd over 5 MB', { bytes: new Uint8Array(5 * 1024 * 1024 + 1) }],
  ])('answers 409 "Invalid upload image" in all three blocks for %s (the seed\'s third example)', async (_name, cmnd) => {
    const { json } = await postFpt(sim.url, { video: { bytes: HD }, cmnd });
    expect(json).toEqual({
      code: '409',
      message: 'Invalid upload image',
      liveness: {
        code: '409',
        message: 'Invalid upload image',
        is_live: 'N/A',
        spoof_prob: 'N/A',
        need_to_review: 'N/A',
        is_deepfake: 'N/A',
        deepfake_prob: 'N/A',
        warning: 'N/A',
      },
      face_match: { code: '409', message: 'Invalid upload image', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' },
    });
  });

  it('serves the same contract on the eKYC alias /vision/ekyc/liveness', async () => {
    const { json } = await postFpt(sim.url, { video: { bytes: HD } }, { 'api-key': 'k' }, '/vision/ekyc/liveness');
    expect(json.code).toBe('200');
  });
});

describe('FPT.AI quirk settings', () => {
  it('refuses webm with 409 "Wrong extension of video" when webm is "refuse"', async () => {
    const sim = await startSimulator({ port: 0, set: ['fpt.webm=refuse'] });
    try {
      const { json } = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.webm'), filename: 'v.webm', type: 'video/webm' } });
      expect(json.code).toBe('409');
      expect(json.message).toBe('Wrong extension of video');
      const mp4 = await postFpt(sim.url, { video: { bytes: HD } });
      expect(mp4.json.code).toBe('200');
    } finally {
      await sim.close();
    }
  });

  it('mirrors the body code as the HTTP status when httpStatus is "mirror"', async () => {
    const sim = await startSimulator({ port: 0, set: ['fpt.httpStatus=mirror'] });
    try {
      expect((await postFpt(sim.url, { video: { bytes: HD } })).status).toBe(200);
      expect((await postFpt(sim.url, {})).status).toBe(409);
      expect((await postFpt(sim.url, { video: { bytes: fixture('video-one-frame.mp4') } })).status).toBe(413);
    } finally {
      await sim.close();
    }
  });
});
