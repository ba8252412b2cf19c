import { createHash } from 'node:crypto';
import type { VendorId } from '../../simulator/engine/types.js';
import { SHIPPED_SCENARIOS } from '../../simulator/scenarios/shipped.generated.js';
import { fixture } from '../support/fixtures.js';

/**
 * One corpus of requests for every transport (the parity suite): every shipped scenario, the
 * realistic cases and the error paths of every vendor, as data. A transport sends a `CorpusRequest`
 * to the vendor's base URL it serves; `needs: 'advance-token'` requests get the token the
 * transport's own simulator issued (tokens are generated, so each run mints its own).
 */
export interface CorpusRequest {
  what: string;
  vendor: VendorId;
  method: string;
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: () => FormData | string;
  /** ADVANCE.AI: send the token this run minted as X-ACCESS-TOKEN. */
  withToken?: boolean;
}

const video = fixture('video-720p-25fps-5s.mp4');
const face = fixture('face-1024x768.jpg');
const blob = (bytes: Uint8Array, type: string) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
const file = (name: string): Uint8Array => fixture(name);

function fptForm(parts: { video?: [Uint8Array, string, string]; cmnd?: [Uint8Array, string, string] | string }): () => FormData {
  return () => {
    const form = new FormData();
    if (parts.video) form.append('video', blob(parts.video[0], parts.video[1]), parts.video[2]);
    if (typeof parts.cmnd === 'string') form.append('cmnd', parts.cmnd);
    else if (parts.cmnd) form.append('cmnd', blob(parts.cmnd[0], parts.cmnd[1]), parts.cmnd[2]);
    return form;
  };
}

/** Shipped scenario ids of a vendor, from the same files the simulators load, with their step counts. */
function shipped(vendor: VendorId): { id: string; steps: number; livenessId?: string }[] {
  return SHIPPED_SCENARIOS.filter((s) => s.vendor === vendor).map((s) => ({ id: s.id, steps: s.steps.length, livenessId: s.when?.livenessId?.[0] }));
}

const fpt = (
  what: string,
  body: () => FormData | string,
  headers: Record<string, string> = { 'api-key': 'parity-key' },
  path = '/dmp/liveness/v3',
): CorpusRequest => ({
  what,
  vendor: 'fpt',
  method: 'POST',
  path,
  headers,
  body,
});

function fptCorpus(): CorpusRequest[] {
  const full = fptForm({ video: [video, 'video/mp4', 'video.mp4'], cmnd: [face, 'image/jpeg', 'face.jpg'] });
  const only = (name: string, type: string) => fptForm({ video: [file(name), type, name] });
  return [
    ...shipped('fpt').flatMap((s) =>
      Array.from({ length: s.steps }, (_, step) => fpt(`${s.id} step ${step + 1}`, full, { 'api-key': `key-${s.id}`, 'x-sim-scenario': s.id })),
    ),
    fpt('video and cmnd', full),
    fpt('video and cmnd on /vision/ekyc/liveness', full, { 'api-key': 'parity-key' }, '/vision/ekyc/liveness'),
    fpt('a low-resolution video', only('video-360p-15fps-5s.mp4', 'video/mp4')),
    fpt('a webm, declared octet-stream', only('video-720p-25fps-5s.webm', 'application/octet-stream')),
    fpt('a mov', only('video-720p-25fps-5s.mov', 'video/quicktime')),
    fpt('a short video', only('video-720p-25fps-2s.mp4', 'video/mp4')),
    fpt('a one-frame video', only('video-one-frame.mp4', 'video/mp4')),
    fpt('an image as the video', only('face-1024x768.jpg', 'video/mp4')),
    fpt('text as the video', only('not-media.txt', 'video/mp4')),
    fpt('no video part', fptForm({ cmnd: [face, 'image/jpeg', 'face.jpg'] })),
    fpt('cmnd as a URL text field', fptForm({ video: [video, 'video/mp4', 'v.mp4'], cmnd: 'https://example.com/face.jpg' })),
    fpt('a truncated cmnd', fptForm({ video: [video, 'video/mp4', 'v.mp4'], cmnd: [file('truncated.jpg'), 'image/jpeg', 'truncated.jpg'] })),
    fpt('a JSON body', () => '{"video":"x"}', { 'api-key': 'parity-key', 'content-type': 'application/json' }),
    fpt('no api key', full, {}),
    { what: 'FPT: a wrong method', vendor: 'fpt', method: 'GET', path: '/dmp/liveness/v3', headers: { 'api-key': 'parity-key' } },
    { what: 'an unknown path', vendor: 'fpt', method: 'GET', path: '/no/such/route', headers: {} },
  ];
}

const verihubs = (what: string, body: unknown, headers: Record<string, string> = {}): CorpusRequest => ({
  what,
  vendor: 'verihubs',
  method: 'POST',
  path: '/v1/face/liveness',
  headers: { 'content-type': 'application/json', 'app-id': 'parity-app', 'api-key': 'parity-key', ...headers },
  body: () => (typeof body === 'string' ? body : JSON.stringify(body)),
});

function verihubsCorpus(): CorpusRequest[] {
  const image = Buffer.from(face).toString('base64');
  return [
    ...shipped('verihubs').flatMap((s) =>
      Array.from({ length: s.steps }, (_, step) => verihubs(`${s.id} step ${step + 1}`, { image }, { 'x-sim-scenario': s.id, 'app-id': `app-${s.id}` })),
    ),
    verihubs('a JPEG', { image }),
    verihubs('a PNG with every validation', {
      image: Buffer.from(file('face-1024x768.png')).toString('base64'),
      validate_quality: true,
      validate_attribute: true,
      validate_nface: true,
    }),
    verihubs('a data URL', { image: `data:image/jpeg;base64,${image}` }),
    ...['LIVE_PERSON_A_1', 'LIVE_PERSON_BLURDARK_MS_B_3', 'IMAGE_EXCEED_LIMIT', 'NO_FACE_PHOTO', 'LIVE_PERSON_A_0'].map((keyword) =>
      verihubs(`keyword ${keyword}`, { image: keyword, validate_quality: true, validate_attribute: true, validate_nface: true }),
    ),
    verihubs('bad JSON', '{"image":'),
    verihubs('an empty object', {}),
    verihubs('a JSON array', [1]),
    verihubs('an empty image', { image: '' }),
    verihubs('a flag as a string', { image, is_quality: 'true' }),
    verihubs('a GIF', { image: Buffer.from(file('image.gif')).toString('base64') }),
    verihubs('a truncated JPEG', { image: Buffer.from(file('truncated.jpg')).toString('base64') }),
    verihubs('a URL the guard refuses', { image: 'http://169.254.169.254/latest/meta-data' }),
    verihubs('no credentials', { image }, { 'app-id': '', 'api-key': '' }),
  ];
}

export const ADVANCE_DEMO = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };

/** A fresh signed token request (ADVANCE.AI signs accessKey + secretKey + timestamp). */
export function advanceTokenBody(now = Date.now(), overrides: Record<string, unknown> = {}): string {
  const timestamp = String(now);
  const signature = createHash('sha256').update(`${ADVANCE_DEMO.accessKey}${ADVANCE_DEMO.secretKey}${timestamp}`).digest('hex');
  return JSON.stringify({ accessKey: ADVANCE_DEMO.accessKey, timestamp, signature, ...overrides });
}

const advance = (
  what: string,
  method: string,
  path: string,
  options: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string>; token?: boolean } = {},
): CorpusRequest => ({
  what,
  vendor: 'advance',
  method,
  path,
  query: options.query,
  headers: { ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
  body: options.body === undefined ? undefined : () => (typeof options.body === 'string' ? options.body : JSON.stringify(options.body)),
  withToken: options.token ?? true,
});

function advanceCorpus(): CorpusRequest[] {
  const every = (label: string, headers: Record<string, string>, livenessId: string) => [
    advance(`${label}: signature id`, 'GET', '/liveness/ext/v1/generate-signature-id', { headers }),
    advance(`${label}: license`, 'POST', '/openapi/liveness/v1/auth-license', { body: { licenseEffectiveSeconds: 600 }, headers }),
    advance(`${label}: detection`, 'POST', '/openapi/liveness/v3/detection-result', { body: { livenessId }, headers }),
    advance(`${label}: detection, base64`, 'POST', '/intl/openapi/face-identity/v1/liveness-detection', {
      body: { livenessId, resultType: 'IMAGE_BASE64', region: 'SG' },
      headers,
    }),
    advance(`${label}: get-video`, 'GET', '/liveness/ext/v1/get-video', { query: { livenessId }, headers }),
    advance(`${label}: clear-data`, 'GET', '/liveness/ext/v1/clear-data', { query: { livenessId }, headers }),
  ];
  const wellKnown = ['sim-live-pass', 'sim-live-typical', 'sim-borderline-fail', 'sim-attack-presentation', 'sim-attack-injection', 'sim-live-audit-image'];
  return [
    ...shipped('advance').flatMap((s) =>
      Array.from({ length: s.steps }, (_, step) => every(`${s.id} step ${step + 1}`, { 'X-Sim-Scenario': s.id }, s.livenessId ?? 'sim-live-typical')).flat(),
    ),
    advance('signature id by POST, PRO, SILENT', 'POST', '/liveness/ext/v1/generate-signature-id', { body: { productLevel: 'PRO', livenessType: 'SILENT' } }),
    advance('license, regional path', 'POST', '/th/openapi/face-identity/v1/auth-license', { body: {} }),
    ...wellKnown.map((id) => advance(`detection of ${id}`, 'POST', '/openapi/liveness/v3/detection-result', { body: { livenessId: id } })),
    advance('an unknown liveness id', 'POST', '/openapi/liveness/v3/detection-result', { body: { livenessId: 'never-made' } }),
    advance('no ids', 'POST', '/openapi/liveness/v3/detection-result', { body: {} }),
    advance('an unknown resultType', 'POST', '/openapi/liveness/v3/detection-result', { body: { livenessId: 'sim-live-pass', resultType: 'PDF' } }),
    advance('a body that is not JSON', 'POST', '/openapi/liveness/v3/detection-result', { body: '{"livenessId":' }),
    advance('a field of the wrong type', 'POST', '/openapi/liveness/v1/auth-license', { body: { licenseEffectiveSeconds: '600' } }),
    advance('no token', 'POST', '/openapi/liveness/v3/detection-result', { body: { livenessId: 'sim-live-pass' }, token: false }),
    advance('a bad token', 'GET', '/liveness/ext/v1/get-video', {
      query: { livenessId: 'sim-live-pass' },
      token: false,
      headers: { 'X-ACCESS-TOKEN': 'not-a-token' },
    }),
    advance('a wrong signature', 'POST', '/openapi/auth/ticket/v1/generate-token', {
      body: JSON.parse(advanceTokenBody(Date.now(), { signature: '0'.repeat(64) })),
      token: false,
    }),
    advance('an old timestamp', 'POST', '/openapi/auth/ticket/v1/generate-token', { body: JSON.parse(advanceTokenBody(1665993522952)), token: false }),
    advance('a missing field', 'POST', '/openapi/auth/ticket/v1/generate-token', { body: { accessKey: ADVANCE_DEMO.accessKey }, token: false }),
    advance('a wrong method', 'GET', '/openapi/liveness/v3/detection-result', {}),
  ];
}

export function parityCorpus(): CorpusRequest[] {
  return [...fptCorpus(), ...verihubsCorpus(), ...advanceCorpus()];
}
