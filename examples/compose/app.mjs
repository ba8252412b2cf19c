// The application container of the compose example: it reaches the simulator by its service name
// (SIM_URL, default http://liveness-sim:8080) and calls each vendor once, as a client would call the
// real API, then exits 0 when every answer is the vendor's success, 1 otherwise.
// Plain Node (18+: fetch, FormData, Blob), no dependency. `npm run test:container` runs it too.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

const base = (process.env.SIM_URL ?? 'http://liveness-sim:8080').replace(/\/$/, '');
const video = process.env.VIDEO ?? new URL('./video.mp4', import.meta.url).pathname;

/** FPT.AI Liveness v3: a multipart upload of a video; every value is a string. */
async function fpt() {
  const form = new FormData();
  form.append('video', new Blob([await readFile(video)], { type: 'video/mp4' }), 'selfie.mp4');
  const response = await fetch(`${base}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'compose-app' }, body: form });
  const body = await response.json();
  return { ok: response.status === 200 && body.code === '200' && body.liveness?.is_live === 'true', status: response.status, body };
}

/** Verihubs Face Liveness: JSON with an image; a sandbox keyword stands for a live person's photo. */
async function verihubs() {
  const response = await fetch(`${base}/v1/face/liveness`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'App-ID': 'compose-app', 'API-Key': 'compose-key' },
    body: JSON.stringify({ image: 'LIVE_PERSON_A_1' }),
  });
  const body = await response.json();
  return { ok: response.status === 200 && body.message === 'Request Success' && body.liveness?.status === true, status: response.status, body };
}

/** ADVANCE.AI: an access token for the vendor's demo account (signature: SHA-256 of key + secret + timestamp). */
async function advance() {
  const accessKey = 'sampleaccesskey';
  const timestamp = String(Date.now());
  const signature = createHash('sha256')
    .update(accessKey + 'samplesecretkey' + timestamp)
    .digest('hex');
  const response = await fetch(`${base}/openapi/auth/ticket/v1/generate-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accessKey, timestamp, signature, periodSecond: 3600 }),
  });
  const body = await response.json();
  return { ok: response.status === 200 && body.code === 'SUCCESS' && typeof body.data?.token === 'string', status: response.status, body };
}

let failed = 0;
for (const [name, call] of Object.entries({ fpt, verihubs, advance })) {
  try {
    const { ok, status, body } = await call();
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: HTTP ${status} ${JSON.stringify(body).slice(0, 160)}`);
    if (!ok) failed++;
  } catch (error) {
    console.log(`FAIL ${name}: ${base}: ${error.cause?.code ?? error.message}`);
    failed++;
  }
}
process.exit(failed === 0 ? 0 : 1);
