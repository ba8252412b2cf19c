// Detects a container cut short. mediabunny reads only the index (moov tables, Matroska headers)
// and never touches frame data when asked for metadata, so a faststart MP4 cut inside mdat would
// still look complete to it. The vendors decode the frames and would reject it, so we check that
// every top-level structure the file declares actually fits in the bytes we have.
import { readVint } from './ebml.js';
import { childBoxes } from './isobmff-boxes.js';

/** ISO BMFF (MP4/MOV): a detail naming the top-level box that runs past the end, else null. */
export function isobmffTruncation(b: Uint8Array): string | null {
  return childBoxes(new DataView(b.buffer, b.byteOffset, b.byteLength), { start: 0, end: b.byteLength }).overrun;
}

/** Matroska/WebM: a detail when the EBML header or a sized Segment runs past the end, else null. */
export function matroskaTruncation(b: Uint8Array): string | null {
  let at = 0;
  while (at < b.length) {
    // Element IDs keep their length marker: 4 bytes for both EBML (1A45DFA3) and Segment (18538067).
    const id = readVint(b, at);
    if (!id) return `an element header at byte ${at} is cut or invalid`;
    const size = readVint(b, at + id.length);
    if (!size) return `an element header at byte ${at} is cut or invalid`;
    const dataStart = at + id.length + size.length;
    // Live recordings (Chrome MediaRecorder) write the Segment with an unknown size: nothing to check.
    if (size.value === null) return null;
    if (dataStart + size.value > b.length) {
      return `an element at byte ${at} needs ${dataStart + size.value} bytes, the file has ${b.length}`;
    }
    // Stop after the Segment: whatever follows it is not part of the file's structure.
    if (b[at] === 0x18 && b[at + 1] === 0x53 && b[at + 2] === 0x80 && b[at + 3] === 0x67) return null;
    at = dataStart + size.value;
  }
  return null;
}
