import fc from 'fast-check';
import { concat } from './arbitraries.js';

/**
 * Mutations of real media, as data (so fast-check can shrink them and a failure can be replayed):
 * byte flips, truncations, changed box and element sizes, changed 32-bit fields of MP4 boxes
 * (sample counts, offsets), and duplicated boxes, elements or byte ranges. Structure-aware
 * mutations find the boxes (ISO-BMFF) or elements (EBML) first, so they hit the fields parsers trust.
 */
export type MediaMutation =
  | { op: 'flip'; at: number; xor: number }
  | { op: 'truncate'; at: number }
  | { op: 'node-size'; pick: number; value: SizeValue }
  | { op: 'box-field'; pick: number; word: number; value: SizeValue }
  | { op: 'duplicate-node'; pick: number; times: number }
  | { op: 'duplicate-range'; at: number; length: number; to: number };

/** A new value for a size or count: relative to the old one, a boundary, or any 32-bit number. */
export type SizeValue = { kind: 'zero' | 'one' | 'max' | 'unknown' | 'plus-one' | 'minus-one' | 'double' | 'million' } | { kind: 'any'; value: number };

const sizeValues: fc.Arbitrary<SizeValue> = fc.oneof(
  fc.constantFrom<SizeValue>(
    { kind: 'zero' },
    { kind: 'one' },
    { kind: 'max' },
    { kind: 'unknown' },
    { kind: 'plus-one' },
    { kind: 'minus-one' },
    { kind: 'double' },
    { kind: 'million' },
  ),
  fc.record({ kind: fc.constant('any' as const), value: fc.nat() }),
);

export const mediaMutation: fc.Arbitrary<MediaMutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }) },
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('node-size' as const), pick: fc.nat(), value: sizeValues }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('box-field' as const), pick: fc.nat(), word: fc.nat({ max: 8 }), value: sizeValues }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicate-node' as const), pick: fc.nat(), times: fc.integer({ min: 1, max: 40 }) }) },
  fc.record({ op: fc.constant('duplicate-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4096 }), to: fc.nat() }),
);

export function applyMutations(original: Uint8Array, mutations: readonly MediaMutation[]): Uint8Array {
  return mutations.reduce((bytes, m) => applyMutation(bytes, m), original);
}

function applyMutation(bytes: Uint8Array, m: MediaMutation): Uint8Array {
  if (bytes.byteLength === 0) return bytes;
  switch (m.op) {
    case 'flip': {
      const out = bytes.slice();
      out[m.at % out.length]! ^= m.xor;
      return out;
    }
    case 'truncate':
      return bytes.subarray(0, m.at % bytes.byteLength);
    case 'duplicate-range': {
      const at = m.at % bytes.byteLength;
      const piece = bytes.subarray(at, at + m.length);
      const to = m.to % (bytes.byteLength + 1);
      return concat([bytes.subarray(0, to), piece, bytes.subarray(to)]);
    }
    default: {
      const nodes = structureOf(bytes);
      if (nodes.length === 0) return bytes;
      const node = nodes[m.pick % nodes.length]!;
      if (m.op === 'duplicate-node') {
        const whole = bytes.subarray(node.start, Math.min(bytes.byteLength, node.end));
        const end = node.start + whole.byteLength;
        // At most ~4 MB more: inputs over the vendors' caps are the body limits' tests, not these.
        const times = Math.max(1, Math.min(m.times, Math.floor(4_000_000 / Math.max(1, whole.byteLength))));
        return concat([bytes.subarray(0, end), ...Array.from({ length: times }, () => whole), bytes.subarray(end)]);
      }
      const out = bytes.slice();
      if (m.op === 'node-size') node.setSize(out, m.value);
      else if (node.kind === 'box') {
        const at = node.start + 8 + m.word * 4;
        if (at + 4 <= Math.min(node.end, out.byteLength))
          new DataView(out.buffer).setUint32(at, newSize(new DataView(out.buffer).getUint32(at), m.value, 0xffffffff));
      }
      return out;
    }
  }
}

function newSize(old: number, value: SizeValue, max: number): number {
  const n = {
    zero: 0,
    one: 1,
    max,
    unknown: max,
    'plus-one': old + 1,
    'minus-one': old - 1,
    double: old * 2,
    million: 1_000_000,
    any: value.kind === 'any' ? value.value : 0,
  }[value.kind];
  return Math.max(0, Math.min(max, n));
}

interface Node {
  kind: 'box' | 'element';
  start: number;
  end: number;
  setSize(bytes: Uint8Array, value: SizeValue): void;
}

/** The boxes of an ISO-BMFF file (MP4, MOV), or the elements of an EBML one (WebM), nested. */
export function structureOf(bytes: Uint8Array): Node[] {
  if (bytes.byteLength >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return ebmlElements(bytes, 0, bytes.byteLength, 0);
  return boxes(bytes, 0, bytes.byteLength, 0);
}

const CONTAINER_BOXES = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'dinf', 'edts', 'mvex', 'moof', 'traf', 'udta', 'mfra', 'sinf', 'schi']);

function boxes(bytes: Uint8Array, from: number, to: number, depth: number): Node[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Node[] = [];
  let at = from;
  while (at + 8 <= to && depth < 8 && out.length < 5000) {
    const size = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = size === 0 ? to : size === 1 ? to : at + size;
    if (size !== 0 && size !== 1 && size < 8) break;
    const start = at;
    out.push({
      kind: 'box',
      start,
      end: Math.min(end, to),
      setSize: (b, value) => new DataView(b.buffer, b.byteOffset).setUint32(start, newSize(size, value, 0xffffffff)),
    });
    if (CONTAINER_BOXES.has(type)) out.push(...boxes(bytes, at + 8, Math.min(end, to), depth + 1));
    if (end <= at) break;
    at = end;
  }
  return out;
}

/** EBML master elements whose children are walked (Matroska IDs). */
const MASTER_IDS = new Set([0x1a45dfa3, 0x18538067, 0x1f43b675, 0x1654ae6b, 0xae, 0xe0, 0x1549a966, 0x1c53bb6b, 0xa0, 0x114d9b74, 0x4dbb, 0x1254c367, 0xbb]);

function vintLength(first: number): number {
  for (let i = 0; i < 8; i++) if (first & (0x80 >> i)) return i + 1;
  return 0;
}

function ebmlElements(bytes: Uint8Array, from: number, to: number, depth: number): Node[] {
  const out: Node[] = [];
  let at = from;
  while (at < to && depth < 6 && out.length < 20_000) {
    const idLength = vintLength(bytes[at]!);
    if (idLength === 0 || idLength > 4 || at + idLength >= to) break;
    let id = 0;
    for (let i = 0; i < idLength; i++) id = id * 256 + bytes[at + i]!;
    const sizeAt = at + idLength;
    const sizeLength = vintLength(bytes[sizeAt]!);
    if (sizeLength === 0 || sizeAt + sizeLength > to) break;
    let size = bytes[sizeAt]! & (0xff >> sizeLength);
    let allOnes = size === 0xff >> sizeLength;
    for (let i = 1; i < sizeLength; i++) {
      size = size * 256 + bytes[sizeAt + i]!;
      allOnes &&= bytes[sizeAt + i] === 0xff;
    }
    const dataAt = sizeAt + sizeLength;
    const end = allOnes ? to : Math.min(to, dataAt + size);
    out.push({
      kind: 'element',
      start: at,
      end,
      setSize: (b, value) => {
        // Same width: the value's bits under the length marker; "unknown" is all ones.
        const max = 2 ** (7 * sizeLength) - 1;
        const n = value.kind === 'unknown' ? max : Math.min(newSize(size, value, max), max - 1);
        let rest = n;
        for (let i = sizeLength - 1; i >= 1; i--) {
          b[sizeAt + i] = rest % 256;
          rest = Math.floor(rest / 256);
        }
        b[sizeAt] = (0x80 >> (sizeLength - 1)) | rest;
      },
    });
    if (MASTER_IDS.has(id)) out.push(...ebmlElements(bytes, dataAt, end, depth + 1));
    if (end <= at) break;
    at = allOnes ? to : end;
  }
  return out;
}
