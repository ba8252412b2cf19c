/**
 * FAIL_ON_N (verihubs.md "Errors"): N is the sum of the bits of the validations that failed, a
 * numbering shared by the vendor's face endpoints. The liveness endpoint never validates liveness
 * (1) or similarity (16), so only attribute, quality and nface can fail: N is even, 2 to 14.
 */
import type { FailOnCode } from './codes.js';

export const FAIL_BITS = { liveness: 1, attribute: 2, quality: 4, nface: 8, similarity: 16 } as const;

/** The validations this endpoint can run, in bit order. */
export const VALIDATIONS = ['attribute', 'quality', 'nface'] as const;
export type Validation = (typeof VALIDATIONS)[number];

/** `FAIL_ON_<sum>` for the failed validations, or null when none failed. */
export function failOnCode(failed: Iterable<Validation>): FailOnCode | null {
  let sum = 0;
  for (const validation of new Set(failed)) sum += FAIL_BITS[validation];
  return sum === 0 ? null : (`FAIL_ON_${sum}` as FailOnCode);
}

/** What each validation looks at (seed 001 "Body Params"). */
export interface Findings {
  nface: number;
  blur: boolean;
  dark: boolean;
  grayscale: boolean;
  sunglasses: boolean;
  mask: boolean;
}

export interface ValidationFlags {
  validate_attribute: boolean;
  validate_quality: boolean;
  validate_nface: boolean;
}

/**
 * The requested validations that fail. Attribute: sunglasses or a mask (a veil or a hat does not
 * fail it). Quality: blur or dark past the threshold, or grayscale. Nface: more than one face.
 */
export function failedValidations(findings: Findings, flags: ValidationFlags): Validation[] {
  const failed: Validation[] = [];
  if (flags.validate_attribute && (findings.sunglasses || findings.mask)) failed.push('attribute');
  if (flags.validate_quality && (findings.blur || findings.dark || findings.grayscale)) failed.push('quality');
  if (flags.validate_nface && findings.nface > 1) failed.push('nface');
  return failed;
}
