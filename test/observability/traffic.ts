import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { fixture } from '../support/fixtures.js';

/**
 * One of each kind of request a staging sidecar sees, with real credentials, a real video and a
 * real image, and what a log line or a metric must say of each. The secrets are configured on the
 * simulator (SETTINGS) and sent by the client: none may appear in a log.
 */
export const SECRETS = {
  fptKey: 'fpt-secret-key-7c1d9a0b5e',
  verihubsApiKey: 'verihubs-secret-api-key-93f2',
  advanceSecretKey: 'advance-secret-key-5b8e04',
  adminToken: 'admin-secret-token-61aa',
} as const;
export const VERIHUBS_APP_ID = 'team-a-app';
export const ADVANCE_ACCESS_KEY = 'team-a-access';

/** `--set` values for the CLI (read as YAML), and the same as `startSimulator` settings. */
export const SET_FLAGS = [
  `fpt.apiKeys=[{name: team-a, key: ${SECRETS.fptKey}}]`,
  `verihubs.credentials=[{appId: ${VERIHUBS_APP_ID}, apiKey: ${SECRETS.verihubsApiKey}}]`,
  `advance.accounts=[{accessKey: ${ADVANCE_ACCESS_KEY}, secretKey: ${SECRETS.advanceSecretKey}}]`,
];
export const SETTINGS = {
  fpt: { apiKeys: [{ name: 'team-a', key: SECRETS.fptKey }] },
  verihubs: { credentials: [{ appId: VERIHUBS_APP_ID, apiKey: SECRETS.verihubsApiKey }] },
  advance: { accounts: [{ accessKey: ADVANCE_ACCESS_KEY, secretKey: SECRETS.advanceSecretKey }] },
};

export const VIDEO = fixture('video-720p-25fps-5s.mp4');
export const IMAGE = fixture('face-1024x768.jpg');
export const IMAGE_BASE64 = Buffer.from(IMAGE).toString('base64');

/** What one request must be logged and counted as. */
export interface Expected {
  method: string;
  path: string;
  vendor: string | null;
  operation: string | null;
  credential: string | null;
  scenario: string | null;
  code: string | null;
  status: number;
  requestId?: string;
}

/** What the client handled that must never be logged: the configured secrets, and what it got or computed from them. */
export interface Sent {
  expected: Expected[];
  secrets: string[];
}

function fptForm(withImage: boolean): FormData {
  const form = new FormData();
  form.append('video', new Blob([VIDEO as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'selfie.mp4');
  if (withImage) form.append('cmnd', new Blob([IMAGE as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), 'id-card.jpg');
  return form;
}

async function ok(response: Response | Promise<Response>): Promise<Record<string, any>> {
  const answer = await response;
  const text = await answer.text();
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { text };
  }
}

/** Sends the requests (one at a time, so their order is known) to a simulator configured with SETTINGS. */
export async function sendTraffic(url: string): Promise<Sent> {
  const expected: Expected[] = [];
  const secrets: string[] = [...Object.values(SECRETS)];
  const fptLabel = 'team-a';

  // FPT: the realistic answer to a real upload with an ID image, with the client's request id.
  const fpt = await ok(
    fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': SECRETS.fptKey, 'X-Request-Id': 'req-0042' }, body: fptForm(true) }),
  );
  expect(fpt.code).toBe('200');
  expected.push({
    method: 'POST',
    path: '/dmp/liveness/v3',
    vendor: 'fpt',
    operation: 'liveness-v3',
    credential: fptLabel,
    scenario: null,
    code: '200',
    status: 200,
    requestId: 'req-0042',
  });

  // FPT: a scenario chosen by header.
  const noFace = await ok(
    fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { api_key: SECRETS.fptKey, 'X-Sim-Scenario': 'fpt/no-face' }, body: fptForm(false) }),
  );
  expect(noFace.code).toBe('410');
  expected.push({
    method: 'POST',
    path: '/dmp/liveness/v3',
    vendor: 'fpt',
    operation: 'liveness-v3',
    credential: fptLabel,
    scenario: 'fpt/no-face',
    code: '410',
    status: 200,
  });

  // FPT: a key the simulator does not know: the vendor's 401, no credential.
  await ok(fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': `${SECRETS.fptKey}-wrong` }, body: fptForm(false) }));
  secrets.push(`${SECRETS.fptKey}-wrong`);
  expected.push({
    method: 'POST',
    path: '/dmp/liveness/v3',
    vendor: 'fpt',
    operation: 'liveness-v3',
    credential: null,
    scenario: null,
    code: '401',
    status: 401,
  });

  // Verihubs: a real JPEG in base64.
  const verihubs = await ok(
    fetch(`${url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'App-ID': VERIHUBS_APP_ID, 'API-Key': SECRETS.verihubsApiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ image: IMAGE_BASE64 }),
    }),
  );
  expect(verihubs.message).toBe('Request Success');
  // A Verihubs success has no error_code: the journal keeps no code.
  expected.push({
    method: 'POST',
    path: '/v1/face/liveness',
    vendor: 'verihubs',
    operation: 'face-liveness',
    credential: VERIHUBS_APP_ID,
    scenario: null,
    code: null,
    status: 200,
  });

  // ADVANCE.AI: a token signed with the secret key, then a signature id and a detection result with it.
  const timestamp = String(Date.now());
  const signature = createHash('sha256').update(`${ADVANCE_ACCESS_KEY}${SECRETS.advanceSecretKey}${timestamp}`).digest('hex');
  const token = await ok(
    fetch(`${url}/openapi/auth/ticket/v1/generate-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ accessKey: ADVANCE_ACCESS_KEY, timestamp, signature, periodSecond: 3600 }),
    }),
  );
  expect(token.code).toBe('SUCCESS');
  const accessToken = token.data.token as string;
  secrets.push(signature, accessToken);
  expected.push({
    method: 'POST',
    path: '/openapi/auth/ticket/v1/generate-token',
    vendor: 'advance',
    operation: 'generate-token',
    credential: ADVANCE_ACCESS_KEY,
    scenario: null,
    code: 'SUCCESS',
    status: 200,
  });
  const signatureId = await ok(fetch(`${url}/liveness/ext/v1/generate-signature-id`, { headers: { 'X-ACCESS-TOKEN': accessToken } }));
  expect(signatureId.code).toBe('SUCCESS');
  expected.push({
    method: 'GET',
    path: '/liveness/ext/v1/generate-signature-id',
    vendor: 'advance',
    operation: 'generate-signature-id',
    credential: ADVANCE_ACCESS_KEY,
    scenario: null,
    code: 'SUCCESS',
    status: 200,
  });
  const detection = await ok(
    fetch(`${url}/openapi/liveness/v3/detection-result`, {
      method: 'POST',
      headers: { 'X-ACCESS-TOKEN': accessToken, 'Content-Type': 'application/json' },
      body: JSON.stringify({ livenessId: 'sim-live-pass', resultType: 'IMAGE_BASE64' }),
    }),
  );
  expect(detection.code).toBe('SUCCESS');
  // The answer carries the face image in base64: never in a log either.
  secrets.push(String(detection.data.detectionResult).slice(0, 64));
  expected.push({
    method: 'POST',
    path: '/openapi/liveness/v3/detection-result',
    vendor: 'advance',
    operation: 'detection-result',
    credential: ADVANCE_ACCESS_KEY,
    scenario: 'advance/live-pass',
    code: 'SUCCESS',
    status: 200,
  });

  // Not a vendor path: the simulator's own 404.
  await ok(fetch(`${url}/no/such/route`));
  expected.push({ method: 'GET', path: '/no/such/route', vendor: null, operation: null, credential: null, scenario: null, code: null, status: 404 });

  // The media itself, in the forms a log could leak it: base64 and hex of slices of the upload and the image.
  for (const bytes of [VIDEO.subarray(4096, 4096 + 48), IMAGE.subarray(2048, 2048 + 48)]) {
    secrets.push(Buffer.from(bytes).toString('base64'), Buffer.from(bytes).toString('hex'));
  }
  secrets.push(IMAGE_BASE64.slice(0, 64));
  return { expected, secrets };
}
