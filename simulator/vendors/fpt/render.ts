import type { SimResponse } from '../../engine/types.js';
import { AUTH_FAILURES, MESSAGES, WARNINGS } from './codes.js';
import type { OutcomeSpec } from './outcomes.js';
import type { FptSettings } from './settings.js';

/** fpt.md "Response": every leaf is a JSON string; `isMatch` is camelCase, the rest snake_case. */
export interface LivenessBlock {
  code: string;
  message: string;
  is_live: string;
  spoof_prob: string;
  need_to_review: string;
  is_deepfake: string;
  deepfake_prob: string;
  warning: string;
}
export interface FaceMatchBlock {
  code: string;
  message: string;
  isMatch: string;
  similarity: string;
  warning: string;
}
export interface FptBody {
  code: string;
  message: string;
  liveness: LivenessBlock;
  face_match: FaceMatchBlock;
}
export type AuthFailureBody = { code: string; message: string };

/** What the input contributes to a rendering: hash-derived scores in [0, 1) and what was sent. */
export interface RenderFacts {
  scores: { spoof: number; deepfake: number; similarity: number };
  cmndSent: boolean;
  /** The cmnd image is under the documented 800x600. */
  smallImage: boolean;
}

const NA = 'N/A';
const bool = (value: boolean) => (value ? 'true' : 'false');
const decimals = (value: number, places: number) => value.toFixed(places);

const naLiveness = (code: string, message: string): LivenessBlock => ({
  code,
  message,
  is_live: NA,
  spoof_prob: NA,
  need_to_review: NA,
  is_deepfake: NA,
  deepfake_prob: NA,
  warning: NA,
});
const naFaceMatch = (code: string, message: string): FaceMatchBlock => ({ code, message, isMatch: NA, similarity: NA, warning: NA });

/** Ranges the hash-derived scores are drawn from, per verdict. `spoof_prob`: lower is more live. */
const SPOOF_RANGE = { live: [0.0005, 0.3], review: [0.45, 0.55], spoof: [0.6, 0.99] } as const;
const SIMILARITY_RANGE = { match: [85, 99.99], mismatch: [5, 40] } as const;
const within = ([low, high]: readonly [number, number], unit: number) => low + unit * (high - low);

/** Composes the three blocks by fpt.md's rules 1–5. */
export function renderBody(spec: Exclude<OutcomeSpec, { auth: true }>, facts: RenderFacts): FptBody {
  if ('input' in spec) {
    // Rule 1: an input error fills all three blocks with 409 and the same message.
    return { code: '409', message: spec.input, liveness: naLiveness('409', spec.input), face_match: naFaceMatch('409', spec.input) };
  }
  if ('video' in spec) {
    // Rule 2: a video-level failure; face_match is all "N/A", its code included.
    const { code, message } = spec.video;
    const liveness = { ...naLiveness(code, message), is_live: 'false', need_to_review: 'false', warning: '' };
    return { code, message, liveness, face_match: naFaceMatch(NA, NA) };
  }
  const { scores } = facts;
  const lowResolution = spec.lowResolution ?? false;
  const liveness: LivenessBlock = {
    code: '200',
    message: MESSAGES.livenessOk,
    is_live: bool(spec.liveness !== 'spoof'),
    spoof_prob: decimals(within(SPOOF_RANGE[spec.liveness], scores.spoof), 4),
    need_to_review: bool(spec.liveness === 'review'),
    // Deepfake fields are computed only for low-resolution input (seed: "Returned Information").
    is_deepfake: lowResolution ? bool(spec.deepfake ?? false) : NA,
    deepfake_prob: lowResolution ? decimals(spec.deepfake ? within([0.8, 0.99], scores.deepfake) : within([0, 0.2], scores.deepfake), 4) : NA,
    warning: lowResolution ? WARNINGS.lowResolutionVideo : '',
  };
  const faceMatch = renderFaceMatch(spec.faceMatch ?? 'auto', facts);
  // Rule 4: the top level is the first non-200 of liveness and face match (rule 3: a 407 shows there).
  const failed = faceMatch.code !== '200' && faceMatch.code !== NA ? faceMatch : undefined;
  return { code: failed?.code ?? '200', message: failed?.message ?? MESSAGES.requestOk, liveness, face_match: faceMatch };
}

function renderFaceMatch(spec: 'auto' | 'match' | 'mismatch' | { code: string; message: string }, facts: RenderFacts): FaceMatchBlock {
  // Rule 5: no cmnd, no comparison — the block is present with every value "N/A", whatever a
  // scenario asked of the comparison (a match, a mismatch, a 407 about an image never sent).
  if (!facts.cmndSent) return naFaceMatch(NA, NA);
  if (typeof spec === 'object') return naFaceMatch(spec.code, spec.message); // rule 3
  const match = spec !== 'mismatch';
  return {
    code: '200',
    message: MESSAGES.faceMatchOk,
    isMatch: bool(match),
    similarity: decimals(within(SIMILARITY_RANGE[match ? 'match' : 'mismatch'], facts.scores.similarity), 2),
    warning: facts.smallImage ? WARNINGS.lowResolutionImage : NA,
  };
}

/** fpt.md "HTTP status": 200 for every body code, unless the `mirror` quirk is set. */
export function toResponse(body: FptBody | AuthFailureBody, status: number, settings: FptSettings): SimResponse {
  return {
    status: settings.httpStatus === 'mirror' ? Number(body.code) : status,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

export function authFailure(settings: FptSettings) {
  return AUTH_FAILURES[settings.authFailure];
}
