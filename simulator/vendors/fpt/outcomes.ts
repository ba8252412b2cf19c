import type { OutcomeInfo } from '../../engine/vendor.js';
import { MESSAGES } from './codes.js';

/**
 * What an FPT.AI answer says, before the three blocks are composed (render.ts applies fpt.md's
 * rules 1–5). The realistic decision (decide.ts) and every scenario outcome produce one of these.
 */
export type OutcomeSpec =
  /** Rule 1: an input error, code 409 in all three blocks. */
  | { input: string }
  /** Rule 2: a video-level failure. */
  | { video: { code: string; message: string } }
  /** Liveness computed; face match computed, failed (407), or "auto" (computed when a cmnd is sent, rule 5). */
  | {
      liveness: 'live' | 'review' | 'spoof';
      lowResolution?: boolean;
      deepfake?: boolean;
      faceMatch?: 'auto' | 'match' | 'mismatch' | { code: string; message: string };
    }
  | { auth: true };

export interface FptOutcome extends OutcomeInfo {
  spec: OutcomeSpec;
}

const video = (code: string, message: string, description: string): FptOutcome => ({ description, spec: { video: { code, message } } });

/** Every outcome a scenario can name: each documented code, and each kind of success. */
export const OUTCOMES = {
  live: { description: 'A live face (code 200); face_match computed when cmnd is sent, else all "N/A"', spec: { liveness: 'live' } },
  'needs-review': { description: 'Live but borderline: need_to_review "true"', spec: { liveness: 'review' } },
  'not-live': { description: 'A spoof (code 200, is_live "false", high spoof_prob)', spec: { liveness: 'spoof' } },
  'low-resolution': { description: 'Live, with the low-resolution warning and deepfake fields computed', spec: { liveness: 'live', lowResolution: true } },
  deepfake: {
    description: 'Low-resolution input judged a deepfake (is_deepfake "true", is_live "false")',
    spec: { liveness: 'spoof', lowResolution: true, deepfake: true },
  },
  'face-match': { description: 'Live, and the cmnd face matches (isMatch "true")', spec: { liveness: 'live', faceMatch: 'match' } },
  'face-mismatch': { description: 'Live, but the cmnd face does not match (isMatch "false")', spec: { liveness: 'live', faceMatch: 'mismatch' } },
  'no-face-in-image': {
    description: 'Code 407: no face in the cmnd image; liveness still computed',
    spec: { liveness: 'live', faceMatch: { code: '407', message: MESSAGES.noFaceInDocument } },
  },
  'invalid-video': { description: 'Code 409: no video, empty, not a video, or over 10 MB', spec: { input: MESSAGES.invalidVideo } },
  'invalid-image': { description: "Code 409: the cmnd image is invalid (the seed's example)", spec: { input: MESSAGES.invalidImage } },
  'video-too-short': { description: 'Code 409: the video is shorter than 5 s', spec: { input: MESSAGES.videoTooShort } },
  'wrong-extension': { description: 'Code 409: the video has the wrong extension', spec: { input: MESSAGES.wrongExtension } },
  'face-quality': video('406', MESSAGES.faceQuality, 'Code 406: face covered, too dark or too bright'),
  'multiple-faces': video('408', MESSAGES.multipleFaces, 'Code 408: more than one face in the video'),
  'no-face': video('410', MESSAGES.noFace, 'Code 410: no face, or the face is lost, in the video'),
  'face-too-small': video('411', MESSAGES.faceTooSmall, 'Code 411: the face is too small'),
  'face-too-blurry': video('412', MESSAGES.faceTooBlurry, 'Code 412: the face is too blurry'),
  'still-image': video('413', MESSAGES.stillImage, 'Code 413: the video is a still image'),
  'no-frontal-face': video('422', MESSAGES.noFrontalFace, 'Code 422: no frontal face in the video'),
  'face-out-of-frame': video('423', MESSAGES.faceOutOfFrame, 'Code 423: the face leaves the frame during the video'),
  unauthorized: { description: 'The auth failure, in the style the authFailure setting picks', spec: { auth: true } },
} satisfies Record<string, FptOutcome>;

export type FptOutcomeName = keyof typeof OUTCOMES;
