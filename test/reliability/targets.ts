import { createHash } from 'node:crypto';
import type { RouteKind } from './oracle.js';
import { send } from './send.js';

/**
 * Every vendor route the fuzzer aims at, with the credentials that get a request past
 * authentication (so the fuzz reaches parsing and validation, not only the 401), and a valid
 * JSON body per route that mutations start from.
 */
export interface Target {
  kind: RouteKind;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** A well-formed JSON body for this route (mutations start from it). */
  seed?: Record<string, unknown>;
}

export const ADVANCE_KEY = 'sampleaccesskey';
const ADVANCE_SECRET = 'samplesecretkey';

async function json(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const answer = await send(baseUrl, {
    method,
    path,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  });
  return JSON.parse(answer.body.toString('utf8'));
}

/** An ADVANCE.AI token, signature ids, a capture and its media URLs, made through the real flow. */
export async function advanceSession(baseUrl: string) {
  const { nowMs } = await json(baseUrl, 'GET', '/__sim/clock');
  const timestamp = String(nowMs);
  const tokenBody = {
    accessKey: ADVANCE_KEY,
    timestamp,
    signature: createHash('sha256')
      .update(ADVANCE_KEY + ADVANCE_SECRET + timestamp)
      .digest('hex'),
    periodSecond: 86400,
  };
  const token: string = (await json(baseUrl, 'POST', '/openapi/auth/ticket/v1/generate-token', tokenBody)).data.token;
  const auth = { 'x-access-token': token };
  const signatureIds: string[] = [];
  for (let i = 0; i < 3; i++) signatureIds.push((await json(baseUrl, 'GET', '/liveness/ext/v1/generate-signature-id', undefined, auth)).data.signatureId);
  const capture = await json(baseUrl, 'POST', '/__sim/advance/captures', { accessKey: ADVANCE_KEY, signatureId: signatureIds[0], livenessScore: 80 });
  const livenessId: string = capture.livenessId ?? capture.data?.livenessId;
  const result = await json(baseUrl, 'POST', '/openapi/liveness/v3/detection-result', { livenessId, resultType: 'IMAGE_URL' }, auth);
  const video = await json(baseUrl, 'GET', `/liveness/ext/v1/get-video?livenessId=${encodeURIComponent(livenessId)}`, undefined, auth);
  const mediaPaths = [result.data?.detectionResult, result.data?.imageFarUrl, video.data?.videoUrl]
    .filter((u): u is string => typeof u === 'string')
    .map((u) => new URL(u).pathname);
  return { token, tokenBody, signatureIds, livenessId, mediaPaths };
}

export type AdvanceSession = Awaited<ReturnType<typeof advanceSession>>;

/** A small valid JPEG for Verihubs seeds (base64). */
export function vendorTargets(session: AdvanceSession, jpegBase64: string): Target[] {
  const auth = { 'x-access-token': session.token };
  const detection = { signatureId: session.signatureIds[1], livenessId: session.livenessId, resultType: 'IMAGE_BASE64' };
  return [
    { kind: 'fpt', method: 'POST', path: '/dmp/liveness/v3', headers: { 'api-key': 'fuzz-key' } },
    { kind: 'fpt', method: 'POST', path: '/vision/ekyc/liveness', headers: { api_key: 'fuzz-key' } },
    {
      kind: 'verihubs',
      method: 'POST',
      path: '/v1/face/liveness',
      headers: { 'app-id': 'fuzz-app', 'api-key': 'fuzz-key' },
      seed: { image: jpegBase64, is_quality: true, is_attribute: true, validate_quality: true, validate_attribute: false, validate_nface: true },
    },
    { kind: 'advance', method: 'POST', path: '/openapi/auth/ticket/v1/generate-token', headers: {}, seed: session.tokenBody },
    {
      kind: 'advance',
      method: 'POST',
      path: '/liveness/ext/v1/generate-signature-id',
      headers: auth,
      seed: { productLevel: 'PRO', livenessType: 'DISTANT_NEAR' },
    },
    {
      kind: 'advance',
      method: 'POST',
      path: '/openapi/liveness/v1/auth-license',
      headers: auth,
      seed: { licenseEffectiveSeconds: 600, applicationId: 'com.example.app' },
    },
    {
      kind: 'advance',
      method: 'POST',
      path: '/intl/openapi/face-identity/v1/auth-license',
      headers: auth,
      seed: { licenseEffectiveSeconds: 600, applicationId: 'com.example.app' },
    },
    { kind: 'advance', method: 'POST', path: '/th/openapi/face-identity/v1/auth-license', headers: auth, seed: { licenseEffectiveSeconds: 60 } },
    { kind: 'advance', method: 'POST', path: '/openapi/liveness/v3/detection-result', headers: auth, seed: detection },
    { kind: 'advance', method: 'POST', path: '/intl/openapi/face-identity/v1/liveness-detection', headers: auth, seed: { ...detection, region: 'IDN' } },
    {
      kind: 'advance',
      method: 'POST',
      path: '/nga/openapi/face-identity/v1/liveness-detection',
      headers: auth,
      seed: { livenessId: 'sim-live-pass', resultType: 'IMAGE_URL' },
    },
  ];
}

/** The GET routes: ADVANCE.AI's query-string operations and the CDN, with their valid queries. */
export function getTargets(session: AdvanceSession): { kind: RouteKind; path: string; headers: Record<string, string>; query: Record<string, string> }[] {
  const auth = { 'x-access-token': session.token };
  return [
    { kind: 'advance', path: '/liveness/ext/v1/generate-signature-id', headers: auth, query: { productLevel: 'STANDARD' } },
    { kind: 'advance', path: '/liveness/ext/v1/get-video', headers: auth, query: { livenessId: session.livenessId } },
    { kind: 'advance', path: '/liveness/ext/v1/clear-data', headers: auth, query: { signatureId: session.signatureIds[2]! } },
    ...session.mediaPaths.map((path) => ({ kind: 'advance-media' as const, path, headers: {}, query: {} })),
  ];
}
