import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { OUTCOMES } from '../../simulator/vendors/fpt/outcomes.js';
import { fixture } from '../support/fixtures.js';
import { expectFptShape, postFpt } from '../support/fpt-client.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
const cmnd = { bytes: fixture('face-1024x768.jpg') };
const NA_FACE_MATCH = { code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' };

describe('FPT.AI outcomes through scenarios: every documented code is reachable', () => {
  let sim: RunningSimulator;
  const as = (scenario: string, parts: Parameters<typeof postFpt>[1] = { video }) => postFpt(sim.url, parts, { 'api-key': 'k', 'X-Sim-Scenario': scenario });
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('ships one scenario per outcome, and every one renders a strict v3 body', async () => {
    for (const name of Object.keys(OUTCOMES).filter((n) => n !== 'unauthorized')) {
      const { status, json } = await as(`fpt/${name}`, { video, cmnd });
      expect(status, name).toBe(200);
      expectFptShape(json);
    }
  });

  it.each([
    ['face-quality', '406', 'Face quality is not good enough'],
    ['multiple-faces', '408', 'More than 1 face in the video'],
    ['no-face', '410', 'No face detected in the video'],
    ['face-too-small', '411', 'The face is too small'],
    ['face-too-blurry', '412', 'The face is too blurry'],
    ['still-image', '413', 'Video may seem like image'],
    ['no-frontal-face', '422', 'No frontal face in the video'],
    ['face-out-of-frame', '423', 'Face is out of frame during the video'],
  ])('fpt/%s answers code %s in liveness and at the top, is_live "false", face_match all "N/A" (rule 2)', async (name, code, message) => {
    const { json } = await as(`fpt/${name}`, { video, cmnd });
    expect(json).toEqual({
      code,
      message,
      liveness: { code, message, is_live: 'false', spoof_prob: 'N/A', need_to_review: 'false', is_deepfake: 'N/A', deepfake_prob: 'N/A', warning: '' },
      face_match: NA_FACE_MATCH,
    });
  });

  it.each([
    ['invalid-video', 'Invalid upload video'],
    ['invalid-image', 'Invalid upload image'],
    ['video-too-short', 'Video is too short'],
    ['wrong-extension', 'Wrong extension of video'],
  ])('fpt/%s answers code 409 with the same message in all three blocks (rule 1)', async (name, message) => {
    const { json } = await as(`fpt/${name}`);
    expect([json.code, json.liveness.code, json.face_match.code]).toEqual(['409', '409', '409']);
    expect([json.message, json.liveness.message, json.face_match.message]).toEqual([message, message, message]);
    expect(json.liveness.is_live).toBe('N/A');
  });

  it('fpt/no-face-in-image computes liveness in full and carries 407 in face_match and at the top (rule 3)', async () => {
    const { json } = await as('fpt/no-face-in-image', { video, cmnd });
    expect(json.code).toBe('407');
    expect(json.message).toBe('No faces detected in document');
    expect(json.liveness).toMatchObject({ code: '200', is_live: 'true' });
    expect(json.face_match).toEqual({ code: '407', message: 'No faces detected in document', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' });
  });

  it('fpt/not-live answers 200 with is_live "false" and a spoof_prob above 0.5', async () => {
    const { json } = await as('fpt/not-live');
    expect(json.code).toBe('200');
    expect(json.liveness.is_live).toBe('false');
    expect(Number(json.liveness.spoof_prob)).toBeGreaterThan(0.5);
  });

  it('fpt/needs-review sets need_to_review "true"', async () => {
    expect((await as('fpt/needs-review')).json.liveness.need_to_review).toBe('true');
  });

  it('fpt/deepfake and fpt/low-resolution compute the deepfake fields and carry the warning', async () => {
    const deepfake = (await as('fpt/deepfake')).json.liveness;
    expect(deepfake).toMatchObject({ is_live: 'false', is_deepfake: 'true' });
    expect(Number(deepfake.deepfake_prob)).toBeGreaterThan(0.5);
    const lowRes = (await as('fpt/low-resolution')).json.liveness;
    expect(lowRes).toMatchObject({ is_live: 'true', is_deepfake: 'false' });
    expect(lowRes.warning).toMatch(/^Resolution of video is too low/);
  });

  it('fpt/face-mismatch answers isMatch "false" with a low similarity; fpt/face-match "true"', async () => {
    const mismatch = (await as('fpt/face-mismatch', { video, cmnd })).json.face_match;
    expect(mismatch.isMatch).toBe('false');
    expect(Number(mismatch.similarity)).toBeLessThan(50);
    expect((await as('fpt/face-match', { video, cmnd })).json.face_match.isMatch).toBe('true');
  });

  it('fpt/live without a cmnd keeps face_match present with every value "N/A" (rule 5)', async () => {
    expect((await as('fpt/live')).json.face_match).toEqual(NA_FACE_MATCH);
  });

  it('fpt/unauthorized answers the auth failure even with a valid key', async () => {
    const { status, text } = await as('fpt/unauthorized');
    expect(status).toBe(401);
    expect(text).toBe('{"code":"401","message":"Invalid API key"}');
  });

  it("fpt/seed-success reproduces the seed's success sample value for value", async () => {
    const { text } = await as('fpt/seed-success', { video, cmnd });
    const seed = {
      code: '200',
      message: 'request successful',
      liveness: {
        code: '200',
        message: 'liveness check successful',
        is_live: 'true',
        spoof_prob: '0.3587',
        need_to_review: 'false',
        is_deepfake: 'N/A',
        deepfake_prob: 'N/A',
        warning: '',
      },
      face_match: { code: '200', message: 'face matching successful', isMatch: 'true', similarity: '99.97', warning: 'N/A' },
    };
    expect(text).toBe(JSON.stringify(seed));
  });

  it('a scenario never hides a malformed upload: no video part answers 409 in all three blocks, not the scenario', async () => {
    const { json } = await as('fpt/no-face', {});
    expect(json).toMatchObject({ code: '409', message: 'Invalid upload video', liveness: { code: '409' }, face_match: { code: '409' } });
  });

  it("answers an unknown scenario with the simulator's own 400 problem naming the closest ids, not a vendor body", async () => {
    const { status, headers, json } = await as('fpt/no-fac');
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(json.type).toBe('urn:liveness-sim:problem:unknown-scenario');
    expect(json.closest[0]).toBe('fpt/no-face');
    expect(json.detail).toMatch(/^\[liveness-sim\]/);
  });

  it("refuses another vendor's scenario on an FPT route", async () => {
    const { status, json } = await as('verihubs/anything');
    expect(status).toBe(400);
    expect(json.closest.every((id: string) => id.startsWith('fpt/'))).toBe(true);
  });

  it('selects fpt/by-filename when the upload\'s file name contains "spoof", with no header', async () => {
    const { json } = await postFpt(sim.url, { video: { ...video, filename: 'user-spoof-attempt.mp4' } });
    expect(json.liveness.is_live).toBe('false');
    expect((await postFpt(sim.url, { video })).json.liveness.is_live).toBe('true');
  });
});
