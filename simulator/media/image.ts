// Still-image checks from the bytes alone: which format the magic bytes announce, and the pixel
// size of a JPEG/PNG read from its headers. Hand-written on purpose: each format needs a dozen
// lines, and this code must run unchanged in Node and in a browser (msw), so Uint8Array only.

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp';

/** What the vendors accept (JPEG or PNG) with the size read from its headers. */
export interface ImageInfo {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: ArrayLike<number>, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

/** The magic numbers and chunk types compared, spelled once (not rebuilt for every upload). */
const MAGIC = {
  gif87a: ascii('GIF87a'),
  gif89a: ascii('GIF89a'),
  riff: ascii('RIFF'),
  webp: ascii('WEBP'),
  bm: ascii('BM'),
  ihdr: ascii('IHDR'),
  idat: ascii('IDAT'),
  iend: ascii('IEND'),
};
/** BMP's DIB header sizes (BITMAPCOREHEADER to BITMAPV5HEADER). */
const DIB_HEADER_SIZES = [12, 40, 52, 56, 64, 108, 124];

function u16be(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

function u32be(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}

function u32le(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

/** The image format announced by the magic bytes, or null. Says nothing about the rest of the file. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, MAGIC.gif87a) || startsWith(bytes, MAGIC.gif89a)) return 'gif';
  if (startsWith(bytes, MAGIC.riff) && startsWith(bytes, MAGIC.webp, 8)) return 'webp';
  // "BM" alone is too weak (any text can start with it): also require a known DIB header size.
  if (startsWith(bytes, MAGIC.bm) && DIB_HEADER_SIZES.includes(u32le(bytes, 14))) return 'bmp';
  return null;
}

/**
 * Format and size of a COMPLETE JPEG or PNG, else null: other formats, dimensions that cannot be
 * read, and truncated files (no JPEG EOI marker after the scan data, no PNG IEND chunk) all give
 * null. Requiring the end marker is how a file cut after its headers (right magic, undecodable
 * body) is told apart from a real image without decoding pixels.
 */
export function inspectImage(bytes: Uint8Array): ImageInfo | null {
  const format = sniffImageFormat(bytes);
  if (format === 'png') return inspectPng(bytes);
  if (format === 'jpeg') return inspectJpeg(bytes);
  return null;
}

function inspectPng(b: Uint8Array): ImageInfo | null {
  // The first chunk must be IHDR (13 bytes of data): width and height are its first two uint32.
  if (u32be(b, 8) !== 13 || !startsWith(b, MAGIC.ihdr, 12)) return null;
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  if (width === 0 || height === 0) return null;
  // Walk the chunks (length, type, data, CRC) to IEND; a chunk running past the end means truncation.
  let at = 8;
  let sawData = false;
  while (at + 12 <= b.length) {
    const length = u32be(b, at);
    if (length > 0x7fffffff || at + 12 + length > b.length) return null;
    if (startsWith(b, MAGIC.idat, at + 4)) sawData = true;
    if (startsWith(b, MAGIC.iend, at + 4)) return sawData ? { format: 'png', width, height } : null;
    at += 12 + length;
  }
  return null;
}

// SOF0..SOF15 carry the frame size, except C4 (DHT), C8 (JPG extension) and CC (DAC).
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function inspectJpeg(b: Uint8Array): ImageInfo | null {
  let size: { width: number; height: number } | null = null;
  let sawScan = false;
  let at = 2; // after SOI
  for (;;) {
    // A marker is 0xFF followed by a code; any number of 0xFF fill bytes may precede the code.
    if (b[at] !== 0xff) return null;
    while (b[at] === 0xff) at++;
    if (at >= b.length) return null;
    const marker = b[at++] as number;
    if (marker === 0xd9) return size && sawScan ? { format: 'jpeg', ...size } : null; // EOI
    // Standalone markers (no length): TEM, RSTn, a stray SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    const length = u16be(b, at);
    if (length < 2 || at + length > b.length) return null;
    if (isStartOfFrame(marker)) {
      // Segment: length(2) precision(1) height(2) width(2). Height 0 means "see DNL": not supported.
      const height = u16be(b, at + 3);
      const width = u16be(b, at + 5);
      if (length < 7 || width === 0 || height === 0) return null;
      size = { width, height };
    }
    at += length;
    if (marker === 0xda) {
      sawScan = true;
      // Entropy-coded data follows SOS: skip to the next marker that is not a stuffed 0xFF00 nor RSTn
      // (indexOf finds each 0xFF natively: the scan data is nearly all of the file).
      for (;;) {
        at = b.indexOf(0xff, at);
        if (at < 0 || at + 1 >= b.length) return null; // cut inside the scan data
        const next = b[at + 1] as number;
        if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) break;
        at++;
      }
    }
  }
}
