import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { FptLivenessClient } from './client.js';
import { PACT_DIR } from '../pact-dir.js';

const { like, regex } = MatchersV3;

// A small real video (6 kB; scenarios choose the verdict): the pact file carries it, and the verifier sends it back.
const VIDEO_PATH = fileURLToPath(new URL('../../../test/fixtures/video-one-frame.mp4', import.meta.url));
const video = { bytes: new Uint8Array(readFileSync(VIDEO_PATH)), filename: 'selfie.mp4', type: 'video/mp4' };
const BOUNDARY = 'liveness-sim-example-boundary';

const pact = new PactV4({ consumer: 'fpt-example-client', provider: 'fpt-liveness', dir: PACT_DIR, logLevel: 'warn' });

const probability = regex(/^(0|1)\.\d{4}$|^N\/A$/, '0.0015');
const naFaceMatch = { code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' };

function upload(state: string, description: string) {
  return pact
    .addInteraction()
    .given(state)
    .uponReceiving(description)
    .withRequest('POST', '/dmp/liveness/v3', (builder) => {
      builder.headers({ 'api-key': 'example-key' }).multipartBody('video/mp4', VIDEO_PATH, 'video', BOUNDARY);
    });
}

describe('FPT.AI consumer pact', () => {
  it('a live video is judged live', async () => {
    await upload('scenario: fpt/live', 'a live selfie video')
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: '200',
          message: like('request successful'),
          liveness: {
            code: '200',
            message: like('liveness check successful'),
            is_live: 'true',
            spoof_prob: probability,
            need_to_review: 'false',
            is_deepfake: like('N/A'),
            deepfake_prob: like('N/A'),
            warning: like('N/A'),
          },
          face_match: naFaceMatch,
        });
      })
      .executeTest(async (server) => {
        const verdict = await new FptLivenessClient(server.url, 'example-key').check(video);
        expect(verdict.live).toBe(true);
      });
  });

  it('a spoof is a 200 whose is_live is the string "false"', async () => {
    await upload('scenario: fpt/not-live', 'a spoofed selfie video')
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: '200',
          message: like('request successful'),
          liveness: {
            code: '200',
            message: like('liveness check successful'),
            is_live: 'false',
            spoof_prob: probability,
            need_to_review: like('false'),
            is_deepfake: like('N/A'),
            deepfake_prob: like('N/A'),
            warning: like('N/A'),
          },
          face_match: naFaceMatch,
        });
      })
      .executeTest(async (server) => {
        const verdict = await new FptLivenessClient(server.url, 'example-key').check(video);
        expect(verdict).toMatchObject({ code: '200', live: false });
      });
  });

  it('an unreadable upload is body code 409 Invalid upload video', async () => {
    await upload('scenario: fpt/invalid-video', 'an upload FPT.AI cannot read')
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
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
      })
      .executeTest(async (server) => {
        const verdict = await new FptLivenessClient(server.url, 'example-key').check(video);
        expect(verdict).toMatchObject({ code: '409', live: false });
      });
  });

  it('a still image sent as the video is body code 413', async () => {
    await upload('scenario: fpt/still-image', 'a video that is a still image')
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: '413',
          message: 'Video may seem like image',
          // The vendor's own 413 sample: judged not live, an empty warning.
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
          face_match: naFaceMatch,
        });
      })
      .executeTest(async (server) => {
        const verdict = await new FptLivenessClient(server.url, 'example-key').check(video);
        expect(verdict).toMatchObject({ code: '413', live: false });
      });
  });
});
