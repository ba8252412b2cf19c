import { unitFromDigest, utf8, type Sha256 } from '../../engine/digest.js';
import type { Partition } from '../../engine/store.js';
import type { Result } from '../../engine/types.js';
import type { ErrorOutcomeName } from './codes.js';
import type { AdvanceSettings } from './settings.js';

/**
 * Liveness captures and signature ids, kept in the account's state partition (advance.md
 * "Where liveness ids come from"). A capture is what the vendor's SDK produces on the phone;
 * the simulator makes one through its admin endpoint, or for a well-known id named by a scenario.
 */
export const LIVENESS_TYPES = ['DISTANT_NEAR', 'DISTANT_NEAR_ACTION', 'ACTION', 'SILENT'] as const;
export const PRODUCT_LEVELS = ['STANDARD', 'PRO'] as const;
export type LivenessType = (typeof LIVENESS_TYPES)[number];
export type ProductLevel = (typeof PRODUCT_LEVELS)[number];
export type AttackType = 1 | 2 | 3;

export interface Capture {
  livenessId: string;
  signatureId: string | null;
  livenessScore: number;
  /** Seed 002: null when the score is 50 or more, else 1 presentation, 2 injection, 3 unsure. */
  attackType: AttackType | null;
  livenessType: LivenessType;
  capturedAt: number;
  /** Whether the SDK recorded a video (get-video answers VIDEO_NOT_FOUND otherwise). */
  video: boolean;
  /**
   * Whether the SDK was configured to keep an audit image (seed 002 "auditImageUrl": a zip link,
   * "need to be configured in SDK first, otherwise it will be null").
   */
  auditImage: boolean;
  clearedAt: number | null;
}

export interface SignatureRecord {
  signatureId: string;
  productLevel: ProductLevel;
  livenessType: LivenessType;
  createdAt: number;
  /**
   * The capture made with this signature id, once the SDK has run. advance.md §2: a signature id
   * binds one capture; its result is read as often as asked (a client's retry), until cleared or expired.
   */
  livenessId: string | null;
  clearedAt: number | null;
}

const CAPTURE_PREFIX = 'capture:';
const captureKey = (livenessId: string) => `${CAPTURE_PREFIX}${livenessId}`;
const signatureKey = (signatureId: string) => `signature:${signatureId}`;

/**
 * Every save states when the store forgets the record (README "State and expiry"), so nothing
 * the vendor expires outlives it; a record saved again (cleared, bound) gets its time anew.
 */
export const getCapture = (state: Partition, livenessId: string) => state.get<Capture>(captureKey(livenessId));
export const saveCapture = (state: Partition, capture: Capture, settings: AdvanceSettings) =>
  state.set(captureKey(capture.livenessId), capture, { expiresAt: captureForgetTime(capture, settings) });
export const listCaptures = (state: Partition) => state.keys(CAPTURE_PREFIX).flatMap((key) => state.get<Capture>(key) ?? []);
export const getSignature = (state: Partition, signatureId: string) => state.get<SignatureRecord>(signatureKey(signatureId));
export const saveSignature = (state: Partition, record: SignatureRecord, settings: AdvanceSettings) =>
  state.set(signatureKey(record.signatureId), record, { expiresAt: signatureForgetTime(state, record, settings) });

export const isAttackType = (value: unknown): value is AttackType => value === 1 || value === 2 || value === 3;

/** Seed 002: the attack type is only possible under 50; an under-50 score with none is 3 ("unsure"). */
export function attackTypeFor(score: number, attackType: AttackType | null | undefined): AttackType | null {
  return score >= 50 ? null : (attackType ?? 3);
}

/**
 * Decision: a capture with no score asked for is a live pass, 50.0–99.9 drawn from the hash of
 * its id, so one id always gets one score (DESIGN.md "Outcomes, scenarios and realism").
 */
export async function defaultScore(livenessId: string, sha256: Sha256): Promise<number> {
  const unit = unitFromDigest(await sha256(utf8(livenessId)));
  return Math.round(500 + unit * 499) / 10;
}

/** A capture still answers detections: not cleared, and younger than the retention setting. */
export function isAvailable(capture: Capture, nowMs: number, settings: AdvanceSettings): boolean {
  return capture.clearedAt === null && nowMs < capture.capturedAt + settings.resultRetentionSeconds * 1000;
}

/**
 * Decision: once its result has expired, a capture stays a "known id" (RESULT_NOT_FOUND) for one
 * more `resultRetentionSeconds`, then it is forgotten and is an id never created.
 */
export const captureForgetTime = (capture: Capture, settings: AdvanceSettings): number => capture.capturedAt + 2 * settings.resultRetentionSeconds * 1000;

/** A signature id is forgotten with its capture; one the SDK never used, as a capture made when it was issued. */
export function signatureForgetTime(state: Partition, signature: SignatureRecord, settings: AdvanceSettings): number {
  const capture = signature.livenessId === null ? undefined : getCapture(state, signature.livenessId);
  return capture ? captureForgetTime(capture, settings) : signature.createdAt + 2 * settings.resultRetentionSeconds * 1000;
}

export interface CaptureLookup {
  signatureId: string | undefined;
  livenessId: string | undefined;
  /** The code for a signature id never issued: detection answers LIVENESS_ID_NOT_EXISTED, get-video and clear-data SIGNATURE_ID_NOT_EXIST. */
  unknownSignature: ErrorOutcomeName;
}

export interface Found {
  capture: Capture | undefined;
  signature: SignatureRecord | undefined;
}

/**
 * Finds the capture a request names (seed 002: signatureId preferred). Both ids empty →
 * "Parameter should not be empty"; ids of different detections → "illegal parameters" (advance.md §4).
 * `capture` is undefined when only a livenessId was given and it was never created.
 */
export function lookUpCapture(state: Partition, { signatureId, livenessId, unknownSignature }: CaptureLookup): Result<Found, ErrorOutcomeName> {
  if (signatureId === undefined && livenessId === undefined) return { ok: false, error: 'parameter-empty' };
  if (signatureId === undefined) return { ok: true, value: { capture: getCapture(state, livenessId!), signature: undefined } };
  const signature = getSignature(state, signatureId);
  if (!signature) return { ok: false, error: unknownSignature };
  if (livenessId !== undefined && signature.livenessId !== livenessId) {
    // Both ids given: they must name one detection; a livenessId alone of another capture is "illegal".
    return { ok: false, error: signature.livenessId === null && getCapture(state, livenessId) === undefined ? 'liveness-id-not-existed' : 'parameter-illegal' };
  }
  const capture = signature.livenessId === null ? undefined : getCapture(state, signature.livenessId);
  return { ok: true, value: { capture, signature } };
}
