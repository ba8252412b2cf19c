import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED, type Partition } from '../../simulator/engine/store.js';
import type { RunningSimulator } from '../../simulator/server.js';
import { clientFor, DEMO, expectError, expectSuccess, PATHS, startAdvance } from './client.js';

const RESULT_NOT_FOUND = 'The requested resource was not found or has been deleted';

/** What the simulator keeps for ADVANCE.AI: one account's state, and the vendor-wide one (media URLs). */
function storedKeys(sim: RunningSimulator): { account: number; shared: number } {
  return { account: sim.engine.store.partition('advance', DEMO.accessKey).keys().length, shared: sim.engine.store.partition('advance', SHARED).keys().length };
}

describe('ADVANCE.AI state expires on the simulator clock: a sidecar running for weeks stays flat', () => {
  let sim: RunningSimulator;
  let api: ReturnType<typeof clientFor>;
  beforeAll(async () => {
    sim = await startAdvance({ resultRetentionSeconds: 3600 });
    api = clientFor(sim);
  });
  afterAll(() => sim.close());

  it('forgets expired tokens, signature ids, captures, detection results and media URLs', async () => {
    const token = await api.tokenOf(DEMO, { periodSecond: 600 });
    for (let i = 0; i < 40; i++) {
      const signatureId = await api.signatureIdOf(token);
      await api.capture({ accessKey: DEMO.accessKey, signatureId });
      expectSuccess(await api.detect(token, { signatureId }), 'PAY');
      expectSuccess(await api.call('GET', PATHS.getVideo, { token, query: { signatureId } }));
      await api.signatureIdOf(token); // one the SDK never uses
      await api.tokenOf(DEMO, { periodSecond: 60 });
    }
    const before = storedKeys(sim);
    expect(before.account).toBeGreaterThan(160);
    expect(before.shared).toBeGreaterThanOrEqual(160);

    // Past every lifetime: media 24 h, results 1 h (+1 h as "known" ids), tokens.
    await api.advanceClock('25h');
    const fresh = await api.tokenOf();
    expectSuccess(await api.detect(fresh, { livenessId: 'sim-live-pass' }), 'PAY');
    const after = storedKeys(sim);
    // What is left is what was just made: the new token, the well-known capture, its 3 URLs.
    expect(after).toEqual({ account: 2, shared: 3 });
  });

  it('issuing tokens never scans the tokens already issued, however many are still valid', async () => {
    const store = sim.engine.store;
    const original = store.partition.bind(store);
    let scanned = 0;
    store.partition = (vendor, credential) => {
      const partition: Partition = original(vendor, credential);
      return {
        ...partition,
        keys: (prefix?: string) => {
          const keys = partition.keys(prefix);
          scanned += partition.keys().length;
          return keys;
        },
      };
    };
    try {
      for (let i = 0; i < 200; i++) await api.tokenOf(DEMO, { periodSecond: 86400 });
    } finally {
      store.partition = original;
    }
    // Scanning every token on each issuance visits 200 * 201 / 2 = 20,100 keys.
    expect(scanned).toBe(0);
  });
});

describe('ADVANCE.AI ids after their result expired', () => {
  let sim: RunningSimulator;
  let api: ReturnType<typeof clientFor>;
  beforeAll(async () => {
    sim = await startAdvance({ resultRetentionSeconds: 3600 });
    api = clientFor(sim);
  });
  afterAll(() => sim.close());

  it('answers RESULT_NOT_FOUND for one more retention period, then treats the ids as never created', async () => {
    const token = await api.tokenOf(DEMO, { periodSecond: 86400 });
    const signatureId = await api.signatureIdOf(token);
    const { livenessId } = await api.capture({ accessKey: DEMO.accessKey, signatureId });
    await api.advanceClock('61m');
    expectError(await api.detect(token, { livenessId }), 'RESULT_NOT_FOUND', RESULT_NOT_FOUND);
    expectError(await api.detect(token, { signatureId }), 'RESULT_NOT_FOUND', RESULT_NOT_FOUND);
    await api.advanceClock('60m');
    expectError(await api.detect(token, { livenessId }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expectError(await api.detect(token, { signatureId }), 'LIVENESS_ID_NOT_EXISTED', 'Liveness id does not exist');
    expectError(await api.call('GET', PATHS.getVideo, { token, query: { signatureId } }), 'SIGNATURE_ID_NOT_EXIST', 'Signature id does not exist');
  });

  it('forgets a signature id the SDK never used two retention periods after issue', async () => {
    const token = await api.tokenOf(DEMO, { periodSecond: 86400 });
    const signatureId = await api.signatureIdOf(token);
    await api.advanceClock('119m');
    expectError(await api.call('GET', PATHS.getVideo, { token, query: { signatureId } }), 'VIDEO_NOT_FOUND', 'Video not found');
    await api.advanceClock('2m');
    expectError(await api.call('GET', PATHS.getVideo, { token, query: { signatureId } }), 'SIGNATURE_ID_NOT_EXIST', 'Signature id does not exist');
  });
});
