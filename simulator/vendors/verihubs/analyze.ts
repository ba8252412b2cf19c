import { unitFromDigest, utf8, type Sha256 } from '../../engine/digest.js';
import { inspectImage } from '../../media/image.js';
import type { Findings } from './bitmask.js';
import type { ErrorCode } from './codes.js';
import { isGrayscale } from './grayscale.js';
import type { LivePerson } from './keywords.js';
import type { VerihubsSettings } from './settings.js';

/**
 * What the "model" finds in an image. Nothing here looks at pixels: faces, blur and attributes
 * come from sandbox keywords or scenarios; with neither, a valid image is a live single face
 * (verihubs.md "Input checks") whose scores are drawn from a hash of its bytes, so one image
 * always gets one answer.
 */
export interface Analysis {
  sessionId: string;
  nface: number;
  live: boolean;
  /** Percent, 0–100, rendered with two decimals ("99.87"). */
  probability: number;
  quality: { blur: boolean; blurScore: number; dark: boolean; darkScore: number; grayscale: boolean };
  attributes: { sunglasses: boolean; mask: boolean; veil: boolean; hat: boolean };
}

export type Judged = { ok: true; analysis: Analysis } | { ok: false; code: ErrorCode };

/**
 * Score ranges. A blur or dark score at or over 0.5 is "past the threshold" (seed 001), so the
 * flag and its score always agree; live probabilities stay far above the 60 integrators compare with.
 */
export const RANGES = {
  liveProbability: [90, 99.99],
  spoofProbability: [2, 40],
  sharp: [0.02, 0.3],
  blurry: [0.7, 0.99],
  lit: [0.01, 0.25],
  dark: [0.65, 0.98],
} as const;
export const QUALITY_THRESHOLD = 0.5;

const within = ([low, high]: readonly [number, number], unit: number) => low + unit * (high - low);

/** Draws every score of a live face from a digest; `set` turns findings on. */
export function analysisFromDigest(hex: string, sessionId: string, found: Partial<Findings & { live: boolean; veil: boolean; hat: boolean }> = {}): Analysis {
  const live = found.live ?? true;
  const blur = found.blur ?? false;
  const dark = found.dark ?? false;
  return {
    sessionId,
    nface: found.nface ?? 1,
    live,
    probability: round2(within(live ? RANGES.liveProbability : RANGES.spoofProbability, unitFromDigest(hex, 0))),
    quality: {
      blur,
      blurScore: round2(within(blur ? RANGES.blurry : RANGES.sharp, unitFromDigest(hex, 1))),
      dark,
      darkScore: round2(within(dark ? RANGES.dark : RANGES.lit, unitFromDigest(hex, 2))),
      grayscale: found.grayscale ?? false,
    },
    attributes: { sunglasses: found.sunglasses ?? false, mask: found.mask ?? false, veil: found.veil ?? false, hat: found.hat ?? false },
  };
}

/** A real image: JPEG or PNG, complete, big enough to hold a face. */
export async function analyzeImageBytes(
  bytes: Uint8Array,
  settings: Pick<VerihubsSettings, 'maxImageBytes' | 'minFaceImageSide'>,
  sha256: Sha256,
): Promise<Judged> {
  if (bytes.byteLength > settings.maxImageBytes) return { ok: false, code: 'INVALID_PAYLOAD_IMAGE_SIZE' };
  const info = inspectImage(bytes);
  // Seed 001: "image unable to be decoded ... OR invalid image extension" (GIF, WebP, text, a cut file).
  if (!info) return { ok: false, code: 'INVALID_PAYLOAD_IMAGE_FORMAT' };
  // Decision: a face detector finds nothing in a thumbnail (a 1x1 "any image" placeholder).
  if (Math.min(info.width, info.height) < settings.minFaceImageSide) return { ok: false, code: 'FACE_NOT_DETECTED' };
  const hex = await sha256(bytes);
  return { ok: true, analysis: analysisFromDigest(hex, globalThis.crypto.randomUUID(), { grayscale: isGrayscale(bytes, info.format) }) };
}

/** LIVE_PERSON_<X>_<P>_<N>: the same person always gets the same scores and session data. */
export async function analyzeLivePerson(person: LivePerson, sha256: Sha256): Promise<Analysis> {
  const hex = await sha256(utf8(`verihubs sandbox person ${person.person}`));
  const { faces: nface, blur, dark, mask, veil, sunglasses } = person;
  return analysisFromDigest(hex, uuidFromDigest(hex), { nface, blur, dark, mask, veil, sunglasses });
}

/** A version-4-shaped UUID built from a digest (stable per input). */
export function uuidFromDigest(hex: string): string {
  const variant = '89ab'[Number.parseInt(hex[16]!, 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
