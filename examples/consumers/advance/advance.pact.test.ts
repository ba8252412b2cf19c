import { PactV4, MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { AdvanceLivenessClient } from './client.js';
import { PACT_DIR } from '../pact-dir.js';

const { like, integer, decimal, regex, fromProviderState, nullValue } = MatchersV3;

// The vendor's documented demo pair, which the simulator accepts out of the box.
const ACCESS_KEY = 'sampleaccesskey';
const SECRET_KEY = 'samplesecretkey';
const SIGNATURE_ID = 'e0d9c3a4b5f6a7b8';
const EXAMPLE_TOKEN = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJzYW1wbGVhY2Nlc3NrZXkifQ.c2lnbmF0dXJl';

const pact = new PactV4({ consumer: 'advance-example-client', provider: 'advance-liveness', dir: PACT_DIR, logLevel: 'warn' });

const transactionId = regex(/^[0-9a-f]{16}$/, '196eb0c777789e58');
// The token and the signed timestamp change at every run: the provider state gives them at
// verification time (liveness-sim's states return `timestamp`, `signature` and `accessToken`).
const tokenHeader = { 'Content-Type': 'application/json', 'X-ACCESS-TOKEN': fromProviderState('${accessToken}', EXAMPLE_TOKEN) };
// The simulator's well-known liveness ids stand for a capture made on a phone (its README).
const LIVE_ID = 'sim-live-pass';
const ATTACK_ID = 'sim-attack-presentation';
const imageUrl = regex(/^https?:\/\/.+$/, 'http://localhost:8080/standard-images/random_20250101120000000_1478837456');

function client(url: string) {
  return new AdvanceLivenessClient(url, ACCESS_KEY, SECRET_KEY, () => 1735732800000);
}

describe('ADVANCE.AI consumer pact', () => {
  it('a signed request gets a token', async () => {
    await pact
      .addInteraction()
      .given('realistic')
      .uponReceiving('a token request signed with the access key')
      .withRequest('POST', '/openapi/auth/ticket/v1/generate-token', (builder) => {
        builder.headers({ 'Content-Type': 'application/json' }).jsonBody({
          accessKey: ACCESS_KEY,
          timestamp: fromProviderState('${timestamp}', '1735732800000'),
          signature: fromProviderState('${signature}', 'a'.repeat(64)),
          periodSecond: 3600,
        });
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: 'SUCCESS',
          message: 'OK',
          data: { token: like(EXAMPLE_TOKEN), expiredTime: integer(1735736400000) },
          extra: null,
          transactionId,
          pricingStrategy: 'FREE',
        });
      })
      .executeTest(async (server) => {
        expect(await client(server.url).token()).toBe(EXAMPLE_TOKEN);
      });
  });

  it('a live capture has a detection result with a score and no attack type', async () => {
    await pact
      .addInteraction()
      .given('scenario: advance/live-pass')
      .uponReceiving('a detection result of a live capture')
      .withRequest('POST', '/openapi/liveness/v3/detection-result', (builder) => {
        builder.headers(tokenHeader).jsonBody({ livenessId: LIVE_ID, resultType: 'IMAGE_URL' });
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: 'SUCCESS',
          message: 'OK',
          data: {
            detectionResult: imageUrl,
            livenessScore: decimal(99.5),
            auditImageUrl: null,
            imageFarUrl: imageUrl,
            farImageTime: integer(1735732798000),
            imageNearUrl: imageUrl,
            nearImageTime: integer(1735732800000),
            attackType: nullValue(),
            attackSubType: null,
          },
          extra: null,
          transactionId,
          pricingStrategy: 'PAY',
        });
      })
      .executeTest(async (server) => {
        const envelope = await client(server.url).detectionResult(EXAMPLE_TOKEN, { livenessId: LIVE_ID });
        expect(envelope.code).toBe('SUCCESS');
        expect(envelope.data?.attackType).toBeNull();
      });
  });

  it('a presentation attack scores low with attackType 1', async () => {
    await pact
      .addInteraction()
      .given('scenario: advance/attack-presentation')
      .uponReceiving('a detection result of a presentation attack')
      .withRequest('POST', '/openapi/liveness/v3/detection-result', (builder) => {
        builder.headers(tokenHeader).jsonBody({ livenessId: ATTACK_ID, resultType: 'IMAGE_URL' });
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: 'SUCCESS',
          message: 'OK',
          data: like({
            detectionResult: imageUrl,
            livenessScore: decimal(12.5),
            auditImageUrl: null,
            imageFarUrl: imageUrl,
            farImageTime: integer(1735732798000),
            imageNearUrl: imageUrl,
            nearImageTime: integer(1735732800000),
            attackType: 1,
            attackSubType: null,
          }),
          extra: null,
          transactionId,
          pricingStrategy: 'PAY',
        });
      })
      .executeTest(async (server) => {
        const envelope = await client(server.url).detectionResult(EXAMPLE_TOKEN, { livenessId: ATTACK_ID });
        expect(envelope.data?.attackType).toBe(1);
      });
  });

  it('a cleared or unknown capture is RESULT_NOT_FOUND', async () => {
    await pact
      .addInteraction()
      .given('scenario: advance/result-not-found')
      .uponReceiving('a detection result of a capture that is gone')
      .withRequest('POST', '/openapi/liveness/v3/detection-result', (builder) => {
        builder.headers(tokenHeader).jsonBody({ signatureId: SIGNATURE_ID, resultType: 'IMAGE_URL' });
      })
      .willRespondWith(200, (builder) => {
        builder.jsonBody({
          code: 'RESULT_NOT_FOUND',
          message: 'The requested resource was not found or has been deleted',
          data: null,
          extra: null,
          transactionId,
          pricingStrategy: 'FREE',
        });
      })
      .executeTest(async (server) => {
        const envelope = await client(server.url).detectionResult(EXAMPLE_TOKEN, { signatureId: SIGNATURE_ID });
        expect(envelope).toMatchObject({ code: 'RESULT_NOT_FOUND', data: null });
      });
  });
});
