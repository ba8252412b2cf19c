import { describe, expect, it } from 'vitest';
import { failedValidations, failOnCode, FAIL_BITS } from '../../simulator/vendors/verihubs/bitmask.js';
import { FAIL_ON_CODES } from '../../simulator/vendors/verihubs/codes.js';

describe('FAIL_ON bitmask', () => {
  it('uses the vendor-wide bit values (1 liveness, 2 attribute, 4 quality, 8 nface, 16 similarity)', () => {
    expect(FAIL_BITS).toEqual({ liveness: 1, attribute: 2, quality: 4, nface: 8, similarity: 16 });
  });

  it.each([
    [[], null],
    [['attribute'], 'FAIL_ON_2'],
    [['quality'], 'FAIL_ON_4'],
    [['attribute', 'quality'], 'FAIL_ON_6'],
    [['nface'], 'FAIL_ON_8'],
    [['attribute', 'nface'], 'FAIL_ON_10'],
    [['quality', 'nface'], 'FAIL_ON_12'],
    [['attribute', 'quality', 'nface'], 'FAIL_ON_14'],
    [['nface', 'quality', 'attribute'], 'FAIL_ON_14'],
    [['quality', 'quality'], 'FAIL_ON_4'],
  ] as const)('sums %j to %s', (failed, code) => {
    expect(failOnCode(failed)).toBe(code);
  });

  it('computes only codes the seed documents', () => {
    const sets = [
      ['attribute'],
      ['quality'],
      ['nface'],
      ['attribute', 'quality'],
      ['attribute', 'nface'],
      ['quality', 'nface'],
      ['attribute', 'quality', 'nface'],
    ] as const;
    expect(new Set(sets.map((s) => failOnCode(s)))).toEqual(new Set(Object.keys(FAIL_ON_CODES)));
  });

  const clean = { nface: 1, blur: false, dark: false, grayscale: false, sunglasses: false, mask: false };
  const all = { validate_attribute: true, validate_quality: true, validate_nface: true };
  const none = { validate_attribute: false, validate_quality: false, validate_nface: false };

  it.each([
    ['a mask', { mask: true }, all, ['attribute']],
    ['sunglasses', { sunglasses: true }, all, ['attribute']],
    ['blur', { blur: true }, all, ['quality']],
    ['dark', { dark: true }, all, ['quality']],
    ['a grayscale image', { grayscale: true }, all, ['quality']],
    ['two faces', { nface: 2 }, all, ['nface']],
    ['everything wrong', { mask: true, blur: true, nface: 3 }, all, ['attribute', 'quality', 'nface']],
    ['everything wrong but nothing validated', { mask: true, blur: true, nface: 3 }, none, []],
    ['a mask, only quality validated', { mask: true }, { ...none, validate_quality: true }, []],
    ['a clean image', {}, all, []],
  ])('fails the requested validations that %s breaks', (_name, findings, flags, failed) => {
    expect(failedValidations({ ...clean, ...findings }, flags)).toEqual(failed);
  });
});
