import { request } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { signatureOf } from '../advance/client.js';
import { fixture } from '../support/fixtures.js';
import { MULTIPART, multipartBody, sendRaw, streamedFiles, type RawAnswer } from '../support/raw-http.js';

const MiB = 1024 * 1024;
const VIDEO = fixture('video-720p-25fps-5s.mp4');
const JPEG = fixture('face-1024x768.jpg');

const FPT = { path: '/dmp/liveness/v3', headers: { 'api-key': 'k', 'content-type': MULTIPART } };
const VERIHUBS = { path: '/v1/face/liveness', headers: { 'app-id': 'a', 'api-key': 'k', 'content-type': 'application/json' } };
const TOKEN = { path: '/openapi/auth/ticket/v1/generate-token', headers: { 'content-type': 'application/json' } };

const fptUpload = () => multipartBody([{ name: 'video', value: VIDEO, filename: 'selfie.mp4', type: 'video/mp4' }]);
const verihubsJson = (padding = 0) => Buffer.from(`{"image":"${Buffer.from(JPEG).toString('base64')}"${' '.repeat(padding)}}`);
const tokenJson = (padding = 0) => {
  const timestamp = String(Date.now());
  return Buffer.from(
    `{"accessKey":"sampleaccesskey","timestamp":"${timestamp}","signature":"${signatureOf('sampleaccesskey', 'samplesecretkey', timestamp)}"${' '.repeat(padding)}}`,
  );
};

const json = (answer: RawAnswer) => JSON.parse(answer.text) as Record<string, any>;
const expectFpt409 = (answer: RawAnswer) => {
  expect(answer.status).toBe(200);
  expect(json(answer)).toMatchObject({ code: '409', message: 'Invalid upload video', liveness: { code: '409' }, face_match: { code: '409' } });
};
const expectVerihubs = (answer: RawAnswer, status: number, message: string, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.text).toBe(JSON.stringify({ message, error_code: code }));
};
const expectAdvance = (answer: RawAnswer, code: string, message: string) => {
  expect(answer.status).toBe(200);
  expect(json(answer)).toMatchObject(code === 'SUCCESS' ? { code, message } : { code, message, data: null, extra: null });
};

describe("compressed request bodies are refused unread with each vendor's own error", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  describe.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ])('Content-Encoding: %s', (encoding, compress) => {
    it('FPT answers 409 Invalid upload video', async () => {
      const answer = await sendRaw(sim.url + FPT.path, { headers: { ...FPT.headers, 'content-encoding': encoding }, body: compress(fptUpload()) });
      expectFpt409(answer);
    });

    it('Verihubs answers 400 INVALID PAYLOAD', async () => {
      const answer = await sendRaw(sim.url + VERIHUBS.path, { headers: { ...VERIHUBS.headers, 'content-encoding': encoding }, body: compress(verihubsJson()) });
      expectVerihubs(answer, 400, 'no value in payload or empty string more than 1', 'INVALID PAYLOAD');
    });

    it('ADVANCE.AI answers CLIENT_ERROR "HTTP 400 - Bad Request"', async () => {
      const answer = await sendRaw(sim.url + TOKEN.path, { headers: { ...TOKEN.headers, 'content-encoding': encoding }, body: compress(tokenJson()) });
      expectAdvance(answer, 'CLIENT_ERROR', 'HTTP 400 - Bad Request');
    });
  });

  it('never inflates: a 64 kB gzip of 64 MB is answered without inviting its body', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * MiB));
    const answer = await sendRaw(sim.url + VERIHUBS.path, { headers: { ...VERIHUBS.headers, 'content-encoding': 'gzip' }, body: bomb, expectContinue: true });
    expect(answer.continued).toBe(false);
    expectVerihubs(answer, 400, 'no value in payload or empty string more than 1', 'INVALID PAYLOAD');
  });

  it('the admin API answers its own 415 problem naming the body', async () => {
    const answer = await sendRaw(`${sim.url}/__sim/scenarios/armed`, {
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync('{"scenario":"fpt/no-face"}'),
    });
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.text)).toMatchObject({ field: 'body' });
  });

  it('reads a body whose Content-Encoding is identity', async () => {
    const answer = await sendRaw(sim.url + TOKEN.path, { headers: { ...TOKEN.headers, 'content-encoding': 'identity' }, body: tokenJson() });
    expectAdvance(answer, 'SUCCESS', 'OK');
  });
});

describe("one request's body is capped as it streams (maxRequestBytes, default 16 MiB)", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('stops reading a chunked 200 MB upload at the cap, answers FPT 409 and keeps serving', async () => {
    const answer = await sendRaw(sim.url + FPT.path, { headers: FPT.headers, body: streamedFiles(1, 200 * MiB) });
    expectFpt409(answer);
    // The cap plus what loopback socket buffers hold: nowhere near the 200 MB offered.
    expect(answer.sentBytes).toBeLessThan(64 * MiB);
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });

  it('counts all parts together: five chunked files of 60 MB in one request are refused', async () => {
    const answer = await sendRaw(sim.url + FPT.path, { headers: FPT.headers, body: streamedFiles(5, 60 * MiB) });
    expectFpt409(answer);
    expect(answer.sentBytes).toBeLessThan(64 * MiB);
  });

  it('refuses a declared length over the cap before reading a byte of it', async () => {
    const answer = await sendRaw(sim.url + VERIHUBS.path, { headers: VERIHUBS.headers, body: Buffer.alloc(17 * MiB, 0x20), expectContinue: true });
    expect(answer.continued).toBe(false);
    expectVerihubs(answer, 400, 'invalid payload image size too large', 'INVALID_PAYLOAD_IMAGE_SIZE');
  });

  it('answers ADVANCE.AI CLIENT_ERROR for a chunked JSON body over the cap', async () => {
    const block = Buffer.alloc(MiB, 0x20);
    const answer = await sendRaw(sim.url + TOKEN.path, {
      headers: TOKEN.headers,
      body: (function* () {
        for (let i = 0; i < 40; i++) yield block;
      })(),
    });
    expectAdvance(answer, 'CLIENT_ERROR', 'HTTP 400 - Bad Request');
    expect(answer.sentBytes).toBeLessThan(40 * MiB);
  });

  it('reads a chunked multipart upload under the cap like any other', async () => {
    const whole = fptUpload();
    const answer = await sendRaw(sim.url + FPT.path, { headers: FPT.headers, body: [whole.subarray(0, 1000), whole.subarray(1000)] });
    expect(json(answer)).toMatchObject({ code: '200', liveness: { is_live: 'true' } });
  });

  it('refuses a sixth file as too large (at most five files a request)', async () => {
    const files = Array.from({ length: 6 }, (_, i) => ({ name: i === 0 ? 'video' : `f${i}`, value: VIDEO, filename: `v${i}.mp4` }));
    expectFpt409(await sendRaw(sim.url + FPT.path, { headers: FPT.headers, body: multipartBody(files) }));
  });
});

describe('bodies in flight share a memory budget (maxBodyBytesInFlight)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, maxBodyBytesInFlight: MiB });
  });
  afterAll(() => sim.close());

  /** A request that takes 900 kB of the 1 MiB budget and then stalls, until the returned function lets it go. */
  function holdBudget(chunked: boolean): () => void {
    const held = Buffer.alloc(900 * 1024, 0x20);
    // Either way the server holds the 900 kB that arrived; the declared length promises one byte more.
    const framing = chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(held.byteLength + 1) };
    const req = request(sim.url + VERIHUBS.path, { method: 'POST', headers: { ...VERIHUBS.headers, ...framing }, agent: false });
    req.on('error', () => {});
    req.write(held);
    return () => req.destroy();
  }

  /** Lets the holder's bytes reach the server before anything else competes for the budget. */
  function settle(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 300));
  }

  /** Sends until the answer satisfies `done` (the holder's bytes arrive asynchronously), at most 3 s. */
  async function until(send: () => Promise<RawAnswer>, done: (answer: RawAnswer) => boolean): Promise<RawAnswer> {
    const deadline = Date.now() + 3000;
    for (;;) {
      const answer = await send();
      if (done(answer) || Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const isBusy = (answer: RawAnswer) => answer.status === 500 || answer.text.includes('SERVICE_BUSY');

  it.each([
    ['a declared length', false],
    ['a chunked body', true],
  ])('past the budget (%s holds it), each vendor answers busy; once the holder goes away, the same requests succeed', async (_name, chunked) => {
    const release = holdBudget(chunked);
    await settle();
    const verihubs = () => sendRaw(sim.url + VERIHUBS.path, { headers: VERIHUBS.headers, body: verihubsJson(300 * 1024) });
    const advance = () => sendRaw(sim.url + TOKEN.path, { headers: TOKEN.headers, body: tokenJson(300 * 1024) });
    const fpt = () => sendRaw(sim.url + FPT.path, { headers: FPT.headers, body: fptUpload() });

    // Verihubs documents no busy answer: its own server-side failure, which clients retry.
    expectVerihubs(await until(verihubs, isBusy), 500, 'internal server error', 'INTERNAL_SERVER_ERROR');
    // A declared length that cannot fit is refused before its body is invited.
    const unread = await sendRaw(sim.url + VERIHUBS.path, { headers: VERIHUBS.headers, body: verihubsJson(300 * 1024), expectContinue: true });
    expect(unread.continued).toBe(false);
    expect(unread.status).toBe(500);
    // ADVANCE.AI's documented busy answer, with its Retry-After header.
    const busy = await advance();
    expectAdvance(busy, 'SERVICE_BUSY', 'Service busy, please try again later');
    expect(busy.headers['retry-after']).toBe('10s');
    // FPT.AI documents none either: the upload was not received, 409 "Invalid upload video".
    expectFpt409(await fpt());
    // Health carries no body and answers throughout.
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);

    release(); // the client goes away mid-body: its bytes go back to the budget
    const ok = await until(verihubs, (answer) => answer.status === 200);
    expect(json(ok)).toMatchObject({ message: 'Request Success' });
    expectAdvance(await advance(), 'SUCCESS', 'OK');
    expect(json(await fpt())).toMatchObject({ code: '200' });
  });

  it('gives the budget back after every answered request: many sequential uploads each fit', async () => {
    for (let i = 0; i < 20; i++) {
      const answer = await sendRaw(sim.url + VERIHUBS.path, { headers: VERIHUBS.headers, body: verihubsJson(600 * 1024) });
      expect(answer.status, answer.text).toBe(200);
    }
  });
});
