/**
 * Hostile videos built in memory from the committed fixtures (issue 7, findings 1 and 2): each is
 * small on the wire and made the container library spin for seconds, minutes or forever. Built here
 * rather than committed, so the fixtures stay small and each input says how it was made.
 */
import { fixture } from './fixtures.js';

/** The byte of the live WebM that starts its last Cluster's ID (0x1F43B675). */
export const LIVE_WEBM_LAST_CLUSTER_OFFSET = 164706;

/**
 * The live WebM with its last Cluster's ID changed from 0x1F to 0x8F: mediabunny 1.61 loops
 * forever at 100 % CPU on it (never resolves; SIGTERM ignored). Never inspect it inline.
 */
export function endlessWebm(): Uint8Array {
  const bytes = fixture('video-720p-25fps-5s-live.webm').slice();
  if (bytes[LIVE_WEBM_LAST_CLUSTER_OFFSET] !== 0x1f) throw new Error('the live WebM fixture changed: find the last Cluster again');
  bytes[LIVE_WEBM_LAST_CLUSTER_OFFSET] = 0x8f;
  return bytes;
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  const size = 8 + payload.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(ascii(type), 4);
  let at = 8;
  for (const p of payload) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function u32s(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v >>> 0));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fragmented fixture's ftyp + moov (everything before its first moof). */
function fragmentedInit(): Uint8Array {
  const bytes = fixture('video-720p-25fps-5s-fragmented.mp4');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (String.fromCharCode(...bytes.subarray(at + 4, at + 8)) !== 'moof') at += view.getUint32(at);
  return bytes.slice(0, at);
}

/**
 * A fragmented MP4 of `fragments` moof boxes, each a 100-byte moof whose `trun` declares `samples`
 * samples with every per-sample field left to the `tfhd` defaults, so the count costs no bytes.
 * One fragment of 1,000,000 samples (842 bytes) took 30 CPU-s; ten took 258 CPU-s and 1.7 GB.
 */
export function fragmentBomb(fragments: number, samples = 1_000_000): Uint8Array {
  const moofs = Array.from({ length: fragments }, (_, i) =>
    box(
      'moof',
      box('mfhd', u32s(0, i + 1)),
      box(
        'traf',
        // flags 0x020038: default-base-is-moof, default duration, size and flags present.
        box('tfhd', u32s(0x020038, 1, 512, 1, 0x01010000)),
        box('tfdt', u32s(0x01000000, 0, i * samples * 512)),
        // flags 0x000001: a data offset and nothing per sample.
        box('trun', u32s(0x000001, samples, 0)),
      ),
    ),
  );
  return concat([fragmentedInit(), ...moofs]);
}

/**
 * The progressive MP4 fixture (226 kB) whose `stsz` says 1,000,000 samples of one constant size
 * (no table, so the count costs no bytes either), all in its one chunk (20 CPU-s).
 */
export function stszBomb(samples = 1_000_000): Uint8Array {
  const bytes = fixture('video-720p-25fps-5s.mp4').slice();
  const at = indexOfAscii(bytes, 'stsz');
  const view = new DataView(bytes.buffer);
  view.setUint32(at + 8, 1); // sample_size: constant, one byte
  view.setUint32(at + 12, samples); // sample_count
  // The time-to-sample run and the one chunk follow: every sample is a frame 512 ticks long.
  view.setUint32(indexOfAscii(bytes, 'stts') + 12, samples);
  view.setUint32(indexOfAscii(bytes, 'stsc') + 16, samples);
  return bytes;
}

function indexOfAscii(bytes: Uint8Array, text: string): number {
  const needle = ascii(text);
  for (let i = 0; i + needle.length <= bytes.length; i++) if (needle.every((c, j) => bytes[i + j] === c)) return i;
  throw new Error(`'${text}' not found`);
}

/**
 * A WebM of `blocks` one-byte SimpleBlocks (7 bytes each), in Clusters of 30,000 under the live
 * fixture's header: 1.4M blocks make 9.8 MB, under FPT's 10 MB cap (32 CPU-s).
 */
export function webmBlockBomb(blocks = 1_400_000): Uint8Array {
  const live = fixture('video-720p-25fps-5s-live.webm');
  const header = live.slice(0, indexOfBytes(live, [0x1f, 0x43, 0xb6, 0x75])); // up to the first Cluster
  const perCluster = 30_000;
  const clusters: Uint8Array[] = [];
  for (let first = 0; first < blocks; first += perCluster) {
    const count = Math.min(perCluster, blocks - first);
    const timecode = [0xe7, 0x84, ...u32s(first)]; // Timecode (ms), 4 bytes
    const body = new Uint8Array(timecode.length + count * 7);
    body.set(timecode);
    for (let i = 0; i < count; i++) {
      // SimpleBlock, size 5: track 1, relative timecode i ms, keyframe, one byte of "frame".
      body.set([0xa3, 0x85, 0x81, (i >> 8) & 0x7f, i & 0xff, 0x80, 0x00], timecode.length + i * 7);
    }
    // Cluster ID and an 8-byte size (0x01 marker + 7 bytes).
    const size = [0x01, 0, 0, 0, ...u32s(body.length)];
    clusters.push(concat([Uint8Array.from([0x1f, 0x43, 0xb6, 0x75, ...size]), body]));
  }
  return concat([header, ...clusters]);
}

function indexOfBytes(bytes: Uint8Array, needle: number[]): number {
  for (let i = 0; i + needle.length <= bytes.length; i++) if (needle.every((c, j) => bytes[i + j] === c)) return i;
  throw new Error('not found');
}
