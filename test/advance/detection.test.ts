import { beforeAll, describe, expect, it } from 'vitest';
import { clientFor, DEMO, expectError, expectSuccess, PATHS, signatureOf, startAdvance, useAdvance } from './client.js';

const ILLEGAL = 'Parameter error, please check your request whether has illegal parameters';

describe('ADVANCE.AI detection result: errors (seed 002 "Response Code")', () => {
  const { api } = useAdvance();
  let token: string;
  beforeAll(async () => {
    token = await api.tokenOf();
  });

  it('answers PARAMETER_ERROR "Parameter should not be empty" when both ids are empty', async () => {
    for (const body of [{}, { livenessId: '', signatureId: null }, { resultType: 'IMAGE_URL' }]) {
      expectError(await api.detect(token, body), 'PARAMETER_ERROR', 'Parameter should not be empty');
    }
  });

  it('answers PARAMETER_ERROR "...illegal parameters" to an unknown resultType', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    expectError(await api.detect(token, { livenessId, resultType: 'IMAGE_PNG' }), 'PARAMETER_ERROR', ILLEGAL);
  });

  it('answers LIVENESS_ID_NOT_EXISTED to a liveness id never created, and to a signature id never issued', async () => {
    expectError(await api.detect(token, { livenessId: 'ddsd-9e6-dcc9-4ca1-bdfe-9f001c05f1b1' }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expectError(await api.detect(token, { signatureId: '0'.repeat(32) }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
  });

  it('answers LIVENESS_ID_NOT_EXISTED to a signature id the SDK has not used yet', async () => {
    const signatureId = await api.signatureIdOf(token);
    expectError(await api.detect(token, { signatureId }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
  });

  it('answers PARAMETER_ERROR "...illegal parameters" when the two ids belong to different detections', async () => {
    const signatureId = await api.signatureIdOf(token);
    await api.capture({ accessKey: DEMO.accessKey, signatureId });
    const other = await api.capture({ accessKey: DEMO.accessKey });
    expectError(await api.detect(token, { signatureId, livenessId: other.livenessId }), 'PARAMETER_ERROR', ILLEGAL);
  });

  it('answers SUCCESS when both ids are given and belong to one detection', async () => {
    const signatureId = await api.signatureIdOf(token);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId });
    expectSuccess(await api.detect(token, { signatureId, livenessId }), 'PAY');
  });

  it('answers a retried detection by signature id with the same result again: a new transactionId, PAY again (advance.md §2)', async () => {
    const signatureId = await api.signatureIdOf(token);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId, livenessScore: 73.5 });
    const first = await api.detect(token, { signatureId });
    const retry = await api.detect(token, { signatureId });
    const [a, b] = [expectSuccess(first, 'PAY'), expectSuccess(retry, 'PAY')];
    expect(b).toMatchObject({ livenessScore: 73.5, attackType: null, farImageTime: a.farImageTime, nearImageTime: a.nearImageTime });
    expect(retry.json.transactionId).not.toBe(first.json.transactionId);
    expectSuccess(await api.detect(token, { livenessId }), 'PAY');
    expectSuccess(await api.detect(token, { signatureId, livenessId }), 'PAY');
    // Until clear-data.
    expectSuccess(await api.call('GET', PATHS.clearData, { token, query: { signatureId } }));
    expectError(await api.detect(token, { signatureId }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
  });

  it('answers RESULT_NOT_FOUND after clear-data, by either id', async () => {
    const signatureId = await api.signatureIdOf(token);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId });
    expectSuccess(await api.call('GET', PATHS.clearData, { token, query: { signatureId } }));
    expectError(await api.detect(token, { livenessId }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
    expectError(await api.detect(token, { signatureId }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
  });

  it.each([[{ livenessId: { id: 1 } }], [{ signatureId: ['a'] }], [{ resultType: 7, livenessId: {} }]])(
    'answers PARAMETER_ERROR "please check you input." to a field of the wrong type %j',
    async (body) => {
      expectError(await api.detect(token, body), 'PARAMETER_ERROR', 'Parameter error, please check you input.');
    },
  );

  it('reads a number where a string is expected as its text (as Jackson does)', async () => {
    expectError(await api.detect(token, { livenessId: 12345 }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
  });

  it.each([
    ['not JSON', '{livenessId: x}'],
    ['no body', ''],
    ['a JSON array', '["x"]'],
  ])('answers CLIENT_ERROR "HTTP 400 - Bad Request" to %s', async (_what, rawBody) => {
    expectError(await api.call('POST', PATHS.detection, { token, rawBody }), 'CLIENT_ERROR', 'HTTP 400 - Bad Request');
  });

  it('answers CLIENT_ERROR "HTTP 405 - Method Not Allowed" to a GET on detection-result and a POST on clear-data', async () => {
    expectError(await api.call('GET', PATHS.detection, { token }), 'CLIENT_ERROR', 'HTTP 405 - Method Not Allowed');
    expectError(await api.call('POST', PATHS.clearData, { token, body: {} }), 'CLIENT_ERROR', 'HTTP 405 - Method Not Allowed');
  });

  it('answers get-video and clear-data errors: empty ids, unknown ids, no video', async () => {
    for (const path of [PATHS.getVideo, PATHS.clearData]) {
      expectError(await api.call('GET', path, { token }), 'PARAMETER_ERROR', 'Parameter should not be empty');
      expectError(await api.call('GET', path, { token, query: { livenessId: 'nope' } }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
      expectError(await api.call('GET', path, { token, query: { signatureId: 'nope' } }), 'SIGNATURE_ID_NOT_EXIST', 'Signature id does not exist');
    }
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, video: false });
    expectError(await api.call('GET', PATHS.getVideo, { token, query: { livenessId } }), 'VIDEO_NOT_FOUND', 'Video not found');
  });
});

describe('ADVANCE.AI detection result: scores and attack types', () => {
  const { api } = useAdvance();
  let token: string;
  beforeAll(async () => {
    token = await api.tokenOf();
  });

  it.each([
    ['sim-live-pass', '100.0', 'null'],
    ['sim-live-typical', '87.5', 'null'],
    ['sim-borderline-pass', '50.0', 'null'],
    ['sim-borderline-fail', '49.9', '3'],
    ['sim-attack-presentation', '12.5', '1'],
    ['sim-attack-injection', '8.0', '2'],
    ['sim-attack-unsure', '0.0', '3'],
  ])('well-known id %s answers livenessScore %s and attackType %s, written so in the body text', async (livenessId, score, attackType) => {
    const reply = await api.detect(token, { livenessId });
    expectSuccess(reply, 'PAY');
    expect(reply.text).toContain(`"livenessScore":${score},`);
    expect(reply.text).toContain(`"attackType":${attackType},"attackSubType":null}`);
  });

  it("writes a capture's whole-number score with a decimal point: 100.0, never 100 (advance.md §4)", async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, livenessScore: 100 });
    const reply = await api.detect(token, { livenessId });
    expect(reply.text).toContain('"livenessScore":100.0,');
    expect(reply.text).not.toMatch(/"livenessScore":100[,}]/);
    const zero = await api.detect(token, { livenessId: (await api.capture({ accessKey: DEMO.accessKey, livenessScore: 0, attackType: 1 })).livenessId });
    expect(zero.text).toContain('"livenessScore":0.0,');
  });

  it('writes a tiny score with its digits, never in exponent notation: 0.0000001, not 1e-7', async () => {
    const created = await api.call('POST', PATHS.captures, { body: { accessKey: DEMO.accessKey, livenessScore: 0.0000001, attackType: 1 } });
    expect(created.text).toContain('"livenessScore":0.0000001,');
    const reply = await api.detect(token, { livenessId: created.json.livenessId });
    expect(expectSuccess(reply, 'PAY')).toMatchObject({ livenessScore: 0.0000001, attackType: 1 });
    expect(reply.text).toContain('"livenessScore":0.0000001,');
    expect(reply.text).not.toMatch(/:-?\d+(?:\.\d+)?[eE]/); // no JSON number in exponent notation
  });

  it('gives an under-50 capture with no attack type attackType 3, and a 50+ one null', async () => {
    const low = await api.capture({ accessKey: DEMO.accessKey, livenessScore: 30 });
    expect((await api.detect(token, { livenessId: low.livenessId })).json.data.attackType).toBe(3);
    const high = await api.capture({ accessKey: DEMO.accessKey, livenessScore: 50 });
    expect((await api.detect(token, { livenessId: high.livenessId })).json.data.attackType).toBeNull();
  });

  it('gives a capture with no score asked for a pass drawn from its id (one id, one score)', async () => {
    const { livenessId, livenessScore } = await api.capture({ accessKey: DEMO.accessKey });
    expect(livenessScore).toBeGreaterThanOrEqual(50);
    expect(livenessScore).toBeLessThan(100);
    const first = await api.detect(token, { livenessId });
    const second = await api.detect(token, { livenessId });
    expect(first.json.data.livenessScore).toBe(livenessScore);
    expect(second.json.data.livenessScore).toBe(livenessScore);
  });

  it("lets X-Sim-Scenario set the score and attack type of any capture's detection", async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, livenessScore: 95 });
    const reply = await api.call('POST', PATHS.detection, { token, body: { livenessId }, headers: { 'X-Sim-Scenario': 'advance/attack-injection' } });
    expect(expectSuccess(reply, 'PAY')).toMatchObject({ livenessScore: 8, attackType: 2 });
    expect(reply.text).toContain('"livenessScore":8.0,');
  });

  it('still checks the token for a well-known id', async () => {
    expectError(
      await api.call('POST', PATHS.detection, { body: { livenessId: 'sim-live-pass' } }),
      'IAM_FAILED',
      'You are not authorized by the Identity and Access Management system',
    );
  });

  it('clears a well-known id like any capture', async () => {
    const other = await api.tokenOf();
    expectSuccess(await api.call('GET', PATHS.clearData, { token: other, query: { livenessId: 'sim-borderline-pass' } }));
    expectError(await api.detect(other, { livenessId: 'sim-borderline-pass' }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
  });
});

describe('ADVANCE.AI detection result: retention on the simulator clock', () => {
  it('answers RESULT_NOT_FOUND once a capture is older than resultRetentionSeconds', async () => {
    const sim = await startAdvance({ resultRetentionSeconds: 3600 });
    try {
      const api = clientFor(sim);
      const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
      await api.advanceClock('59m');
      expectSuccess(await api.detect(await api.tokenOf(), { livenessId }), 'PAY');
      await api.advanceClock('2m');
      expectError(await api.detect(await api.tokenOf(), { livenessId }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
    } finally {
      await sim.close();
    }
  });
});

describe('ADVANCE.AI request parameters: the JSON body of a POST, the query of a GET (advance.md "Conventions")', () => {
  const { api } = useAdvance();
  let token: string;
  beforeAll(async () => {
    token = await api.tokenOf();
  });

  it('ignores ids in the query string of a detection: a body without ids is "Parameter should not be empty"', async () => {
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
    for (const query of [{ livenessId }, { livenessId: 'sim-live-pass' }]) {
      expectError(await api.call('POST', PATHS.detection, { token, query, body: {} }), 'PARAMETER_ERROR', 'Parameter should not be empty');
    }
  });

  it("does not let a query string choose a well-known id's scenario for the id in the body", async () => {
    const reply = await api.call('POST', PATHS.detection, { token, query: { livenessId: 'sim-live-pass' }, body: { livenessId: 'never-created' } });
    expectError(reply, 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
  });

  it('ignores token fields in the query string: a body without them is "Parameter should not be empty"', async () => {
    const timestamp = String(api.now());
    const query = { accessKey: DEMO.accessKey, timestamp, signature: signatureOf(DEMO.accessKey, DEMO.secretKey, timestamp) };
    expectError(await api.call('POST', PATHS.token, { query, body: {} }), 'PARAMETER_ERROR', 'Parameter should not be empty');
  });

  it('ignores options in the query string of a POST, reads them from the query of a GET', async () => {
    const post = await api.call('POST', PATHS.signatureId, { token, query: { livenessType: 'NOT_A_TYPE' }, body: {} });
    expectSuccess(post);
    expectError(await api.call('GET', PATHS.signatureId, { token, query: { livenessType: 'NOT_A_TYPE' } }), 'PARAMETER_ERROR', ILLEGAL);
    expect(
      expectSuccess(await api.call('POST', PATHS.license, { token, query: { licenseEffectiveSeconds: '999999' }, body: {} })).expireTimestamp,
    ).toBeLessThanOrEqual(api.now() + 600_000);
  });
});
