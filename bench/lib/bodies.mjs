// Request bodies, built once and sent as the same bytes on every request, so the load
// generator spends its time sending, not serializing (the simulator still parses and hashes
// every upload: its digest memo is per buffer, and every request gets a new buffer).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name) => readFileSync(fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url)));

export const FPT_PATH = '/dmp/liveness/v3';
export const VERIHUBS_PATH = '/v1/face/liveness';
export const VIDEO_FIXTURE = 'video-720p-25fps-5s.mp4';
export const IMAGE_FIXTURE = 'face-1024x768.jpg';

/** A pre-built FormData (video part only, as FPT's liveness-only call), serialized once to bytes. */
export async function fptUpload() {
  const video = fixture(VIDEO_FIXTURE);
  const form = new FormData();
  form.append('video', new Blob([video], { type: 'video/mp4' }), VIDEO_FIXTURE);
  const serialized = new Response(form);
  const body = new Uint8Array(await serialized.arrayBuffer());
  return { body, contentType: serialized.headers.get('content-type'), videoBytes: video.byteLength };
}

export function verihubsBody() {
  const image = fixture(IMAGE_FIXTURE);
  return { body: new TextEncoder().encode(JSON.stringify({ image: image.toString('base64') })), contentType: 'application/json', imageBytes: image.byteLength };
}

export function fptHeaders(upload, extra = {}) {
  return { 'content-type': upload.contentType, 'api-key': 'bench', ...extra };
}

export function verihubsHeaders(extra = {}) {
  return { 'content-type': 'application/json', 'app-id': 'bench', 'api-key': 'bench', ...extra };
}
