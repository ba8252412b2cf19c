import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectVideo } from '../../simulator/media/index.js';
import { createVideoPool, PIPELINE_DEPTH, SLAB_BYTES, type VideoPool } from '../../simulator/workers/video-pool.js';
import { fixture } from '../support/fixtures.js';
import { endlessWebm } from '../support/media-bombs.js';

// The pool runs the compiled worker (dist/, built by `npm test`'s pretest): see workerModuleUrl().
const pools: VideoPool[] = [];
const pool = (options: Parameters<typeof createVideoPool>[0]) => {
  const created = createVideoPool(options);
  pools.push(created);
  return created;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const valid = () => fixture('video-720p-25fps-5s.mp4');

describe('the video inspection pool (issue 7, finding 1: a WebM that loops the container library forever)', () => {
  it('terminates a worker stuck past the deadline, answers its upload unreadable, and serves the next upload with a new worker', async () => {
    const videos = pool({ workers: 1, deadlineMs: 500 });
    const stuck = await videos.inspect(endlessWebm());
    expect(stuck).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(!stuck.ok && stuck.detail).toContain('500 ms inspection deadline');
    expect(videos.stats()).toMatchObject({ timedOut: 1, workers: 0 });
    expect(await videos.inspect(valid())).toMatchObject({ ok: true, info: { container: 'mp4', frameCount: 125 } });
    expect(videos.stats()).toMatchObject({ timedOut: 1, workers: 1 });
  });

  it('answers one upload more than the queue holds as busy at once, and still inspects those waiting', async () => {
    const videos = pool({ workers: 1, deadlineMs: 1000, queueCapacity: 1 });
    const running = videos.inspect(endlessWebm());
    const waiting = videos.inspect(valid());
    const refused = videos.inspect(valid());
    const first = await Promise.race([running.then(() => 'running'), waiting.then(() => 'waiting'), refused.then(() => 'refused')]);
    expect(first).toBe('refused');
    expect(await refused).toMatchObject({ ok: false, reason: 'busy' });
    expect(await running).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await waiting).toMatchObject({ ok: true });
  });

  it('on close, answers what runs and waits as busy, stops every worker, and refuses new uploads', async () => {
    const videos = pool({ workers: 1, deadlineMs: 60_000 });
    const running = videos.inspect(endlessWebm());
    const waiting = videos.inspect(valid());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await videos.close();
    expect(await running).toMatchObject({ ok: false, reason: 'busy' });
    expect(await waiting).toMatchObject({ ok: false, reason: 'busy' });
    expect(videos.stats()).toMatchObject({ workers: 0, busy: 0, queued: 0 });
    expect(await videos.inspect(valid())).toMatchObject({ ok: false, reason: 'busy' });
  });

  it('reads every fixture exactly as the inline inspector does', async () => {
    const videos = pool({ workers: 2 });
    const names = [
      'video-720p-25fps-5s.mp4',
      'video-720p-25fps-5s.mov',
      'video-720p-25fps-5s.webm',
      'video-720p-25fps-5s-live.webm',
      'video-720p-25fps-5s-fragmented.mp4',
      'video-one-frame.mp4',
      'face-1024x768.jpg',
      'not-media.txt',
    ];
    const pooled = await Promise.all(names.map((name) => videos.inspect(fixture(name))));
    const inline = await Promise.all(names.map((name) => inspectVideo(fixture(name))));
    expect(pooled).toEqual(inline);
  });

  it('reads uploads larger than its shared slab, and smaller ones after larger ones, exactly as the inline inspector does', async () => {
    const videos = pool({ workers: 1 });
    // Past the slab the upload's own buffer is moved to the worker; below it, copied into the slab,
    // where a shorter upload must not see what a longer one left behind.
    const large = padded(fixture('video-720p-25fps-5s.mp4'), SLAB_BYTES + 1);
    const names = ['video-360p-15fps-5s.mp4', 'video-one-frame.mp4', 'video-720p-25fps-2s.mp4', 'video-one-frame.mp4'];
    const uploads = [large, ...names.map((name) => fixture(name)), large, fixture('video-one-frame.mp4')];
    const pooled = [];
    for (const upload of uploads) pooled.push(await videos.inspect(upload));
    const inline = await Promise.all(uploads.map((upload) => inspectVideo(upload)));
    expect(pooled).toEqual(inline);
    expect(pooled.map((result) => result.ok && result.info.frameCount)).toEqual([125, 75, 1, 50, 1, 125, 1]);
  });

  it('holds several uploads in one worker, in any mix of sizes at once, and answers each with its own reading', async () => {
    const videos = pool({ workers: 1 });
    // More uploads than a worker holds (PIPELINE_DEPTH), sent together: each in its own slab region
    // (or moved, past the slab) while those before it are still being read.
    const large = padded(fixture('video-720p-25fps-5s.mp4'), SLAB_BYTES + 1);
    const names = ['video-360p-15fps-5s.mp4', 'video-one-frame.mp4', 'video-720p-25fps-2s.mp4', 'video-720p-25fps-5s.webm'];
    const uploads = [...names.map((name) => fixture(name)), large, ...names.map((name) => fixture(name)).reverse(), large];
    expect(uploads.length).toBeGreaterThan(2 * PIPELINE_DEPTH);
    const pooled = await Promise.all(uploads.map((upload) => videos.inspect(upload)));
    const inline = await Promise.all(uploads.map((upload) => inspectVideo(upload)));
    expect(pooled).toEqual(inline);
    expect(videos.stats()).toMatchObject({ workers: 1, busy: 0, queued: 0 });
  });

  it('answers only the upload a stuck worker was reading; those it held behind it are read by its successor', async () => {
    const videos = pool({ workers: 1, deadlineMs: 500 });
    const stuck = videos.inspect(endlessWebm());
    const behind = [videos.inspect(valid()), videos.inspect(fixture('video-one-frame.mp4'))];
    expect(videos.stats()).toMatchObject({ workers: 1, busy: 1, queued: 2 });
    expect(await stuck).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await Promise.all(behind)).toMatchObject([
      { ok: true, info: { frameCount: 125 } },
      { ok: true, info: { frameCount: 1 } },
    ]);
    expect(videos.stats()).toMatchObject({ timedOut: 1, workers: 1 });
  });

  it("leaves each upload's SHA-256 in `digests`, keyed by the buffer it was given, so the server hashes no video again", async () => {
    const digests = new WeakMap<Uint8Array, string>();
    const videos = pool({ workers: 2, digests });
    const uploads = [fixture('video-360p-15fps-5s.mp4'), padded(fixture('video-one-frame.mp4'), SLAB_BYTES + 1), fixture('not-media.txt')];
    await Promise.all(uploads.map((upload) => videos.inspect(upload)));
    expect(uploads.map((upload) => digests.get(upload))).toEqual(uploads.map((upload) => createHash('sha256').update(upload).digest('hex')));
  });

  it('refuses to start without its compiled worker, naming the command that builds it', () => {
    expect(() => createVideoPool({ workerUrl: new URL('file:///nonexistent/video-worker.js') })).toThrow(/npm run build/);
  });
});

/** The video followed by an MP4 `free` box (ISO/IEC 14496-12 §8.1.2: ignored by readers) up to `size` bytes. */
function padded(video: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(video);
  new DataView(out.buffer).setUint32(video.byteLength, size - video.byteLength);
  out.set([0x66, 0x72, 0x65, 0x65], video.byteLength + 4); // 'free'
  return out;
}
