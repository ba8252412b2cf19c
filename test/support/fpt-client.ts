import { expect } from 'vitest';

/** A minimal FPT.AI client, as integrators write it: multipart over fetch. */
export interface FptUploadParts {
  video?: { bytes: Uint8Array; filename?: string; type?: string };
  cmnd?: { bytes: Uint8Array; filename?: string; type?: string } | string;
}

export async function postFpt(baseUrl: string, parts: FptUploadParts, headers: Record<string, string> = { 'api-key': 'test-key' }, path = '/dmp/liveness/v3') {
  const form = new FormData();
  if (parts.video)
    form.append(
      'video',
      new Blob([parts.video.bytes as Uint8Array<ArrayBuffer>], { type: parts.video.type ?? 'video/mp4' }),
      parts.video.filename ?? 'video.mp4',
    );
  if (typeof parts.cmnd === 'string') form.append('cmnd', parts.cmnd);
  else if (parts.cmnd)
    form.append('cmnd', new Blob([parts.cmnd.bytes as Uint8Array<ArrayBuffer>], { type: parts.cmnd.type ?? 'image/jpeg' }), parts.cmnd.filename ?? 'face.jpg');
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: form });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) as Record<string, any> };
}

/** The exact key layout of an FPT v3 body (fpt.md "Response"), in order. */
export const FPT_KEYS = {
  top: ['code', 'message', 'liveness', 'face_match'],
  liveness: ['code', 'message', 'is_live', 'spoof_prob', 'need_to_review', 'is_deepfake', 'deepfake_prob', 'warning'],
  face_match: ['code', 'message', 'isMatch', 'similarity', 'warning'],
};

/** Every leaf of a v3 body is a string and no key is added or missing. */
export function expectFptShape(body: Record<string, any>): void {
  expect(Object.keys(body)).toEqual(FPT_KEYS.top);
  expect(Object.keys(body.liveness)).toEqual(FPT_KEYS.liveness);
  expect(Object.keys(body.face_match)).toEqual(FPT_KEYS.face_match);
  const leaves = [body.code, body.message, ...Object.values(body.liveness), ...Object.values(body.face_match)];
  for (const leaf of leaves) expect(typeof leaf).toBe('string');
}
