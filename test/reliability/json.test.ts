import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { applyByteOp, byteOps, contentTypes, mutatedJson, transports } from './arbitraries.js';
import { FUZZ_TIMEOUT_MS, fuzz, type Aimed } from './fuzz.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { advanceSession, getTargets, vendorTargets, type Target } from './targets.js';

/**
 * Random and mutated JSON against every vendor route that reads a body, and hostile query strings
 * against the GET routes: every answer is the route's vendor body or the simulator's problem+json,
 * never an unrequested 5xx, while health keeps answering fast and memory stays bounded.
 */
describe('reliability: JSON bodies and query strings', () => {
  let sim: SimProcess;
  let targets: Target[];
  let gets: ReturnType<typeof getTargets>;
  beforeAll(async () => {
    sim = await startSimProcess();
    const session = await advanceSession(sim.url);
    targets = vendorTargets(session, Buffer.from(fixture('face-small-320x240.jpg')).toString('base64'));
    gets = getTargets(session);
  });
  afterAll(() => sim?.kill());

  it(
    'every vendor route answers random and mutated JSON with its documented body, health answering throughout',
    async () => {
      const seeded = targets.filter((t) => t.seed);
      const body = fc.oneof(
        // A body mutated from one route's valid one goes to that route...
        { weight: 3, arbitrary: fc.constantFrom(...seeded).chain((t) => mutatedJson(t.seed!).map((value) => ({ aim: [t.path], value }))) },
        // ...a random one to three routes (a few requests at a time: health measures stalls, not queues).
        fc
          .record({
            value: fc.jsonValue({ maxDepth: 4 }),
            aims: fc.shuffledSubarray(
              targets.map((t) => t.path),
              { minLength: 3, maxLength: 3 },
            ),
          })
          .map(({ value, aims }) => ({ aim: aims, value })),
      );
      const withAuth = fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false));
      const arbitrary = fc.record({ body, byteOp: byteOps, contentType: contentTypes, transport: transports, withAuth });
      await fuzz(
        'json',
        sim,
        arbitrary,
        ({ body: { aim, value }, byteOp, contentType, transport, withAuth }) => {
          const bytes = applyByteOp(Buffer.from(JSON.stringify(value) ?? ''), byteOp);
          return targets
            .filter((t) => aim.includes(t.path))
            .map((t): Aimed => ({
              kind: t.kind,
              request: { method: t.method, path: t.path, headers: { ...(withAuth ? t.headers : {}), 'content-type': contentType }, body: bytes, ...transport },
            }));
        },
        { numRuns: 400 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'the GET routes and the media CDN answer hostile query strings, paths and methods with their documented answers',
    async () => {
      const hostile = fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('%', '%E0%A4%A', '%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(20_000), '[]', '{}', 'sim-live-pass'),
      );
      const arbitrary = fc.record({
        target: fc.nat(),
        method: fc.oneof({ weight: 4, arbitrary: fc.constant('GET') }, fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH')),
        extraQuery: fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom('livenessId', 'signatureId', 'productLevel', 'livenessType', 'livenessId[]', '__proto__'), fc.string({ maxLength: 10 })),
            hostile,
          ),
          { maxLength: 3 },
        ),
        dropQuery: fc.boolean(),
        pathSuffix: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, fc.constantFrom('/', 'x', '%2e%2e', '/..', '%00')),
      });
      await fuzz(
        'get',
        sim,
        arbitrary,
        ({ target, method, extraQuery, dropQuery, pathSuffix }) => {
          const t = gets[target % gets.length]!;
          const query = new URLSearchParams(dropQuery ? [] : Object.entries(t.query));
          for (const [k, v] of extraQuery) query.append(k, v);
          const search = query.toString();
          return [{ kind: t.kind, request: { method, path: `${t.path}${pathSuffix}${search ? `?${search}` : ''}`, headers: t.headers } }];
        },
        { numRuns: 300 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
