import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyByteOp, byteOps, contentTypes, mutatedJson } from './arbitraries.js';
import { FUZZ_TIMEOUT_MS, fuzz, type Aimed } from './fuzz.js';
import { send } from './send.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { ADVANCE_KEY } from './targets.js';

/**
 * The admin API under random and mutated JSON, hostile queries and ids: every answer is JSON or
 * the simulator's problem+json, never a 5xx, and the server keeps serving (issue 7 #7: a clock
 * moved by 1e300 made every route answer 500). Its own server: arming may pick a real scenario.
 */
const BODIES: { path: string; seed: Record<string, unknown> }[] = [
  { path: '/__sim/scenarios/armed', seed: { scenario: 'fpt/no-face', credential: 'admin-fuzz', times: 2 } },
  { path: '/__sim/clock', seed: { advance: '24h', credential: '*' } },
  { path: '/__sim/reset', seed: { credential: 'admin-fuzz', vendor: 'fpt' } },
  { path: '/__sim/advance/captures', seed: { accessKey: ADVANCE_KEY, livenessScore: 80, attackType: null, livenessType: 'SILENT', video: true } },
];
const QUERIES = ['/__sim/requests', '/__sim/requests/count', '/__sim/scenarios', '/__sim/scenarios/armed', '/__sim/faults', '/__sim/advance/captures'];
const QUERY_KEYS = ['vendor', 'path', 'credential', 'scenario', 'limit', 'accessKey', 'limit[]', '__proto__'];

describe('reliability: the admin API', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess();
  });
  afterAll(() => sim?.kill());

  it(
    'answers random and mutated admin calls with JSON or problem+json, never a 5xx, and keeps serving',
    async () => {
      const hostile = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom('-1', '0', '1e300', '999999999999', 'NaN', '%', '[]', 'fpt/no-face', 'x'.repeat(5000)),
      );
      const call = fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom(...BODIES).chain((b) =>
            fc.record({
              kind: fc.constant('body' as const),
              path: fc.constant(b.path),
              value: mutatedJson(b.seed),
              byteOp: byteOps,
              contentType: contentTypes,
            }),
          ),
        },
        {
          weight: 2,
          arbitrary: fc.record({
            kind: fc.constant('query' as const),
            path: fc.constantFrom(...QUERIES),
            query: fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), hostile), { maxLength: 3 }),
          }),
        },
        fc.record({ kind: fc.constant('delete' as const), id: fc.option(hostile), credential: fc.option(hostile) }),
        fc.record({
          kind: fc.constant('other' as const),
          method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
          path: fc.constantFrom('/__sim', '/__sim/', '/__sim/reset', '/__sim/nothing', '/__sim/advance', '/__sim/scenarios/armed/1/x', '/__sim/health'),
        }),
      );
      const examples = [
        [
          {
            kind: 'body' as const,
            path: '/__sim/clock',
            value: { advance: 1e300, credential: '*' },
            byteOp: { op: 'none' as const },
            contentType: 'application/json',
          },
        ],
      ];
      await fuzz(
        'admin',
        sim,
        fc.array(call, { minLength: 1, maxLength: 3 }),
        (calls) =>
          calls.map((c): Aimed => {
            if (c.kind === 'body')
              return {
                kind: 'admin',
                request: {
                  method: 'POST',
                  path: c.path,
                  headers: { 'content-type': c.contentType },
                  body: applyByteOp(Buffer.from(JSON.stringify(c.value) ?? ''), c.byteOp),
                },
              };
            if (c.kind === 'query')
              return { kind: 'admin', request: { method: 'GET', path: `${c.path}?${new URLSearchParams(c.query).toString()}`, headers: {} } };
            if (c.kind === 'delete') {
              const path = c.id === null ? '/__sim/scenarios/armed' : `/__sim/scenarios/armed/${encodeURIComponent(c.id)}`;
              return {
                kind: 'admin',
                request: { method: 'DELETE', path: c.credential === null ? path : `${path}?credential=${encodeURIComponent(c.credential)}`, headers: {} },
              };
            }
            return {
              kind: 'admin',
              request: {
                method: c.method,
                path: c.path,
                headers: { 'content-type': 'application/json' },
                body: c.method === 'GET' ? undefined : Buffer.from('{}'),
              },
            };
          }),
        { numRuns: 300, examples },
      );

      // Whatever was armed or moved, a reset gives the vendors back.
      const reset = { method: 'POST', path: '/__sim/reset', headers: { 'content-type': 'application/json' }, body: Buffer.from('{"credential":"*"}') };
      expect((await send(sim.url, reset)).status).toBe(200);
      const fpt = await send(sim.url, {
        method: 'POST',
        path: '/v1/face/liveness',
        headers: { 'app-id': 'a', 'api-key': 'k', 'content-type': 'application/json' },
        body: Buffer.from('{"image":"NO_FACE_PHOTO"}'),
      });
      expect(JSON.parse(fpt.body.toString())).toMatchObject({ error_code: 'FACE_NOT_DETECTED' });
    },
    FUZZ_TIMEOUT_MS,
  );
});
