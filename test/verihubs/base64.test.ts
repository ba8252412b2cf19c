import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePortably, decodeStandardBase64, isStandardBase64 } from '../../simulator/vendors/verihubs/base64.js';

/** Browsers have no Buffer: the portable decoder must give the bytes Node's native one gives. */
describe('Verihubs base64 decoding', () => {
  const jpeg = new Uint8Array(readFileSync(new URL('../fixtures/face-small-320x240.jpg', import.meta.url)));

  it('decodes a real JPEG the same without Buffer (browsers) as with it (Node)', () => {
    const text = Buffer.from(jpeg).toString('base64');
    expect(isStandardBase64(text)).toBe(true);
    expect(decodePortably(text)).toEqual(jpeg);
    expect(new Uint8Array(decodeStandardBase64(text)!)).toEqual(jpeg);
  });

  it('decodes each padding length the same both ways', () => {
    for (const bytes of [[1], [1, 2], [1, 2, 3], [255, 254, 253, 252]]) {
      const text = Buffer.from(bytes).toString('base64');
      expect([...decodePortably(text)]).toEqual(bytes);
      expect([...decodeStandardBase64(text)!]).toEqual(bytes);
    }
  });

  it.each([
    ['', 'empty'],
    ['QR==', 'non-zero trailing bits (admitted, as the vendor does)'],
    ['QUJD', 'canonical'],
    ['QUJ', 'missing padding'],
    ['QU-_', 'URL-safe alphabet'],
    ['QU JD', 'a space'],
    ['QUJD\n', 'a line break'],
    ['Q===', 'three padding characters'],
    ['QU=D', 'padding inside'],
  ])('decodes %j exactly when it is standard base64 (%s)', (text) => {
    const bytes = decodeStandardBase64(text);
    expect(bytes !== undefined).toBe(isStandardBase64(text));
    if (bytes) expect([...bytes]).toEqual([...decodePortably(text)]);
  });

  it('decodes any text exactly when the strict check admits it, to the portable bytes', () => {
    const alphabet = 'ABCXYZabcxyz0189+/=-_ \n.'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 16 }), (chars) => {
        const text = chars.join('');
        const bytes = decodeStandardBase64(text);
        expect(bytes !== undefined).toBe(isStandardBase64(text));
        if (bytes) expect([...bytes]).toEqual([...decodePortably(text)]);
      }),
      { numRuns: 5000 },
    );
  });
});
