import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatErrors, validateResponse, type OperationName } from '../../simulator/contracts/index.js';
import type { Scenario } from '../../simulator/scenarios/types.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';

/**
 * The simulator keeps its own contract: every shipped scenario of every vendor, and the realistic
 * inputs (valid uploads, each vendor's input errors), through the real HTTP server, each answer
 * validated against its operation's schema. A failure names the scenario, the request and the
 * JSON path that broke.
 */
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

interface Exchange {
  what: string;
  operation: OperationName;
  send: () => Promise<Response>;
}

/** Sends each exchange and returns one line per broken answer (empty when all keep the contract). */
async function breaches(exchanges: Exchange[]): Promise<string[]> {
  const out: string[] = [];
  for (const { what, operation, send } of exchanges) {
    const response = await send();
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      out.push(`${what}: HTTP ${response.status}, not JSON: ${text.slice(0, 120)}`);
      continue;
    }
    const result = validateResponse(operation, body);
    if (!result.valid) out.push(`${what} (${operation}):\n  ${formatErrors(result.errors).replaceAll('\n', '\n  ')}`);
  }
  return out;
}

/** Shipped scenarios of a vendor that answer a body: a network fault (reset, hang, broken framing) answers none. */
function scenariosOf(vendor: string): { answering: Scenario[]; faulty: Scenario[] } {
  const all = [...sim.engine.scenarios().values()].filter((s) => s.vendor === vendor);
  expect(all.length).toBeGreaterThan(0);
  return { answering: all.filter((s) => !s.steps.some((step) => step.fault)), faulty: all.filter((s) => s.steps.some((step) => step.fault)) };
}

/** One request per step, so every step of a sequence is answered once. */
const perStep = (scenario: Scenario, make: (step: number) => Exchange[]) => scenario.steps.flatMap((_, step) => make(step));

const video = fixture('video-720p-25fps-5s.mp4');
const face = fixture('face-1024x768.jpg');
const blob = (bytes: Uint8Array, type: string) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

function fptForm(parts: { video?: [Uint8Array, string, string]; cmnd?: [Uint8Array, string, string] | string }): FormData {
  const form = new FormData();
  if (parts.video) form.append('video', blob(parts.video[0], parts.video[1]), parts.video[2]);
  if (typeof parts.cmnd === 'string') form.append('cmnd', parts.cmnd);
  else if (parts.cmnd) form.append('cmnd', blob(parts.cmnd[0], parts.cmnd[1]), parts.cmnd[2]);
  return form;
}

const fpt = (
  what: string,
  form: () => FormData | string,
  headers: Record<string, string> = { 'api-key': 'contract-key' },
  path = '/dmp/liveness/v3',
): Exchange => ({
  what,
  operation: 'fpt.liveness',
  send: () => fetch(`${sim.url}${path}`, { method: 'POST', headers, body: form() }),
});

describe('FPT.AI answers keep fpt/liveness.response', () => {
  const full = () => fptForm({ video: [video, 'video/mp4', 'video.mp4'], cmnd: [face, 'image/jpeg', 'face.jpg'] });

  it('for every shipped scenario, on both routes', async () => {
    const { answering, faulty } = scenariosOf('fpt');
    expect(faulty.map((s) => s.id).sort()).toEqual([
      'fpt/connection-reset',
      'fpt/empty-response',
      'fpt/flaky-reset',
      'fpt/malformed-response',
      'fpt/no-answer',
      'fpt/slow-drip',
      'fpt/truncated-response',
    ]);
    const exchanges = answering.flatMap((s) =>
      perStep(s, (step) =>
        ['/dmp/liveness/v3', '/vision/ekyc/liveness'].map((path) =>
          fpt(`${s.id} step ${step + 1} on ${path}`, full, { 'api-key': `key-${s.id}-${path}`, 'x-sim-scenario': s.id }, path),
        ),
      ),
    );
    expect(await breaches(exchanges)).toEqual([]);
  });

  it('for valid uploads and each input error', async () => {
    const file = (name: string, type: string): [Uint8Array, string, string] => [fixture(name), type, name];
    const exchanges = [
      fpt('video and cmnd', full),
      fpt('video alone', () => fptForm({ video: file('video-720p-25fps-5s.mp4', 'video/mp4') })),
      fpt('a low-resolution video', () => fptForm({ video: file('video-360p-15fps-5s.mp4', 'video/mp4') })),
      fpt('a webm, declared octet-stream', () => fptForm({ video: file('video-720p-25fps-5s.webm', 'application/octet-stream') })),
      fpt('a mov', () => fptForm({ video: file('video-720p-25fps-5s.mov', 'video/quicktime') })),
      fpt('a small cmnd', () => fptForm({ video: file('video-720p-25fps-5s.mp4', 'video/mp4'), cmnd: file('face-small-320x240.jpg', 'image/jpeg') })),
      fpt('a short video', () => fptForm({ video: file('video-720p-25fps-2s.mp4', 'video/mp4') })),
      fpt('a one-frame video', () => fptForm({ video: file('video-one-frame.mp4', 'video/mp4') })),
      fpt('an image as the video', () => fptForm({ video: file('face-1024x768.jpg', 'video/mp4') })),
      fpt('text as the video', () => fptForm({ video: file('not-media.txt', 'video/mp4') })),
      fpt('no video part', () => fptForm({ cmnd: file('face-1024x768.jpg', 'image/jpeg') })),
      fpt('cmnd as a URL text field', () => fptForm({ video: file('video-720p-25fps-5s.mp4', 'video/mp4'), cmnd: 'https://example.com/face.jpg' })),
      fpt('a truncated cmnd', () => fptForm({ video: file('video-720p-25fps-5s.mp4', 'video/mp4'), cmnd: file('truncated.jpg', 'image/jpeg') })),
      fpt('a JSON body', () => '{"video":"x"}', { 'api-key': 'contract-key', 'content-type': 'application/json' }),
      fpt('no api key', full, {}),
    ];
    expect(await breaches(exchanges)).toEqual([]);
  });
});

const verihubs = (what: string, body: unknown, headers: Record<string, string> = {}): Exchange => ({
  what,
  operation: 'verihubs.liveness',
  send: () =>
    fetch(`${sim.url}/v1/face/liveness`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'app-id': 'contract-app', 'api-key': 'contract-key', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
});

describe('Verihubs answers keep verihubs/liveness.response (default typing)', () => {
  const image = Buffer.from(face).toString('base64');

  it('for every shipped scenario, with and without the optional blocks', async () => {
    const { answering, faulty } = scenariosOf('verihubs');
    expect(faulty.map((s) => s.id).sort()).toEqual(['verihubs/connection-reset', 'verihubs/empty-response', 'verihubs/truncated-response']);
    const exchanges = answering.flatMap((s) =>
      perStep(s, (step) => [
        verihubs(`${s.id} step ${step + 1}`, { image }, { 'x-sim-scenario': s.id, 'app-id': `app-${s.id}` }),
        verihubs(
          `${s.id} step ${step + 1}, no quality or attributes`,
          { image, is_quality: false, is_attribute: false },
          { 'x-sim-scenario': s.id, 'app-id': `bare-${s.id}` },
        ),
      ]),
    );
    expect(await breaches(exchanges)).toEqual([]);
  });

  it('for valid images, sandbox keywords and each input error', async () => {
    const exchanges = [
      verihubs('a JPEG', { image }),
      verihubs('a PNG with every validation', {
        image: Buffer.from(fixture('face-1024x768.png')).toString('base64'),
        validate_quality: true,
        validate_attribute: true,
        validate_nface: true,
      }),
      verihubs('a data URL', { image: `data:image/jpeg;base64,${image}` }),
      verihubs('null flags', { image, is_quality: null, validate_nface: null }),
      ...[
        'LIVE_PERSON_A_1',
        'LIVE_PERSON_M_A_1',
        'LIVE_PERSON_BLUR_MS_A_1',
        'LIVE_PERSON_BLURDARK_MS_B_3',
        'LIVE_PERSON_A_2',
        'IMAGE_EXCEED_LIMIT',
        'NO_FACE_PHOTO',
        'LIVE_PERSON_A_0',
      ].map((keyword) => verihubs(`keyword ${keyword}`, { image: keyword, validate_quality: true, validate_attribute: true, validate_nface: true })),
      verihubs('bad JSON', '{"image":'),
      verihubs('an empty object', {}),
      verihubs('a JSON array', [1]),
      verihubs('no image key', { is_quality: true }),
      verihubs('an empty image', { image: '' }),
      verihubs('a flag as a string', { image, is_quality: 'true' }),
      verihubs('validate_quality without is_quality', { image, is_quality: false, validate_quality: true }),
      verihubs('validate_attribute without is_attribute', { image, is_attribute: false, validate_attribute: true }),
      verihubs('URL-safe base64', { image: image.replaceAll('+', '-').replaceAll('/', '_') }),
      verihubs('a GIF', { image: Buffer.from(fixture('image.gif')).toString('base64') }),
      verihubs('a truncated JPEG', { image: Buffer.from(fixture('truncated.jpg')).toString('base64') }),
      verihubs('a tiny image', { image: Buffer.from(fixture('face-small-320x240.jpg')).toString('base64').slice(0, 40) }),
      verihubs('a URL the guard refuses', { image: 'http://169.254.169.254/latest/meta-data' }),
      verihubs('no credentials', { image }, { 'app-id': '', 'api-key': '' }),
    ];
    expect(await breaches(exchanges)).toEqual([]);
  });
});

describe("ADVANCE.AI answers keep each operation's schema", () => {
  const DEMO = { accessKey: 'sampleaccesskey', secretKey: 'samplesecretkey' };
  const call = (
    method: string,
    path: string,
    { token, body, query, headers = {} }: { token?: string; body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {},
  ) => {
    const url = new URL(path, sim.url);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    const h: Record<string, string> = { ...headers };
    if (token !== undefined) h['X-ACCESS-TOKEN'] = token;
    if (body !== undefined) h['Content-Type'] ??= 'application/json';
    return fetch(url, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  };
  const tokenBody = () => {
    const timestamp = String(sim.engine.clock.now());
    return { accessKey: DEMO.accessKey, timestamp, signature: createHash('sha256').update(`${DEMO.accessKey}${DEMO.secretKey}${timestamp}`).digest('hex') };
  };
  async function token(): Promise<string> {
    const reply = (await (await call('POST', '/openapi/auth/ticket/v1/generate-token', { body: tokenBody() })).json()) as { data: { token: string } };
    return reply.data.token;
  }
  const ex = (what: string, operation: OperationName, send: () => Promise<Response>): Exchange => ({ what, operation, send });

  /** Every operation once, as a client calls it, with the scenario header when given. */
  function everyOperation(label: string, t: string, headers: Record<string, string>, livenessId: string): Exchange[] {
    return [
      ex(`${label}: token`, 'advance.token', () => call('POST', '/openapi/auth/ticket/v1/generate-token', { body: tokenBody(), headers })),
      ex(`${label}: signature id`, 'advance.signature-id', () => call('GET', '/liveness/ext/v1/generate-signature-id', { token: t, headers })),
      ex(`${label}: license`, 'advance.license', () =>
        call('POST', '/openapi/liveness/v1/auth-license', { token: t, body: { licenseEffectiveSeconds: 600 }, headers }),
      ),
      ex(`${label}: detection`, 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { livenessId }, headers }),
      ),
      ex(`${label}: detection, base64`, 'advance.detection-result', () =>
        call('POST', '/intl/openapi/face-identity/v1/liveness-detection', {
          token: t,
          body: { livenessId, resultType: 'IMAGE_BASE64', region: 'SG' },
          headers,
        }),
      ),
      ex(`${label}: get-video`, 'advance.get-video', () => call('GET', '/liveness/ext/v1/get-video', { token: t, query: { livenessId }, headers })),
      ex(`${label}: clear-data`, 'advance.clear-data', () => call('GET', '/liveness/ext/v1/clear-data', { token: t, query: { livenessId }, headers })),
    ];
  }

  it('for every shipped scenario, on every operation', async () => {
    const { answering, faulty } = scenariosOf('advance');
    expect(faulty.map((s) => s.id)).toEqual(['advance/connection-reset']);
    const t = await token();
    const exchanges = answering.flatMap((s) =>
      perStep(s, (step) => everyOperation(`${s.id} step ${step + 1}`, t, { 'X-Sim-Scenario': s.id }, s.when?.livenessId?.[0] ?? 'sim-live-typical')),
    );
    expect(await breaches(exchanges)).toEqual([]);
  });

  it('for the whole flow, every well-known id, and each input error', async () => {
    const t = await token();
    const signatureId = ((await (await call('GET', '/liveness/ext/v1/generate-signature-id', { token: t })).json()) as { data: { signatureId: string } }).data
      .signatureId;
    await call('POST', '/__sim/advance/captures', { body: { accessKey: DEMO.accessKey, signatureId, livenessScore: 0.0000001, auditImage: true } });
    const wellKnown = [
      'sim-live-pass',
      'sim-live-typical',
      'sim-borderline-pass',
      'sim-borderline-fail',
      'sim-attack-presentation',
      'sim-attack-injection',
      'sim-attack-unsure',
      'sim-live-audit-image',
    ];
    const exchanges = [
      ex('signature id by POST, PRO, SILENT', 'advance.signature-id', () =>
        call('POST', '/liveness/ext/v1/generate-signature-id', { token: t, body: { productLevel: 'PRO', livenessType: 'SILENT' } }),
      ),
      ex('license, global path', 'advance.license', () =>
        call('POST', '/intl/openapi/face-identity/v1/auth-license', { token: t, body: { applicationId: 'com.example.app' } }),
      ),
      ex('license, regional path', 'advance.license', () => call('POST', '/th/openapi/face-identity/v1/auth-license', { token: t, body: {} })),
      ex('detection by signature id', 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { signatureId } }),
      ),
      ex('detection by signature id, regional', 'advance.detection-result', () =>
        call('POST', '/my/openapi/face-identity/v1/liveness-detection', { token: t, body: { signatureId, resultType: 'IMAGE_BASE64' } }),
      ),
      ex('get-video by signature id', 'advance.get-video', () => call('GET', '/liveness/ext/v1/get-video', { token: t, query: { signatureId } })),
      ...wellKnown.map((livenessId) =>
        ex(`detection of ${livenessId}`, 'advance.detection-result', () =>
          call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { livenessId } }),
        ),
      ),
      ex('clear-data by signature id', 'advance.clear-data', () => call('GET', '/liveness/ext/v1/clear-data', { token: t, query: { signatureId } })),
      ex('detection after clear-data', 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { signatureId } }),
      ),
      ex('get-video after clear-data', 'advance.get-video', () => call('GET', '/liveness/ext/v1/get-video', { token: t, query: { signatureId } })),
      ex('an unknown liveness id', 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { livenessId: 'never-made' } }),
      ),
      ex('no ids', 'advance.detection-result', () => call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: {} })),
      ex('an unknown resultType', 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: { livenessId: 'sim-live-pass', resultType: 'PDF' } }),
      ),
      ex('Singapore without region', 'advance.detection-result', () =>
        call('POST', '/intl/openapi/face-identity/v1/liveness-detection', { token: t, body: { livenessId: 'sim-live-pass' } }),
      ),
      ex('a body that is not JSON', 'advance.detection-result', () =>
        call('POST', '/openapi/liveness/v3/detection-result', { token: t, body: '{"livenessId":' }),
      ),
      ex('a field of the wrong type', 'advance.license', () =>
        call('POST', '/openapi/liveness/v1/auth-license', { token: t, body: { licenseEffectiveSeconds: '600' } }),
      ),
      ex('no token', 'advance.detection-result', () => call('POST', '/openapi/liveness/v3/detection-result', { body: { livenessId: 'sim-live-pass' } })),
      ex('a bad token', 'advance.get-video', () => call('GET', '/liveness/ext/v1/get-video', { token: 'not-a-token', query: { livenessId: 'sim-live-pass' } })),
      ex('an unknown signature id', 'advance.clear-data', () => call('GET', '/liveness/ext/v1/clear-data', { token: t, query: { signatureId: 'nope' } })),
      ex('a wrong signature', 'advance.token', () =>
        call('POST', '/openapi/auth/ticket/v1/generate-token', { body: { ...tokenBody(), signature: '0'.repeat(64) } }),
      ),
      ex('an old timestamp', 'advance.token', () =>
        call('POST', '/openapi/auth/ticket/v1/generate-token', { body: { ...tokenBody(), timestamp: '1665993522952' } }),
      ),
      ex('an unknown access key', 'advance.token', () =>
        call('POST', '/openapi/auth/ticket/v1/generate-token', { body: { ...tokenBody(), accessKey: 'nobody' } }),
      ),
      ex('a missing field', 'advance.token', () => call('POST', '/openapi/auth/ticket/v1/generate-token', { body: { accessKey: DEMO.accessKey } })),
      ex('periodSecond out of range', 'advance.token', () =>
        call('POST', '/openapi/auth/ticket/v1/generate-token', { body: { ...tokenBody(), periodSecond: 5 } }),
      ),
      ex('a wrong method', 'advance.detection-result', () => call('GET', '/openapi/liveness/v3/detection-result', { token: t })),
    ];
    expect(await breaches(exchanges)).toEqual([]);
  });
});

describe('a scenario that breaks its contract fails this suite', () => {
  it('names the scenario and the JSON path that broke', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
    writeFileSync(join(dir, 'odd.yaml'), 'version: 1\nid: fpt/odd-score\noutcome: live\nset:\n  liveness.spoof_prob: "low"\n');
    const own = await startSimulator({ port: 0, noShippedScenarios: true, scenarioDirs: [dir] });
    try {
      const form = fptForm({ video: [video, 'video/mp4', 'video.mp4'] });
      const found = await breaches([
        {
          what: 'fpt/odd-score',
          operation: 'fpt.liveness',
          send: () => fetch(`${own.url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', 'x-sim-scenario': 'fpt/odd-score' }, body: form }),
        },
      ]);
      expect(found).toEqual(['fpt/odd-score (fpt.liveness):\n  /liveness/spoof_prob: must match pattern "^(N/A|[0-9]+(\\.[0-9]+)?)$"; saw "low"']);
    } finally {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
