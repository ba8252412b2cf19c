import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../simulator/engine/clock.js';
import { createEngine } from '../../simulator/engine/engine.js';
import { createMemoryStore, SHARED } from '../../simulator/engine/store.js';
import type { SimRequest } from '../../simulator/engine/types.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { verihubs } from '../../simulator/vendors/verihubs/index.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';
import { clientFor, DEMO, expectSuccess } from '../advance/client.js';

const keyword = (appId: string): SimRequest => ({
  method: 'POST',
  path: '/v1/face/liveness',
  query: {},
  headers: { 'content-type': 'application/json', 'app-id': appId, 'api-key': 'k' },
  body: { kind: 'bytes', contentType: 'application/json', bytes: new TextEncoder().encode('{"image":"LIVE_PERSON_A_1"}') },
});

describe('state stays bounded however many credentials call', () => {
  it('keeps the partition count at credentialCapacity after 50k distinct credentials', () => {
    const store = createMemoryStore({ credentialCapacity: 1000 });
    store.partition('verihubs', SHARED).set('x', 1);
    for (let i = 0; i < 50_000; i++) store.partition('verihubs', `app-${i}`).set('quota', 1);
    // The cap, plus the vendor-wide shared partition, which is never evicted.
    expect(store.partitionCount()).toBe(1001);
    expect(store.partition('verihubs', 'app-49999').get('quota')).toBe(1);
    expect(store.partition('verihubs', 'app-0').get('quota')).toBeUndefined();
  });

  it('keeps the engine at credentialCapacity partitions after 2,000 distinct App-IDs', async () => {
    const settings = { verihubs: { ...verihubs.settings.defaults, testingMode: true } };
    const engine = createEngine({ vendors: [verihubs], settings, limits: { credentialCapacity: 100 }, journalCapacity: 10 });
    for (let i = 0; i < 2_000; i++) await engine.handle(keyword(`app-${i}`));
    expect(engine.store.partitionCount()).toBe(101);
  });

  it('never evicts the vendor-wide shared partition', () => {
    const store = createMemoryStore({ credentialCapacity: 2 });
    store.partition('advance', SHARED).set('media', 1);
    for (let i = 0; i < 10; i++) store.partition('advance', `acct-${i}`).set('x', i);
    expect(store.partition('advance', SHARED).get('media')).toBe(1);
    expect(store.partition('advance', 'acct-0').get('x')).toBeUndefined();
    expect(store.partition('advance', 'acct-9').get('x')).toBe(9);
  });
});

describe('values that expire on the simulator clock', () => {
  it('are gone from get and keys once the clock reaches expiresAt, and set again fresh', () => {
    const clock = createClock(() => 1_000_000);
    const partition = createMemoryStore({ now: clock.now }).partition('advance', 'acct');
    partition.set('token:a', 'A', { expiresAt: 1_060_000 });
    partition.set('token:b', 'B');
    expect(partition.get('token:a')).toBe('A');
    expect(partition.keys('token:')).toEqual(['token:a', 'token:b']);
    clock.advance(60_000);
    expect(partition.get('token:a')).toBeUndefined();
    expect(partition.keys('token:')).toEqual(['token:b']);
    partition.set('token:a', 'A2', { expiresAt: clock.now() + 1 });
    expect(partition.get('token:a')).toBe('A2');
  });

  it('are swept while new values are set, so a partition of expiring values does not keep them all', () => {
    let now = 0;
    const partition = createMemoryStore({ now: () => now }).partition('advance', 'acct');
    for (let i = 0; i < 10_000; i++) {
      now = i;
      partition.set(`token:${i}`, i, { expiresAt: i + 10 });
    }
    expect(partition.keys('token:')).toHaveLength(10);
    // Deleting a key reports whether it was still held: the early ones were swept already.
    expect(partition.delete('token:0')).toBe(false);
    expect(partition.delete('token:9999')).toBe(true);
  });
});

describe('least recently used credentials are forgotten past credentialCapacity (over HTTP)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, set: ['credentialCapacity=2', 'verihubs.testingMode=true', 'verihubs.testingQuota=1'] });
  });
  afterAll(() => sim.close());
  const verihubsCall = async (appId: string) =>
    (
      await fetch(`${sim.url}/v1/face/liveness`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'app-id': appId, 'api-key': 'k' },
        body: '{"image":"LIVE_PERSON_A_1"}',
      })
    ).status;

  it('refills the quota of an App-ID whose state was evicted, and keeps a recently used one', async () => {
    expect([await verihubsCall('a'), await verihubsCall('a')]).toEqual([200, 403]);
    await verihubsCall('b');
    expect(await verihubsCall('a')).toBe(403); // a is now the most recent: b goes next
    await verihubsCall('c');
    expect(await verihubsCall('a')).toBe(403);
    await verihubsCall('d');
    await verihubsCall('e');
    expect(await verihubsCall('a')).toBe(200);
  });

  it('forgets the sequence position of a credential past the cap too', async () => {
    await fetch(`${sim.url}/__sim/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: '*' }) });
    await fetch(`${sim.url}/__sim/scenarios/armed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'fpt/retry-then-live', credential: '*' }),
    });
    const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
    const code = async (key: string) => (await postFpt(sim.url, { video }, { 'api-key': key })).json.code;
    expect([await code('a'), await code('a')]).toEqual(['410', '412']);
    await code('b');
    await code('c');
    expect(await code('a')).toBe('410');
  });
});

describe('values kept per partition (partitionCapacity)', () => {
  it('keeps at most partitionCapacity values in one partition, forgetting the one set longest ago first', () => {
    const partition = createMemoryStore({ partitionCapacity: 3 }).partition('advance', SHARED);
    for (const key of ['a', 'b', 'c']) partition.set(key, key);
    partition.set('a', 'A'); // set again: now the newest
    partition.set('d', 'd');
    expect(partition.keys()).toEqual(['c', 'a', 'd']);
    expect(partition.get('b')).toBeUndefined();
  });

  it("keeps ADVANCE.AI's media URLs (three per detection result, valid 24 h) bounded: the newest download, the oldest answer 404", async () => {
    const sim = await startSimulator({ port: 0, set: ['partitionCapacity=30'], settings: { advance: { accounts: [DEMO] } } });
    try {
      const api = clientFor(sim);
      const { livenessId } = await api.capture({ accessKey: DEMO.accessKey });
      const token = await api.tokenOf();
      const results = [];
      for (let i = 0; i < 20; i++) results.push(expectSuccess(await api.detect(token, { livenessId }), 'PAY'));
      expect(sim.engine.store.partition('advance', SHARED).keys().length).toBeLessThanOrEqual(30);
      expect((await fetch(results.at(-1)!.imageNearUrl)).status).toBe(200);
      expect((await fetch(results[0]!.imageNearUrl)).status).toBe(404);
    } finally {
      await sim.close();
    }
  });
});
