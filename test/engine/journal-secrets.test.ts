import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maskText } from '../../simulator/engine/describe.js';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

const video = { bytes: fixture('video-720p-25fps-5s.mp4') };
const SECRET = 'live-3f9a2c1b77d04e1e8a1c';
const LABEL = /^fpt-key:[0-9a-f]{12}$/;

describe('the journal and the admin API keep no secret', () => {
  let sim: RunningSimulator;
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) };
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, settings: { fpt: { apiKeys: [SECRET, 'other-key', { name: 'ci-pipeline', key: 'named-secret-key' }] } } });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await admin('POST', '/reset', { credential: '*' });
  });

  it('journals an FPT api key as a stable label, never the key, the same after a restart', async () => {
    await postFpt(sim.url, { video }, { 'api-key': SECRET });
    const listed = await admin('GET', '/requests');
    expect(listed.text).not.toContain(SECRET);
    const label = listed.json.requests[0].credential;
    expect(label).toMatch(LABEL);

    const again = await startSimulator({ port: 0, settings: { fpt: { apiKeys: [SECRET] } } });
    try {
      await postFpt(again.url, { video }, { 'api-key': SECRET });
      const other = await (await fetch(`${again.url}/__sim/requests`)).json();
      expect(other.requests[0].credential).toBe(label);
    } finally {
      await again.close();
    }
  });

  it('filters the journal by the raw key or by its label', async () => {
    await postFpt(sim.url, { video }, { 'api-key': SECRET });
    await postFpt(sim.url, { video }, { 'api-key': 'other-key' });
    const label = (await admin('GET', `/requests?credential=${SECRET}`)).json.requests[0].credential;
    expect((await admin('GET', `/requests/count?credential=${SECRET}`)).json).toEqual({ count: 1 });
    expect((await admin('GET', `/requests/count?credential=${label}`)).json).toEqual({ count: 1 });
    expect((await admin('GET', '/requests/count?credential=nobody')).json).toEqual({ count: 0 });
  });

  it('arms and disarms by the raw key or its label; the armed list shows the label', async () => {
    const armed = await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: SECRET });
    expect(armed.json.credential).toMatch(LABEL);
    expect((await admin('GET', '/scenarios/armed')).text).not.toContain(SECRET);
    expect((await postFpt(sim.url, { video }, { 'api-key': SECRET })).json.code).toBe('410');
    expect((await postFpt(sim.url, { video }, { 'api-key': 'other-key' })).json.code).toBe('200');
    expect((await admin('DELETE', `/scenarios/armed?credential=${SECRET}`)).json).toEqual({ disarmed: 1 });

    await admin('POST', '/scenarios/armed', { scenario: 'fpt/multiple-faces', credential: armed.json.credential });
    expect((await postFpt(sim.url, { video }, { 'api-key': SECRET })).json.code).toBe('408');
    expect((await admin('DELETE', `/scenarios/armed?credential=${armed.json.credential}`)).json).toEqual({ disarmed: 1 });
  });

  it('shows a key configured with a name by that name, and takes the name for filters and arming', async () => {
    await admin('POST', '/scenarios/armed', { scenario: 'fpt/no-face', credential: 'ci-pipeline', times: 1 });
    expect((await postFpt(sim.url, { video }, { 'api-key': 'named-secret-key' })).json.code).toBe('410');
    const listed = await admin('GET', '/requests?credential=ci-pipeline');
    expect(listed.json.requests.map((r: { credential: string }) => r.credential)).toEqual(['ci-pipeline']);
    expect(listed.text).not.toContain('named-secret-key');
    expect((await admin('GET', '/requests/count?credential=named-secret-key')).json).toEqual({ count: 1 });
  });

  it('masks the query string of a signed URL sent as a text field, keeping its host and path', async () => {
    const signed = 'https://bucket.s3.amazonaws.com/faces/f.jpg?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=0f1e2d3c4b5a';
    await postFpt(sim.url, { video, cmnd: signed }, { 'api-key': SECRET });
    const listed = await admin('GET', '/requests');
    expect(listed.json.requests[0].request.fields).toEqual([{ name: 'cmnd', value: 'https://bucket.s3.amazonaws.com/faces/f.jpg?[masked]' }]);
    expect(listed.text).not.toContain('X-Amz-Signature');
  });
});

describe('masking of kept text fields', () => {
  it.each([
    ['https://user:pa55@example.com/a.jpg', 'https://[masked]@example.com/a.jpg'],
    ['https://example.com/a.jpg#access_token=abc', 'https://example.com/a.jpg?[masked]'],
    ['Bearer eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'Bearer [masked]'],
    ['key=0123456789abcdef0123456789abcdef01', 'key=[masked]'],
    ['https://example.com/plain.jpg', 'https://example.com/plain.jpg'],
    ['a short note', 'a short note'],
  ])('keeps %j as %j', (value, kept) => {
    expect(maskText(value)).toBe(kept);
  });

  it('cuts long text to 200 characters after masking', () => {
    expect(maskText('word '.repeat(100))).toHaveLength(201);
  });
});

describe('journal entries stay small', () => {
  it('cuts a 10 kB file name and part name to 200 characters', async () => {
    const sim = await startSimulator({ port: 0 });
    try {
      const form = new FormData();
      form.append('video', new Blob([video.bytes as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), `${'n'.repeat(10_000)}.mp4`);
      form.append('x'.repeat(10_000), 'value');
      await fetch(`${sim.url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k' }, body: form });
      const [entry] = (await (await fetch(`${sim.url}/__sim/requests`)).json()).requests;
      expect(entry.request.files[0].filename).toHaveLength(201);
      expect(JSON.stringify(entry).length).toBeLessThan(2000);
    } finally {
      await sim.close();
    }
  });
});
