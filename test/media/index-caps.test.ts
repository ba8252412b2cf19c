import { describe, expect, it } from 'vitest';
import { inspectVideo } from '../../simulator/media/index.js';
import { MAX_INDEX_ENTRIES } from '../../simulator/media/limits.js';
import { matroskaIndexProblem } from '../../simulator/media/matroska-blocks.js';
import { fixture } from '../support/fixtures.js';
import { fragmentBomb, stszBomb, webmBlockBomb } from '../support/media-bombs.js';

// Issue 7, finding 2: small uploads whose sample counts cost nothing made the container library
// spend 20-258 CPU-s. These inputs are refused by counting, before the library sees them.
describe('a video that declares more samples than a phone video holds is refused before the library indexes it', () => {
  it('refuses an 842-byte fragmented MP4 whose one trun declares a million samples', async () => {
    const bytes = fragmentBomb(1);
    expect(bytes.length).toBe(842);
    expect(await inspectVideo(bytes)).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('sums the samples of every fragment: ten fragments of 5,000 samples are refused, though each is under the cap', async () => {
    const result = await inspectVideo(fragmentBomb(10, 5_000));
    expect(result).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(!result.ok && result.detail).toContain(`more than ${MAX_INDEX_ENTRIES}`);
  });

  it('refuses a 226 kB MP4 whose stsz declares a million samples of one size', async () => {
    expect(await inspectVideo(stszBomb())).toMatchObject({ ok: false, reason: 'unreadable' });
  });

  it('refuses a 9.8 MB WebM of 1.4 million one-byte blocks', async () => {
    const bytes = webmBlockBomb();
    expect(bytes.length).toBeLessThan(10 * 1024 * 1024);
    const result = await inspectVideo(bytes);
    expect(result).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(!result.ok && result.detail).toContain('blocks');
  });

  it('still reads files under the cap: 19,000 samples in one fragment, 19,000 WebM blocks', async () => {
    expect(await inspectVideo(fragmentBomb(1, 19_000))).toMatchObject({ ok: true, info: { frameCount: 19_000 } });
    expect(await inspectVideo(webmBlockBomb(19_000))).toMatchObject({ ok: true, info: { frameCount: 19_000 } });
  });
});

describe('the Matroska block count', () => {
  it('finds nothing to refuse in the WebM fixtures, sized or written live', () => {
    expect(matroskaIndexProblem(fixture('video-720p-25fps-5s.webm'))).toBeNull();
    expect(matroskaIndexProblem(fixture('video-720p-25fps-5s-live.webm'))).toBeNull();
  });

  it('counts every frame of a laced block: 100 blocks of 256 laced frames are over the cap', () => {
    const live = fixture('video-720p-25fps-5s-live.webm');
    const clusterAt = Buffer.from(live).indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75]));
    // SimpleBlock of 261 bytes: track 1, timecode 0, keyframe with Xiph lacing (flags 0x82), lace
    // byte 255 (256 frames), then lace sizes and frames left as zeros: the count is the lace byte.
    const block = [0xa3, 0x41, 0x05, 0x81, 0x00, 0x00, 0x82, 0xff, ...new Array<number>(256).fill(0)];
    const cluster = [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]; // unknown size
    const file = Uint8Array.from([...live.subarray(0, clusterAt), ...cluster, ...Array.from({ length: 100 }, () => block).flat()]);
    expect(matroskaIndexProblem(file)).toContain(`more than ${MAX_INDEX_ENTRIES}`);
    // The same blocks without lacing are 100 frames: well under.
    const unlaced = file.slice();
    for (let i = clusterAt + cluster.length + 6; i < unlaced.length; i += block.length) unlaced[i] = 0x80;
    expect(matroskaIndexProblem(unlaced)).toBeNull();
  });
});
