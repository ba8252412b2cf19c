import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { encodeMultipart, multipartShapes, transports } from './arbitraries.js';
import { FUZZ_TIMEOUT_MS, fuzz, type Aimed } from './fuzz.js';
import type { RouteKind } from './oracle.js';
import { startSimProcess, type SimProcess } from './sim-process.js';
import { advanceSession, vendorTargets, type Target } from './targets.js';

/**
 * Hand-written multipart bodies (odd and bracketed field names, many parts, empty parts, wrong
 * part types, part encodings, broken framing, chunked or Content-Encoded transport) against every
 * vendor route and the admin API: each answers with its documented body or the simulator's
 * problem+json, never a 500 (issue 7 #4 was a 500 on every route for `a[b]`).
 */
const ADMIN_TARGETS: { kind: RouteKind; method: string; path: string }[] = [
  { kind: 'admin', method: 'POST', path: '/__sim/advance/captures' },
  { kind: 'admin', method: 'POST', path: '/__sim/clock' },
  { kind: 'admin', method: 'GET', path: '/__sim/requests?limit=1' },
  { kind: 'admin', method: 'GET', path: '/__sim/health' },
];

describe('reliability: multipart bodies', () => {
  let sim: SimProcess;
  let targets: Target[];
  beforeAll(async () => {
    sim = await startSimProcess();
    targets = vendorTargets(await advanceSession(sim.url), '');
  });
  afterAll(() => sim?.kill());

  it(
    'every vendor and admin route answers hostile multipart with its documented body, health answering throughout',
    async () => {
      const media = ['face-1024x768.jpg', 'face-small-320x240.jpg', 'video-720p-25fps-2s.mp4', 'video-one-frame.mp4', 'not-media.txt', 'image.gif'].map(
        fixture,
      );
      const contents = fc.oneof(
        { weight: 2, arbitrary: fc.constant(new Uint8Array(0)) },
        { weight: 3, arbitrary: fc.uint8Array({ maxLength: 300 }) },
        { weight: 2, arbitrary: fc.constantFrom(...media) },
        fc.string({ maxLength: 100 }).map((s) => new Uint8Array(Buffer.from(s))),
      );
      const arbitrary = fc.record({
        shape: multipartShapes(contents),
        transport: transports,
        // FPT always; one other vendor route and one admin route, chosen per run.
        other: fc.nat(),
        admin: fc.nat(),
        withAuth: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
      });
      await fuzz(
        'multipart',
        sim,
        arbitrary,
        ({ shape, transport, other, admin, withAuth }) => {
          const { contentType, body } = encodeMultipart(shape);
          const headersOf = (extra: Record<string, string>) => ({
            ...(withAuth ? extra : {}),
            ...(contentType === undefined ? {} : { 'content-type': contentType }),
          });
          const chosen = [targets[0]!, targets[1]!, targets[2 + (other % (targets.length - 2))]!];
          const adminTarget = ADMIN_TARGETS[admin % ADMIN_TARGETS.length]!;
          return [
            ...chosen.map((t): Aimed => ({ kind: t.kind, request: { method: t.method, path: t.path, headers: headersOf(t.headers), body, ...transport } })),
            {
              kind: adminTarget.kind,
              request: {
                method: adminTarget.method,
                path: adminTarget.path,
                headers: headersOf({}),
                body: adminTarget.method === 'GET' ? undefined : body,
                ...transport,
              },
            },
          ];
        },
        { numRuns: 250 },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
