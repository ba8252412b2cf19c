import { describe, expect, it } from 'vitest';
import { DEMO, expectError, expectSuccess, OTHER, PATHS, useAdvance } from './client.js';

describe('ADVANCE.AI state is partitioned by account', () => {
  const { api } = useAdvance();

  it("does not let one account read, clear or bind another account's captures and signature ids", async () => {
    const [demo, other] = [await api.tokenOf(DEMO), await api.tokenOf(OTHER)];
    const signatureId = await api.signatureIdOf(demo);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId });
    expectError(await api.detect(other, { livenessId }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expectError(await api.detect(other, { signatureId }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expectError(await api.call('GET', PATHS.clearData, { token: other, query: { livenessId } }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expect((await api.call('POST', PATHS.captures, { body: { accessKey: OTHER.accessKey, signatureId: await api.signatureIdOf(demo) } })).status).toBe(404);
    expectSuccess(await api.detect(demo, { signatureId }), 'PAY');
  });

  it("keeps well-known ids apart: clearing one account's sim-live-pass leaves the other's", async () => {
    const [demo, other] = [await api.tokenOf(DEMO), await api.tokenOf(OTHER)];
    expectSuccess(await api.call('GET', PATHS.clearData, { token: demo, query: { livenessId: 'sim-live-pass' } }));
    expectError(await api.detect(demo, { livenessId: 'sim-live-pass' }), 'RESULT_NOT_FOUND', 'The requested resource was not found or has been deleted');
    expectSuccess(await api.detect(other, { livenessId: 'sim-live-pass' }), 'PAY');
  });

  it('journals each call under the account, including the token request and media downloads', async () => {
    const token = await api.tokenOf(OTHER);
    const { livenessId } = await api.capture({ accessKey: OTHER.accessKey });
    const data = expectSuccess(await api.detect(token, { livenessId }), 'PAY');
    await fetch(data.imageNearUrl);
    const journal = await api.call('GET', '/__sim/requests', { query: { credential: OTHER.accessKey } });
    const routes = (journal.json.requests as { route: string }[]).map((r) => r.route);
    expect(routes).toEqual(expect.arrayContaining(['generate-token', 'detection-result', 'media-image']));
  });

  it("lists an account's captures on GET /__sim/advance/captures", async () => {
    const { livenessId } = await api.capture({ accessKey: OTHER.accessKey, livenessScore: 42, attackType: 2 });
    const list = await api.call('GET', PATHS.captures, { query: { accessKey: OTHER.accessKey } });
    expect(list.status).toBe(200);
    expect(list.json.accessKey).toBe(OTHER.accessKey);
    expect(list.json.captures).toContainEqual(expect.objectContaining({ livenessId, livenessScore: 42, attackType: 2, clearedAt: null }));
    const demoList = await api.call('GET', PATHS.captures, { query: { accessKey: DEMO.accessKey } });
    expect(demoList.json.captures.map((c: { livenessId: string }) => c.livenessId)).not.toContain(livenessId);
  });
});
