import type { SimFile, SimRequest } from '../../engine/types.js';

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
 * The API key, under either spelling the vendor uses (`api_key` in its table, `api-key` in its
 * curl), any case; SimRequest headers are already lower-cased.
 */
export function apiKeyOf(req: SimRequest): string | undefined {
  const key = req.headers['api-key'] ?? req.headers['api_key'];
  return key === undefined || key.trim() === '' ? undefined : key.trim();
}
