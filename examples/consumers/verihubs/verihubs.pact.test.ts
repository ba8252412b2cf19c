import { readFileSync } from 'node:fs';
import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { VerihubsLivenessClient } from './client.js';
import { PACT_DIR } from '../pact-dir.js';

const { like, integer, boolean, regex, uuid } = MatchersV3;

// A small real face (2.6 kB JPEG), as the standard base64 the vendor expects.
const image = readFileSync(new URL('../../../test/fixtures/face-small-320x240.jpg', import.meta.url)).toString('base64');
const headers = { 'Content-Type': 'application/json', 'App-ID': 'example-app', 'API-Key': 'example-key' };
const ALL_VALIDATIONS = { image, is_quality: true, is_attribute: true, validate_quality: true, validate_attribute: true, validate_nface: true };

const pact = new PactV4({ consumer: 'verihubs-example-client', provider: 'verihubs-liveness', dir: PACT_DIR, logLevel: 'warn' });

const score = regex(/^\d+(\.\d+)?$/, '0.12');
const result = {
  status_code: '200',
  session_id: uuid('3f1c2a9e-6b7d-4e21-9a55-0c8d2f4b7e10'),
  timestamp: integer(1717000000000),
  nface: integer(1),
  liveness: { status: boolean(true), probability: regex(/^\d+(\.\d+)?$/, '99.87') },
  image_quality: { blur: boolean(false), blur_score: score, dark: boolean(false), dark_score: score, grayscale: boolean(false) },
  attributes: { sunglasses_on: boolean(false), mask_on: boolean(false), veil_on: boolean(false), hat_on: boolean(false) },
};

describe('Verihubs consumer pact', () => {
  it('a live face passes', async () => {
    await pact
      .addInteraction()
      .given('scenario: verihubs/success')
      .uponReceiving('a live face with quality and attributes')
      .withRequest('POST', '/v1/face/liveness', (builder) => {
        builder.headers(headers).jsonBody({ image, is_quality: true, is_attribute: true });
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({ message: 'Request Success', ...result, liveness: { status: true, probability: like('99.87') } });
      })
      .executeTest(async (server) => {
        const outcome = await new VerihubsLivenessClient(server.url, 'example-app', 'example-key').check(image);
        expect(outcome).toMatchObject({ kind: 'passed', live: true });
      });
  });

  it('every validation failing is FAIL_ON_14, an HTTP 200 with the whole result', async () => {
    await pact
      .addInteraction()
      .given('scenario: verihubs/fail-on-14-attribute-quality-nface')
      .uponReceiving('a face failing attribute, quality and face-count validations')
      .withRequest('POST', '/v1/face/liveness', (builder) => {
        builder.headers(headers).jsonBody(ALL_VALIDATIONS);
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          message: like('fail on fail on number of face (nface), quality, and attribute'),
          error_code: 'FAIL_ON_14',
          ...result,
          nface: integer(2),
        });
      })
      .executeTest(async (server) => {
        const client = new VerihubsLivenessClient(server.url, 'example-app', 'example-key');
        const outcome = await client.check(image, { validate_quality: true, validate_attribute: true, validate_nface: true });
        expect(outcome).toMatchObject({ kind: 'failed-validation', errorCode: 'FAIL_ON_14' });
      });
  });

  it('an image without a face is HTTP 400 FACE_NOT_DETECTED', async () => {
    await pact
      .addInteraction()
      .given('verihubs/face-not-detected')
      .uponReceiving('an image without a face')
      .withRequest('POST', '/v1/face/liveness', (builder) => {
        builder.headers(headers).jsonBody({ image, is_quality: true, is_attribute: true });
      })
      .willRespondWith(400, (builder) => {
        builder.jsonBody({ message: 'face not detected from image', error_code: 'FACE_NOT_DETECTED' });
      })
      .executeTest(async (server) => {
        const outcome = await new VerihubsLivenessClient(server.url, 'example-app', 'example-key').check(image);
        expect(outcome).toEqual({ kind: 'refused', status: 400, errorCode: 'FACE_NOT_DETECTED', message: 'face not detected from image' });
      });
  });
});
