/**
 * Whether a JPEG or PNG is a black & white image, read from its header (no pixel decoding):
 * seed 001 says quality validation fails on "a black & white image (grayscale is true)", and the
 * header says so for real: PNG colour types 0 and 4, a JPEG frame with one component.
 */
export function isGrayscale(bytes: Uint8Array, format: 'jpeg' | 'png'): boolean {
  if (format === 'png') {
    const colourType = bytes[25]; // signature 8 + length 4 + "IHDR" 4 + width 4 + height 4 + depth 1
    return colourType === 0 || colourType === 4;
  }
  return jpegComponents(bytes) === 1;
}

/** The component count of the first start-of-frame segment (SOF0..SOF15 but DHT, JPG, DAC). */
function jpegComponents(b: Uint8Array): number | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return b[at + 9] ?? null;
    if (marker === 0xda) return null; // scan data before any frame header
    at += 2 + length;
  }
  return null;
}
