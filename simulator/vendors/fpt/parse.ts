import type { SimFile, SimRequest } from '../../engine/types.js';
import { MESSAGES } from './codes.js';

/** What an FPT.AI request carries, read from its multipart body (fpt.md "Request"). */
export interface FptUpload {
  video: SimFile | undefined;
  /** A file part, a text part (one integrator sends a URL: an invalid image), or nothing. */
  cmnd: { kind: 'file'; file: SimFile } | { kind: 'text'; value: string } | undefined;
  /**
   * The body was not multipart, or the transport did not read it (too large, compressed, memory for
   * bodies in flight full, malformed): no video was uploaded, 409 `Invalid upload video` (fpt.md
   * "Codes": 409 covers "no video uploaded"; the vendor documents no busy answer).
   */
  unreadable: boolean;
}

export function parseUpload(req: SimRequest): FptUpload {
  const { body } = req;
  if (body.kind !== 'multipart') return { video: undefined, cmnd: undefined, unreadable: body.kind !== 'empty' };
  const video = body.files.find((f) => f.field === 'video');
  const cmndFile = body.files.find((f) => f.field === 'cmnd');
  const cmndText = body.fields.find((f) => f.name === 'cmnd');
  const cmnd = cmndFile ? { kind: 'file' as const, file: cmndFile } : cmndText ? { kind: 'text' as const, value: cmndText.value } : undefined;
  return { video, cmnd, unreadable: false };
}

/**
 * The request's structure (fpt.md "Request"): a multipart body with a non-empty `video` file part,
 * and `cmnd`, when sent, a file (a text `cmnd` is an invalid image, fpt.md). The 409 message of
 * the first problem, or undefined when well formed. What the bytes are (a video, a face) is not
 * judged here: decide.ts does that, or a scenario chooses it.
 */
export function structuralProblem(upload: FptUpload): string | undefined {
  return videoPartProblem(upload) ?? (upload.cmnd?.kind === 'text' ? MESSAGES.invalidImage : undefined);
}

/** No `video` file part, or an empty one (fpt.md "Input checks": 409 Invalid upload video). */
export function videoPartProblem(upload: FptUpload): string | undefined {
  return !upload.video || upload.video.bytes.byteLength === 0 ? MESSAGES.invalidVideo : undefined;
}

/**
 * The API key, under either spelling the vendor uses (`api_key` in its table, `api-key` in its
 * curl), any case; SimRequest headers are already lower-cased.
 */
export function apiKeyOf(req: SimRequest): string | undefined {
  const key = req.headers['api-key'] ?? req.headers['api_key'];
  return key === undefined || key.trim() === '' ? undefined : key.trim();
}
