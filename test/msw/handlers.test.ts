import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLivenessHandlers, livenessHandlers, AdminError } from '../../src/msw/node.js';
import { expectFptShape, postFpt } from '../support/fpt-client.js';
import { fixture } from '../support/fixtures.js';

/**
 * liveness-sim/msw in Node: fetch to the vendors' real hosts is answered in-process by the same
 * simulator, real multipart and real media; scenarios are armed through the in-process admin
 * client; network faults become msw's nearest equivalents within the server's caps.
 */
const handlers = createLivenessHandlers({ faultLimits: { maxHangMs: 300, maxWaitMs: 300 }, maxRequestBytes: 4 * 1024 * 1024 });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => handlers.admin.reset());
afterAll(() => server.close());

const video = () => ({ bytes: fixture('video-720p-25fps-5s.mp4') });
const FPT = 'https://api.fpt.ai';

describe('msw handlers: vendors answered in-process on their real hosts', () => {
  it('answers an FPT liveness upload on https://api.fpt.ai with a live v3 body', async () => {
    const answer = await postFpt(FPT, { video: video() });
    expect(answer.status).toBe(200);
    expectFptShape(answer.json);
    expect(answer.json.liveness.is_live).toBe('true');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('answers on every ADVANCE.AI regional host and a configured base URL', async () => {
    const custom = createLivenessHandlers({ baseUrls: { fpt: ['https://fpt.example.test/api'] } });
    const local = setupServer(...custom);
    server.close();
    local.listen({ onUnhandledRequest: 'error' });
    try {
      const answer = await postFpt('https://fpt.example.test/api', { video: video() });
      // The base URL's path is the vendor's prefix: /api/dmp/... is not an FPT route.
      expect(answer.status).toBe(404);
      for (const host of ['https://api.advance.ai', 'https://nga-api.advance.ai', 'https://mex-api.advance.ai']) {
        const response = await fetch(`${host}/openapi/liveness/v1/auth-license`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        });
        expect(response.status, host).toBeLessThan(500);
      }
    } finally {
      local.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });

  it('arms a scenario for the next request only, and journals both requests', async () => {
    await handlers.admin.arm('fpt/not-live', { times: 1 });
    expect((await postFpt(FPT, { video: video() })).json.liveness.is_live).toBe('false');
    expect((await postFpt(FPT, { video: video() })).json.liveness.is_live).toBe('true');
    const journal = await handlers.admin.journal({ vendor: 'fpt' });
    expect(journal.map((entry) => entry.scenario)).toEqual([null, 'fpt/not-live']);
  });

  it('arms a scenario for one credential only', async () => {
    await handlers.admin.arm('fpt/not-live', { credential: 'key-a' });
    expect((await postFpt(FPT, { video: video() }, { 'api-key': 'key-b' })).json.liveness.is_live).toBe('true');
    expect((await postFpt(FPT, { video: video() }, { 'api-key': 'key-a' })).json.liveness.is_live).toBe('false');
  });

  it('moves the clock forward and reset brings it back', async () => {
    const before = await handlers.admin.clock();
    const moved = await handlers.admin.advanceClock('2d');
    expect(moved.offsetMs).toBe(2 * 86_400_000);
    expect(moved.nowMs).toBeGreaterThanOrEqual(before.nowMs + 2 * 86_400_000);
    await handlers.admin.reset();
    expect((await handlers.admin.clock()).offsetMs).toBe(0);
  });

  it('an admin call the simulator refuses throws its problem, naming the field', async () => {
    const refused = await handlers.admin.arm('fpt/no-such-scenario').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AdminError);
    expect((refused as AdminError).status).toBe(404);
    expect((refused as AdminError).message).toContain('fpt/no-such-scenario');
  });

  it('a body over maxRequestBytes gets the vendor error, not an exception', async () => {
    const answer = await postFpt(FPT, { video: { bytes: new Uint8Array(5 * 1024 * 1024) } });
    // FPT answers its errors with HTTP 200 and the code in the body (fpt.md "Errors").
    expect(answer.status).toBe(200);
    expect(answer.json.code).not.toBe('200');
    expectFptShape(answer.json);
  });

  it('the ready livenessHandlers serve the shipped scenarios', () => {
    expect(livenessHandlers.simulator.engine.scenarios().has('fpt/not-live')).toBe(true);
    expect(livenessHandlers.length).toBeGreaterThanOrEqual(10);
  });
});

describe('msw handlers: network faults as msw equivalents', () => {
  const withScenario = (scenario: string) => ({ 'api-key': 'k', 'x-sim-scenario': scenario });
  const send = (scenario: string) => {
    const form = new FormData();
    form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
    return fetch(`${FPT}/dmp/liveness/v3`, { method: 'POST', headers: withScenario(scenario), body: form });
  };

  it('reset and empty are network errors: fetch rejects', async () => {
    await expect(send('fpt/connection-reset')).rejects.toThrow(TypeError);
    await expect(send('fpt/empty-response')).rejects.toThrow(TypeError);
  });

  it('malformed and truncated answers never deliver a body (msw 2: reading it fails; msw 3: fetch rejects)', async () => {
    for (const scenario of ['fpt/malformed-response', 'fpt/truncated-response']) {
      await expect(
        send(scenario).then((response) => response.text()),
        scenario,
      ).rejects.toThrow();
    }
  });

  it('a hang holds the request up to maxHang, then fails as a network error', async () => {
    await expect(send('fpt/no-answer')).rejects.toThrow(TypeError);
  });

  it('a hang ends when the client aborts', async () => {
    const form = new FormData();
    form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
    const controller = new AbortController();
    const pending = fetch(`${FPT}/dmp/liveness/v3`, { method: 'POST', headers: withScenario('fpt/no-answer'), body: form, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toThrow();
  });

  it('a drip delivers the whole body, in pieces', async () => {
    const response = await send('fpt/slow-drip');
    expect(response.status).toBe(200);
    expectFptShape(JSON.parse(await response.text()) as Record<string, unknown>);
  });
});
