// The requests the bench sends, built once; the same bytes go to the simulator and the references.
// - Verihubs: POST /v1/face/liveness, JSON {"image": base64 of a real 320x240 JPEG}, realistic (no scenario).
// - ADVANCE.AI: POST /openapi/liveness/v3/detection-result by signatureId, after the documented flow
//   (token, signature id, the SDK capture through the admin API), once per simulator process.
// - FPT: POST /dmp/liveness/v3, multipart `video` = the small real fixture video, realistic (the
//   simulator inspects the container in its worker pool).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (name) => readFileSync(fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url)));

export const IMAGE_FIXTURE = 'face-small-320x240.jpg';
export const VIDEO_FIXTURE = 'video-360p-15fps-5s.mp4';
/** For the start-up row: the video the README's curl example sends. */
export const LARGE_VIDEO_FIXTURE = 'video-720p-25fps-5s.mp4';
export const ADVANCE_ACCOUNT = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };

export function verihubsRequest() {
  const image = fixture(IMAGE_FIXTURE);
  return {
    name: 'verihubs',
    method: 'POST',
    path: '/v1/face/liveness',
    headers: { 'content-type': 'application/json', 'app-id': 'bench', 'api-key': 'bench' },
    body: Buffer.from(JSON.stringify({ image: image.toString('base64') })),
    describe: `JSON, ${IMAGE_FIXTURE} (${image.byteLength} B) as base64`,
  };
}

/** A multipart body with one `video` part, serialized once. */
export async function fptRequest(video = fixture(VIDEO_FIXTURE), filename = VIDEO_FIXTURE) {
  const form = new FormData();
  form.append('video', new Blob([video], { type: 'video/mp4' }), filename);
  const serialized = new Response(form);
  return {
    name: 'fpt',
    method: 'POST',
    path: '/dmp/liveness/v3',
    headers: { 'content-type': serialized.headers.get('content-type'), 'api-key': 'bench' },
    body: Buffer.from(await serialized.arrayBuffer()),
    describe: `multipart, ${filename} (${video.byteLength} B)`,
  };
}

export const largeFptRequest = () => fptRequest(fixture(LARGE_VIDEO_FIXTURE), LARGE_VIDEO_FIXTURE);

/**
 * A valid MP4 of exactly `bytes`: the fixture video followed by a `free` box (ISO/IEC 14496-12
 * §8.1.2: free space, ignored by readers), so the simulator reads it as the real video it is.
 */
export function paddedVideo(bytes) {
  const video = fixture(LARGE_VIDEO_FIXTURE);
  const out = Buffer.alloc(bytes);
  video.copy(out);
  out.writeUInt32BE(bytes - video.byteLength, video.byteLength);
  out.write('free', video.byteLength + 4, 'latin1');
  return out;
}

/** Runs ADVANCE.AI's documented flow on a simulator and returns the detection-result request. */
export async function advanceRequest(baseUrl) {
  const post = async (path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    return json;
  };
  const { accessKey, secretKey } = ADVANCE_ACCOUNT;
  const timestamp = String(Date.now());
  const signature = createHash('sha256')
    .update(accessKey + secretKey + timestamp)
    .digest('hex');
  const token = (await post('/openapi/auth/ticket/v1/generate-token', { accessKey, timestamp, signature, periodSecond: 86400 })).data?.token;
  if (!token) throw new Error('ADVANCE.AI: no token from generate-token');
  const signed = await fetch(`${baseUrl}/liveness/ext/v1/generate-signature-id`, { headers: { 'x-access-token': token } }).then((r) => r.json());
  const signatureId = signed.data?.signatureId;
  if (!signatureId) throw new Error(`ADVANCE.AI: no signatureId: ${JSON.stringify(signed)}`);
  const capture = await post('/__sim/advance/captures', { accessKey, signatureId, livenessScore: 100 });
  if (!capture.livenessId && !capture.data) throw new Error(`ADVANCE.AI: the capture failed: ${JSON.stringify(capture)}`);
  return {
    name: 'advance',
    method: 'POST',
    path: '/openapi/liveness/v3/detection-result',
    headers: { 'content-type': 'application/json', 'x-access-token': token },
    body: Buffer.from(JSON.stringify({ signatureId, resultType: 'IMAGE_URL' })),
    describe: 'JSON {signatureId, resultType: IMAGE_URL}, an HS512 token',
  };
}

/** One request, its status and body: the probe that checks what is measured, and the bytes the references answer. */
export async function probe(baseUrl, request) {
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  const body = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), body };
}
