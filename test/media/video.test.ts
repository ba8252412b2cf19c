import { describe, expect, it } from 'vitest';
import { inspectVideo } from '../../simulator/media/index.js';
import { checkSampleTables } from '../../simulator/media/mp4-tables.js';
import { fixture } from '../support/fixtures.js';

describe("inspectVideo reads the container's own metadata", () => {
  it.each([
    ['video-720p-25fps-5s.mp4', 'mp4', 1280, 720, 25, 5, 125],
    ['video-360p-15fps-5s.mp4', 'mp4', 640, 360, 15, 5, 75],
    ['video-720p-25fps-2s.mp4', 'mp4', 1280, 720, 25, 2, 50],
    ['video-720p-25fps-5s.mov', 'mov', 1280, 720, 25, 5, 125],
    ['video-720p-25fps-5s.webm', 'webm', 1280, 720, 25, 5, 125],
    ['video-720p-30fps-5s-moov-at-end.mp4', 'mp4', 1280, 720, 30, 5, 150],
    ['video-720p-25fps-5s-fragmented.mp4', 'mp4', 1280, 720, 25, 5, 125],
    ['video-720p-25fps-5s-live.webm', 'webm', 1280, 720, 25, 5, 125],
  ])('%s: %s, %ix%i, %i fps, %i s, %i frames', async (name, container, width, height, fps, seconds, frames) => {
    const result = await inspectVideo(fixture(name));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info).toMatchObject({ container, width, height, frameCount: frames });
    expect(result.info.frameRate).toBeCloseTo(fps, 0);
    expect(result.info.durationSeconds).toBeCloseTo(seconds, 1);
  });

  it('counts one frame in a one-frame video, lasting one frame period', async () => {
    const result = await inspectVideo(fixture('video-one-frame.mp4'));
    expect(result).toMatchObject({ ok: true, info: { container: 'mp4', width: 1280, height: 720, frameCount: 1 } });
    expect(result.ok && result.info.durationSeconds).toBeCloseTo(0.04, 3);
  });

  it("reads a video padded past the 10 MB cap (size limits are the vendors' call, not this reader's)", async () => {
    // A trailing 'free' box: ISO BMFF readers skip it, so the metadata is unchanged.
    const video = fixture('video-720p-25fps-5s.mp4');
    const padded = new Uint8Array(video.length + 11 * 1024 * 1024);
    padded.set(video);
    new DataView(padded.buffer).setUint32(video.length, padded.length - video.length);
    padded.set([0x66, 0x72, 0x65, 0x65], video.length + 4); // 'free'
    expect(await inspectVideo(padded)).toMatchObject({ ok: true, info: { width: 1280, height: 720, frameCount: 125 } });
  });

  it.each([['face-1024x768.jpg'], ['face-640x480.png'], ['image.gif']])('says "image" for a still image (%s) sent as a video', async (name) => {
    const result = await inspectVideo(fixture(name));
    expect(result).toMatchObject({ ok: false, reason: 'image' });
  });

  it.each([
    ['an empty upload', new Uint8Array(), 'empty'],
    ['plain text', fixture('not-media.txt'), 'not-a-video'],
    ['ten random bytes', Uint8Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]), 'not-a-video'],
    ['a megabyte of zeros', new Uint8Array(1024 * 1024), 'not-a-video'],
  ])('never throws: %s is "%s"', async (_name, bytes, reason) => {
    expect(await inspectVideo(bytes)).toMatchObject({ ok: false, reason });
  });

  it.each([['video-720p-25fps-5s.mp4'], ['video-720p-25fps-5s.webm'], ['video-720p-25fps-5s.mov']])(
    'resolves, never throws, for every truncation of %s',
    async (name) => {
      const bytes = fixture(name);
      for (let cut = 1; cut < 40; cut++) {
        const result = await inspectVideo(bytes.subarray(0, Math.floor((bytes.length * cut) / 40)));
        expect(typeof result.ok).toBe('boolean');
      }
    },
  );
});

describe('a container cut short is unreadable, even when its index is intact', () => {
  it.each([
    // moov first: the sample tables survive the cut, only the frame data is missing
    ['video-720p-25fps-5s.mp4', 0.9],
    ['video-720p-25fps-5s.mp4', 0.5],
    ['video-720p-25fps-5s.mov', 0.9],
    ['video-720p-30fps-5s-moov-at-end.mp4', 0.9],
    ['video-720p-25fps-5s-fragmented.mp4', 0.9],
    ['video-720p-25fps-5s.webm', 0.9],
    ['video-720p-25fps-5s.webm', 0.2],
  ])('%s cut at %d of its length', async (name, fraction) => {
    const bytes = fixture(name);
    const result = await inspectVideo(bytes.subarray(0, Math.floor(bytes.length * fraction)));
    expect(result).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(!result.ok && result.detail).toMatch(/truncated|cannot be parsed/);
  });

  it('reads a live WebM (Segment of unknown size) cut short as the shorter video it is', async () => {
    // A live recording declares no total size, so the cut cannot be seen; what remains plays.
    const bytes = fixture('video-720p-25fps-5s-live.webm');
    const result = await inspectVideo(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.info.durationSeconds).toBeLessThan(4);
    expect(result.info.frameCount).toBeLessThan(125);
  });

  it('tolerates a few bytes of padding after the last box', async () => {
    const video = fixture('video-720p-25fps-5s.mp4');
    const padded = new Uint8Array(video.length + 4);
    padded.set(video);
    expect(await inspectVideo(padded)).toMatchObject({ ok: true, info: { frameCount: 125 } });
  });
});

describe('garbage never throws', () => {
  it('answers not-a-video for 300 buffers of random bytes', async () => {
    let seed = 7; // a fixed LCG, so a failure reproduces
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 4000) }, () => Math.floor(random() * 256));
      const result = await inspectVideo(bytes);
      expect(result.ok, `buffer ${n}`).toBe(false);
    }
  });

  it.each([['video-720p-25fps-5s.mp4'], ['video-720p-25fps-5s.webm'], ['video-720p-25fps-5s-fragmented.mp4']])(
    'resolves for 200 copies of %s with bytes overwritten in its headers',
    async (name) => {
      const original = fixture(name);
      let seed = 1;
      const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let n = 0; n < 200; n++) {
        const bytes = original.slice();
        for (let k = 0; k < 5; k++) bytes[Math.floor(random() * 4000)] = Math.floor(random() * 256);
        const result = await inspectVideo(bytes);
        expect(typeof result.ok).toBe('boolean');
      }
    },
  );
});

describe('corrupt MP4 sample tables are refused before the container library expands them', () => {
  /** Offset of a box's payload, found by its four-letter type (enough for our own fixtures). */
  const payloadOf = (bytes: Uint8Array, type: string) => Buffer.from(bytes).indexOf(type, 0, 'latin1') + 4;

  it("accepts every fixture's tables as they are", () => {
    for (const name of ['video-720p-25fps-5s.mp4', 'video-720p-25fps-5s.mov', 'video-720p-30fps-5s-moov-at-end.mp4', 'video-one-frame.mp4']) {
      expect(checkSampleTables(fixture(name)), name).toBeNull();
    }
  });

  it.each([
    ['a ctts run claiming billions of samples', 'ctts', 8, 'ctts: describes'],
    ['an stts run claiming billions of samples', 'stts', 8, 'stts: describes'],
    ['an stsc chunk index past the last chunk', 'stsc', 8, 'stsc: chunk index out of range'],
    ['an stsz sample count out of range', 'stsz', 8, 'stsz: sample count out of range'],
  ])('refuses %s at once, as unreadable', async (_name, box, offset, problem) => {
    const bytes = fixture('video-720p-25fps-5s.mp4').slice();
    const at = payloadOf(bytes, box) + offset;
    new DataView(bytes.buffer).setUint32(at, 0x7fff_fff0);
    expect(checkSampleTables(bytes)).toContain(problem);
    expect(await inspectVideo(bytes)).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
