import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBytes, ONE_BUFFER_AFTER_BYTES } from '../../simulator/http/collect-bytes.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { MULTIPART, multipartBody, sendRaw } from '../support/raw-http.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `total` bytes of a repeating pattern, cut into reads at `cuts`. */
function reads(total: number, cuts: number[]): { whole: Buffer; parts: Buffer[] } {
  const whole = Buffer.alloc(total, 'liveness-sim:');
  const at = [...new Set(cuts.map((c) => c % (total + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const to of [...at, total]) {
    if (to > from) parts.push(Buffer.from(whole.subarray(from, to)));
    from = to;
  }
  return { whole, parts };
}

describe('collectBytes: a body gathered read by read', () => {
  it('gives back exactly the bytes read, in order, whatever the reads and the declared length', () => {
    const sizes = fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: ONE_BUFFER_AFTER_BYTES - 10, max: ONE_BUFFER_AFTER_BYTES * 3 }));
    fc.assert(
      fc.property(
        sizes,
        fc.array(fc.nat(), { maxLength: 40 }),
        fc.oneof(fc.constant(undefined), fc.integer({ min: -100, max: 4096 })),
        (total, cuts, extra) => {
          const { whole, parts } = reads(total, cuts);
          // A declared length may be the body's, larger, or (never from Node's parser) smaller.
          const collected = collectBytes(extra === undefined ? undefined : Math.max(0, total + extra));
          for (const part of parts) collected.add(part);
          const bytes = collected.bytes();
          expect(bytes.byteLength).toBe(total);
          expect(Buffer.compare(Buffer.from(bytes), whole)).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('copies a large body that declared its length into one buffer of that length, instead of keeping its reads', () => {
    const declared = ONE_BUFFER_AFTER_BYTES * 3;
    const { whole, parts } = reads(
      declared,
      Array.from({ length: 48 }, (_, i) => i * 65536),
    );
    const collected = collectBytes(declared);
    for (const part of parts) collected.add(part);
    const bytes = collected.bytes();
    expect(bytes.buffer.byteLength).toBe(declared);
    expect(parts.every((part) => part.buffer !== bytes.buffer)).toBe(true);
    expect(sha256(bytes)).toBe(sha256(whole));
  });

  it('keeps a small body, or one sent without a length, as its reads joined once at the end: a declared length alone reserves nothing', () => {
    const small = reads(4000, [1000, 2000]);
    const collected = collectBytes(16 * ONE_BUFFER_AFTER_BYTES);
    for (const part of small.parts) collected.add(part);
    expect(collected.bytes().buffer.byteLength).toBeLessThan(ONE_BUFFER_AFTER_BYTES);

    const chunked = reads(ONE_BUFFER_AFTER_BYTES * 2, [65536, 131072]);
    const unsized = collectBytes(undefined);
    for (const part of chunked.parts) unsized.add(part);
    expect(unsized.bytes().buffer.byteLength).toBe(ONE_BUFFER_AFTER_BYTES * 2);

    const single = Buffer.from('{"image":""}');
    const one = collectBytes(single.byteLength);
    one.add(single);
    expect(one.bytes().buffer).toBe(single.buffer);
  });
});

describe('uploads past a mebibyte reach the vendors intact', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  // The 720p fixture followed by an ISO BMFF `free` box: still a valid 3 MB mp4.
  const video = fixture('video-720p-25fps-5s.mp4');
  const padded = Buffer.alloc(3 * 1024 * 1024 + 123, 7);
  padded.set(video);
  padded.writeUInt32BE(padded.byteLength - video.byteLength, video.byteLength);
  padded.write('free', video.byteLength + 4, 'latin1');

  it.each([
    ['with its Content-Length', (body: Buffer) => body],
    ['chunked', (body: Buffer) => [body.subarray(0, 70_000), body.subarray(70_000, 2_000_000), body.subarray(2_000_000)]],
  ])('FPT reads a 3 MB video sent %s, and journals the digest of the very bytes sent', async (_framing, frame) => {
    const body = multipartBody([{ name: 'video', value: padded, filename: 'selfie.mp4', type: 'video/mp4' }]);
    const answer = await sendRaw(`${sim.url}/dmp/liveness/v3`, { headers: { 'api-key': 'k', 'content-type': MULTIPART }, body: frame(body) });
    expect(JSON.parse(answer.text)).toMatchObject({ code: '200', liveness: { is_live: 'true' } });
    const [entry] = sim.engine.journal.query({ limit: 1 });
    expect(entry!.request.files).toEqual([expect.objectContaining({ size: padded.byteLength, sha256: sha256(padded) })]);
  });

  it('Verihubs reads a 2 MB JSON body, and journals the digest of the very bytes sent', async () => {
    const image = Buffer.from(fixture('face-1024x768.jpg')).toString('base64');
    const body = Buffer.from(`{"image":"${image}"${' '.repeat(2 * 1024 * 1024)}}`);
    const answer = await sendRaw(`${sim.url}/v1/face/liveness`, { headers: { 'app-id': 'a', 'api-key': 'k', 'content-type': 'application/json' }, body });
    expect(answer.status, answer.text).toBe(200);
    const [entry] = sim.engine.journal.query({ limit: 1 });
    expect(entry!.request).toMatchObject({ size: body.byteLength, sha256: sha256(body) });
  });
});
