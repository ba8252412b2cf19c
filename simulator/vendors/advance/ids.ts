import { randomBytes } from '../../engine/random.js';

/**
 * Identifiers the vendor hands out. Random (WebCrypto, pooled: engine/random.ts, so msw in a
 * browser works too): only scores must be reproducible, ids need only be unique.
 */
export function randomHex(length: number): string {
  const bytes = randomBytes(Math.ceil(length / 2));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex.slice(0, length);
}

/** advance.md "Conventions": 16 lowercase hex characters, as in every seed example. */
export const transactionId = () => randomHex(16);

/** Seed 002's example id is UUID-shaped ("ddsd-9e6-dcc9-4ca1-bdfe-9f001c05f1b1"). */
export const newLivenessId = () => globalThis.crypto.randomUUID();

/** Decision: the vendor does not show one; 32 lowercase hex. */
export const newSignatureId = () => randomHex(32);

/**
 * A media object name in the vendor's look (seed 002: `standard-images/random_20180929195400851_1478837456`):
 * the UTC time to the millisecond, then ten random digits.
 */
export function mediaObjectName(nowMs: number): string {
  const stamp = utcStamp(nowMs);
  let digits = '';
  for (const byte of randomBytes(10)) digits += byte % 10;
  return `random_${stamp}_${digits}`;
}

/** A detection result names three media in the same millisecond: the stamp is made once for them. */
let lastStamp = { ms: NaN, text: '' };

function utcStamp(ms: number): string {
  if (ms !== lastStamp.ms) lastStamp = { ms, text: new Date(ms).toISOString().replace(/[-:TZ.]/g, '') };
  return lastStamp.text;
}
