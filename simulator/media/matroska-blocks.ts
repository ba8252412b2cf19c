/**
 * Counts what a Matroska/WebM file asks the container library to index (frames in blocks, and
 * Clusters) before the library reads it: 1.4M one-byte blocks fit in 9.8 MB and cost it 32 CPU-s.
 * The cap and why are in limits.ts.
 *
 * One flat pass over the element headers, stepping into the masters that hold blocks (Segment,
 * Cluster, BlockGroup) and over everything else by its size. Element IDs are unique across
 * levels, so the walk needs no stack, and it works the same for the unknown-size Segments and
 * Clusters that live recorders (Chrome MediaRecorder) write. Every step moves forward by at least
 * one header, so the pass is linear in the file size whatever the bytes say.
 */
import { readElementHeader } from './ebml.js';
import { MAX_INDEX_ENTRIES } from './limits.js';

const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const SIMPLE_BLOCK = 0xa3;

/** Masters the walk steps into rather than over. */
const STEP_INTO = new Set([SEGMENT, CLUSTER, BLOCK_GROUP]);

/**
 * A detail when the file holds more frames and Clusters than MAX_INDEX_ENTRIES, else null. A header
 * that does not parse ends the count: what the walk cannot read is the library's (and the
 * inspection deadline's) to judge, so a damaged file is never refused here for its damage alone.
 */
export function matroskaIndexProblem(b: Uint8Array): string | null {
  let entries = 0;
  let at = 0;
  while (at < b.length) {
    const header = readElementHeader(b, at);
    if (!header) return null;
    const { id, size, dataStart } = header;
    if (id === CLUSTER) entries++;
    if (STEP_INTO.has(id)) {
      at = dataStart;
    } else {
      if (size === null) return null; // an unknown size is legal only on masters stepped into
      if (id === SIMPLE_BLOCK || id === BLOCK) entries += framesIn(b, dataStart, size);
      at = dataStart + size;
    }
    if (entries > MAX_INDEX_ENTRIES) return `more than ${MAX_INDEX_ENTRIES} blocks and clusters`;
  }
  return null;
}

/**
 * Frames in one (Simple)Block: one, or the lace count + 1 when the block is laced (Matroska
 * "Block Lacing": track number vint, int16 timecode, flags with lacing in bits 1-2, then the count).
 */
function framesIn(b: Uint8Array, dataStart: number, size: number): number {
  const track = b[dataStart];
  if (track === undefined || track === 0) return 1;
  const trackLength = Math.clz32(track) - 23;
  const flags = b[dataStart + trackLength + 2];
  const laceCount = b[dataStart + trackLength + 3];
  if (flags === undefined || (flags & 0x06) === 0 || laceCount === undefined || trackLength + 4 > size) return 1;
  return laceCount + 1;
}
