import type { Partition } from '../../engine/store.js';
import type { VendorContext } from '../../engine/vendor.js';
import { CAPTURE_PREFIX, captureForgetTime, SIGNATURE_PREFIX, signatureForgetTime, type Capture, type SignatureRecord } from './captures.js';
import { storeExpiring, type ForgetTime } from './expiry.js';
import type { AdvanceSettings } from './settings.js';

/**
 * When the simulator forgets what the vendor expires, on the simulator clock (README "State and
 * expiry"), so state stays flat however long it runs:
 * - a token at its `expiredTime` (advance.md §1);
 * - a media URL when it stops working, `mediaUrlTtlSeconds` after issue (seed 002: 24 h);
 * - a capture one more `resultRetentionSeconds` after its result expired: meanwhile its id is
 *   "known" and answers RESULT_NOT_FOUND (seed 002: "not found or has been deleted"), then it is an
 *   id never created (LIVENESS_ID_NOT_EXISTED);
 * - a signature id with its capture; one the SDK never used, as a capture made when it was issued.
 */
export const TOKEN_PREFIX = 'token:';
export const MEDIA_PREFIX = 'media:';

export interface TokenRecord {
  expiredTime: number;
}
export interface ExpiringMedia {
  expiresAt: number;
}

export function forgetTimeIn(state: Partition, settings: AdvanceSettings): ForgetTime {
  const rules: Record<string, (value: never) => number> = {
    [TOKEN_PREFIX]: (token: TokenRecord) => token.expiredTime,
    [MEDIA_PREFIX]: (media: ExpiringMedia) => media.expiresAt,
    [CAPTURE_PREFIX]: (capture: Capture) => captureForgetTime(capture, settings),
    [SIGNATURE_PREFIX]: (signature: SignatureRecord) => signatureForgetTime(state, signature, settings),
  };
  return (key, value) => {
    const rule = rules[key.slice(0, key.indexOf(':') + 1)];
    return rule ? rule(value as never) : Number.POSITIVE_INFINITY;
  };
}

/** Stores a new record in `state` (an account's, or the vendor-wide one), to be forgotten by the rules above. */
export function keepExpiring(ctx: VendorContext<AdvanceSettings>, state: Partition, key: string, value: unknown): void {
  storeExpiring(state, key, value, ctx.now(), forgetTimeIn(state, ctx.settings));
}
