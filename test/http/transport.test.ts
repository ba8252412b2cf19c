import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../simulator/http/app.js';
import { buildSimulator, startSimulator, type RunningSimulator } from '../../simulator/server.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';

/** supertest on the real Express app, for bodies no well-behaved client would send. */
const app = createApp(buildSimulator());

describe('the Express transport keeps serving whatever it is sent', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it("answers malformed multipart with the vendor's 409, not a 500 or an HTML page", async () => {
    const response = await request(app)
      .post('/dmp/liveness/v3')
      .set({ 'api-key': 'k', 'content-type': 'multipart/form-data; boundary=XYZ' })
      .send('--XYZ\r\nContent-Disposition: form-data; name="video"; filename="v.mp4"\r\n\r\nabc');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.code).toBe('409');
  });

  it("answers a multipart body with no boundary with the vendor's 409", async () => {
    const response = await request(app).post('/dmp/liveness/v3').set({ 'api-key': 'k', 'content-type': 'multipart/form-data' }).send('hello');
    expect(response.body.code).toBe('409');
  });

  it("reads a real multipart upload, as supertest's attach sends it", async () => {
    const response = await request(app)
      .post('/dmp/liveness/v3')
      .set('API_KEY', 'k')
      .attach('video', Buffer.from(fixture('video-720p-25fps-5s.mp4')), { filename: 'selfie.mp4', contentType: 'video/mp4' })
      .attach('cmnd', Buffer.from(fixture('face-1024x768.jpg')), { filename: 'id.jpg', contentType: 'image/jpeg' });
    expect(response.body.code).toBe('200');
    expect(response.body.face_match.code).toBe('200');
  });

  it('still answers normally after bad requests', async () => {
    expect((await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } })).json.code).toBe('200');
  });

  it('acts out a reset fault: the client sees a network error, and the server keeps serving', async () => {
    await expect(
      postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/connection-reset' }),
    ).rejects.toThrow();
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });

  it('acts out a hang: no answer comes, the client gives up, and the server keeps serving', async () => {
    const form = new FormData();
    form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
    const attempt = fetch(`${sim.url}/dmp/liveness/v3`, {
      method: 'POST',
      headers: { 'api-key': 'k', 'x-sim-scenario': 'fpt/no-answer' },
      body: form,
      signal: AbortSignal.timeout(300),
    });
    await expect(attempt).rejects.toThrow(/abort|timeout/i);
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200);
  });

  it('acts out a malformed response: the client cannot parse it', async () => {
    await expect(
      postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/malformed-response' }),
    ).rejects.toThrow();
  });

  it("answers after a scenario's latency", async () => {
    const sim2 = await startSimulator({ port: 0 });
    try {
      const { json } = await postFpt(sim2.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } }, { 'api-key': 'k', 'x-sim-scenario': 'fpt/slow-live' });
      expect(json.code).toBe('200');
    } finally {
      await sim2.close();
    }
  });
});

describe('transport body cap', () => {
  it("turns a body over the transport cap into the vendor's own error", async () => {
    const { createApp } = await import('../../simulator/http/app.js');
    const { buildSimulator } = await import('../../simulator/server.js');
    const { createServer } = await import('node:http');
    const server = createServer(createApp(buildSimulator(), { maxRequestBytes: 1024 }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const { json } = await postFpt(url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
      expect(json.code).toBe('409');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
