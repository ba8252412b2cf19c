import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AdminError, startSimulator } from '../../src/testing/index.js';
import { fixture } from '../support/fixtures.js';

const run = promisify(execFile);

/** liveness-sim/testing: a real server on a free loopback port, and a typed admin client over HTTP. */
describe('startSimulator (liveness-sim/testing)', () => {
  const postVideo = (url: string, key: string) => {
    const form = new FormData();
    form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
    return fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': key }, body: form });
  };

  it('serves on loopback and its admin client arms, journals, moves the clock and resets', async () => {
    const sim = await startSimulator({ adminToken: 'secret' });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const armed = await sim.admin.arm('fpt/not-live', { times: 1, credential: 'key-a' });
      expect(armed).toMatchObject({ scenarioId: 'fpt/not-live', remaining: 1 });
      const isLive = async (key: string) => ((await (await postVideo(sim.url, key)).json()) as { liveness: { is_live: string } }).liveness.is_live;
      expect(await isLive('key-b')).toBe('true');
      expect(await isLive('key-a')).toBe('false');
      expect(await isLive('key-a')).toBe('true');
      expect((await sim.admin.journal({ scenario: 'fpt/not-live' })).length).toBe(1);
      expect((await sim.admin.advanceClock(60_000)).offsetMs).toBe(60_000);
      await sim.admin.reset();
      expect(await sim.admin.journal()).toEqual([]);
      expect((await sim.admin.clock()).offsetMs).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('a refused admin call throws AdminError carrying the problem', async () => {
    const sim = await startSimulator();
    try {
      const error = await sim.admin.advanceClock('sideways').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AdminError);
      expect((error as AdminError).status).toBe(400);
      expect((error as AdminError).message).toContain('advance');
    } finally {
      await sim.stop();
    }
  });

  it("works from vitest's globalSetup: a fixture project starts it there and its test reaches it", async () => {
    const folder = fileURLToPath(new URL('./global-setup-fixture/', import.meta.url));
    const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
    const { stdout } = await run(process.execPath, [vitest, 'run', '--root', folder], { cwd: folder, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(stdout).toMatch(/1 passed/);
  }, 60_000);
});
