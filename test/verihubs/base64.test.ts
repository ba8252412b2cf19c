import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBase64, decodePortably, isStandardBase64 } from '../../simulator/vendors/verihubs/base64.js';

/** Browsers have no Buffer: the portable decoder must give the bytes Node's native one gives. */
describe('Verihubs base64 decoding', () => {
  const jpeg = new Uint8Array(readFileSync(new URL('../fixtures/face-small-320x240.jpg', import.meta.url)));

  it('decodes a real JPEG the same without Buffer (browsers) as with it (Node)', () => {
    const text = Buffer.from(jpeg).toString('base64');
    expect(isStandardBase64(text)).toBe(true);
    expect(decodePortably(text)).toEqual(jpeg);
    expect(new Uint8Array(decodeBase64(text))).toEqual(jpeg);
  });

  it('decodes each padding length the same both ways', () => {
    for (const bytes of [[1], [1, 2], [1, 2, 3], [255, 254, 253, 252]]) {
      const text = Buffer.from(bytes).toString('base64');
      expect([...decodePortably(text)]).toEqual(bytes);
      expect([...decodeBase64(text)]).toEqual(bytes);
    }
  });
});
