import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';

/**
 * Whatever a client sends to a vendor route, the answer is that vendor's own body — never a 500
 * of the simulator's, an HTML page or a stack trace — and the server keeps serving.
 */
const BODIES: [string, string, string | Uint8Array | undefined][] = [
  ['no body', 'application/json', undefined],
  ['an empty body', 'application/json', ''],
  ['broken JSON', 'application/json', '{"image":'],
  ['a JSON array', 'application/json', '[1,2,3]'],
  ['JSON null', 'application/json', 'null'],
  ['a JSON string', 'application/json', '"hello"'],
  ['objects where strings belong', 'application/json', '{"image":{},"livenessId":[],"accessKey":{},"signatureId":7,"timestamp":{},"signature":[]}'],
  ['deep nesting', 'application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['invalid UTF-8', 'application/json', Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ['form-urlencoded', 'application/x-www-form-urlencoded', 'image=abc&video=1'],
  ['plain text', 'text/plain', 'just text'],
  ['random bytes', 'application/octet-stream', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)],
  ['multipart without a boundary', 'multipart/form-data', '--x\r\n\r\n'],
  ['truncated multipart', 'multipart/form-data; boundary=B', '--B\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\n\r\nxx'],
];

const ROUTES: [string, string, Record<string, string>][] = [
  ['POST', '/dmp/liveness/v3', { 'api-key': 'k' }],
  ['POST', '/vision/ekyc/liveness', { 'api-key': 'k' }],
  ['POST', '/v1/face/liveness', { 'app-id': 'a', 'api-key': 'k' }],
  ['POST', '/openapi/auth/ticket/v1/generate-token', {}],
  ['POST', '/liveness/ext/v1/generate-signature-id', { 'x-access-token': 'not-a-jwt' }],
  ['POST', '/openapi/liveness/v1/auth-license', { 'x-access-token': 'a.b.c' }],
  ['POST', '/openapi/liveness/v3/detection-result', { 'x-access-token': 'eyJhbGciOiJIUzUxMiJ9.eyJ9.x' }],
  ['POST', '/intl/openapi/face-identity/v1/liveness-detection', {}],
  ['GET', '/liveness/ext/v1/get-video?livenessId=%E0%A4%A', {}],
  ['GET', '/liveness/ext/v1/clear-data?signatureId=', {}],
];

describe("garbage in, the vendor's own error out", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it.each(ROUTES)('%s %s answers every malformed body with a vendor JSON body', async (method, path, headers) => {
    for (const [name, contentType, body] of BODIES) {
      if (method === 'GET' && body !== undefined) continue;
      const response = await fetch(`${sim.url}${path}`, { method, headers: { ...headers, 'content-type': contentType }, body: body as BodyInit | undefined });
      const text = await response.text();
      expect(response.status, `${name}: ${text}`).not.toBe(500);
      expect(response.headers.get('content-type'), name).toMatch(/^application\/json/);
      expect(() => JSON.parse(text), name).not.toThrow();
    }
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });
});
