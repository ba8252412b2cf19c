import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { endlessWebm, fragmentBomb } from '../support/media-bombs.js';
import { encodeMultipart } from './arbitraries.js';
import { FUZZ_TIMEOUT_MS, fuzz, type Aimed } from './fuzz.js';
import { applyMutations, mediaMutation, type MediaMutation } from './media-mutations.js';
import { startSimProcess, type SimProcess } from './sim-process.js';

/**
 * Mutations of every media fixture (byte flips, truncations, box and element sizes, sample counts,
 * duplicated boxes, elements and ranges), uploaded as FPT's `video` (or `cmnd`, for images) and as
 * Verihubs' base64 `image`: every answer is the vendor's own body, and health keeps answering in
 * milliseconds while each is inspected. The two videos of issue 7 that hung or stalled the server
 * (the live WebM with byte 164706 flipped 0x1F -> 0x8F; an 842-byte fragmented MP4 whose trun
 * declares 1,000,000 samples) run first, every time.
 */
const FIXTURES = readdirSync(fileURLToPath(new URL('../fixtures/', import.meta.url)))
  .filter((name) => name !== 'README.md')
  .sort();
const FINDINGS: Record<string, () => Uint8Array> = {
  'issue 7 #1: live WebM, byte 164706 0x1F->0x8F': endlessWebm,
  'issue 7 #2: fragmented MP4, trun of 1,000,000 samples': () => fragmentBomb(1),
};
const VIDEO = /\.(mp4|mov|webm)$/;

type Input = { source: string; mutations: MediaMutation[]; route: number };

describe('reliability: mutated media', () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess();
  });
  afterAll(() => sim?.kill());

  it(
    'FPT and Verihubs answer every mutation of every media fixture with their documented body, health answering throughout',
    async () => {
      const sources = new Map<string, Uint8Array>([
        ...FIXTURES.map((name) => [name, fixture(name)] as const),
        ...Object.entries(FINDINGS).map(([name, make]) => [name, make()] as const),
      ]);
      const validVideo = fixture('video-720p-25fps-5s.mp4');
      const arbitrary: fc.Arbitrary<Input> = fc.record({
        source: fc.constantFrom(...FIXTURES),
        mutations: fc.array(mediaMutation, { minLength: 1, maxLength: 4 }),
        route: fc.nat(),
      });
      // The findings, unmutated, then mutated a little.
      const examples: Input[] = Object.keys(FINDINGS).flatMap((source) => [
        { source, mutations: [], route: 0 },
        { source, mutations: [{ op: 'flip', at: 4000, xor: 1 }], route: 1 },
      ]);
      await fuzz(
        'media',
        sim,
        arbitrary,
        ({ source, mutations, route }) => {
          const bytes = applyMutations(sources.get(source)!, mutations);
          const isVideo = VIDEO.test(source) || source.startsWith('issue');
          const extension = /\.(\w+)$/.exec(source)?.[1] ?? (source.includes('WebM') ? 'webm' : 'mp4');
          const upload = isVideo
            ? [{ name: 'video', filename: `upload.${extension}`, contentType: 'application/octet-stream', extra: [], content: bytes }]
            : [
                { name: 'video', filename: 'video.mp4', contentType: 'video/mp4', extra: [], content: validVideo },
                { name: 'cmnd', filename: `face.${extension}`, contentType: 'image/jpeg', extra: [], content: bytes },
              ];
          const form = encodeMultipart({ boundary: 'mediaFuzzBoundary', parts: upload, preamble: false, ending: 'proper', header: 'proper' });
          const fptPath = route % 2 === 0 ? '/dmp/liveness/v3' : '/vision/ekyc/liveness';
          const image = JSON.stringify({ image: Buffer.from(bytes).toString('base64'), validate_quality: true, validate_nface: true });
          const aimed: Aimed[] = [
            {
              kind: 'fpt',
              request: { method: 'POST', path: fptPath, headers: { 'api-key': 'media-fuzz', 'content-type': form.contentType! }, body: form.body },
            },
            {
              kind: 'verihubs',
              request: {
                method: 'POST',
                path: '/v1/face/liveness',
                headers: { 'app-id': 'media-fuzz', 'api-key': 'k', 'content-type': 'application/json' },
                body: Buffer.from(image),
              },
            },
          ];
          return aimed;
        },
        { numRuns: 120, examples },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
