import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { MULTIPART, multipartBody, sendRaw } from '../support/raw-http.js';

/**
 * Field names are plain strings to these vendors: `a[b]`, `cmnd[x]` and
 * `constructor[prototype][x]` are fields with those names, never nested objects (multer's
 * append-field built objects from them and every route answered 500).
 */
const BRACKETED = ['a[b]', 'cmnd[x]', 'constructor[prototype][x]', '__proto__[polluted]', 'video[]'];
const VIDEO = fixture('video-720p-25fps-5s.mp4');

const bracketedForm = (withVideo: boolean) =>
  multipartBody([
    ...(withVideo ? [{ name: 'video', value: VIDEO, filename: 'selfie.mp4', type: 'video/mp4' }] : []),
    ...BRACKETED.map((name) => ({ name, value: 'x' })),
    { name: 'cmnd[0]', value: fixture('face-1024x768.jpg'), filename: 'face.jpg', type: 'image/jpeg' },
  ]);

describe('bracketed multipart field names stay plain strings on every route', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  const post = (path: string, headers: Record<string, string> = {}, method = 'POST') =>
    sendRaw(sim.url + path, { method, headers: { ...headers, 'content-type': MULTIPART }, body: bracketedForm(path.startsWith('/dmp')) });

  it('FPT reads the video and treats cmnd[x] and cmnd[0] as other fields, not the cmnd image', async () => {
    const answer = await post('/dmp/liveness/v3', { 'api-key': 'names-key' });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.text);
    expect(body.code).toBe('200');
    expect(body.face_match).toEqual({ code: 'N/A', message: 'N/A', isMatch: 'N/A', similarity: 'N/A', warning: 'N/A' });
  });

  it('journals the field names exactly as sent', async () => {
    await post('/dmp/liveness/v3', { 'api-key': 'journal-key' });
    const journal = await (await fetch(`${sim.url}/__sim/requests?credential=journal-key&limit=1`)).json();
    const [entry] = journal.requests ?? journal;
    expect(entry.request.fields.map((f: { name: string }) => f.name)).toEqual(BRACKETED);
    expect(entry.request.files.map((f: { field: string }) => f.field)).toEqual(['video', 'cmnd[0]']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('Verihubs answers INVALID PAYLOAD (it takes JSON)', async () => {
    const answer = await post('/v1/face/liveness', { 'app-id': 'a', 'api-key': 'k' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error_code).toBe('INVALID PAYLOAD');
  });

  it('ADVANCE.AI answers CLIENT_ERROR "HTTP 400 - Bad Request"', async () => {
    const answer = await post('/openapi/auth/ticket/v1/generate-token');
    expect(JSON.parse(answer.text)).toMatchObject({ code: 'CLIENT_ERROR', message: 'HTTP 400 - Bad Request' });
  });

  it('an admin route answers its own 400 problem naming the body', async () => {
    const answer = await post('/__sim/scenarios/armed');
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.text).field).toBe('body');
  });

  it.each(['/standard-images/random_20250101120000000_1', '/__sim/health'])('GET %s with such a body answers as it does without one', async (path) => {
    const plain = await fetch(sim.url + path);
    const answer = await post(path, {}, 'GET');
    expect(answer.status).toBe(plain.status);
    expect(answer.status).not.toBe(500);
    expect(answer.headers['content-type']).toBe(plain.headers.get('content-type'));
  });
});
