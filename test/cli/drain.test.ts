import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { openFptUpload } from '../support/open-upload.js';
import { serveCli } from './spawn.js';

const VIDEO = fixture('video-720p-25fps-5s.mp4');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An FPT upload sent in two halves, so that it can be mid-flight when the signal comes. */
function startUpload(url: string) {
  const { req, body, answer } = openFptUpload(url, VIDEO);
  const half = Math.floor(body.length / 2);
  req.write(body.subarray(0, half));
  return { answer, finish: () => req.end(body.subarray(half)) };
}

const postVideo = (url: string, scenario: string) => {
  const form = new FormData();
  form.append('video', new Blob([VIDEO as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
  return fetch(`${url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', 'x-sim-scenario': scenario }, body: form });
};

async function journalCount(url: string, atLeast: number) {
  for (let i = 0; i < 200; i++) {
    const { count } = (await (await fetch(`${url}/__sim/requests/count`)).json()) as { count: number };
    if (count >= atLeast) return;
    await sleep(25);
  }
  throw new Error('the requests never reached the simulator');
}

describe('stopping on a signal drains instead of dropping', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: an upload mid-flight and a pending slow answer both complete, a hung request is cut at once, exit 0',
    async (signal) => {
      const sim = await serveCli(['--drain-timeout', '30']);
      try {
        const hung = postVideo(sim.url, 'fpt/no-answer').then(
          () => 'answered',
          () => 'cut',
        );
        const slow = postVideo(sim.url, 'fpt/slow-live');
        const upload = startUpload(sim.url);
        await journalCount(sim.url, 2); // the hang is held, the slow answer is in its 1.5 s latency
        await sleep(100);

        sim.child.kill(signal);
        await sleep(300);
        // Nothing new is accepted once the stop began.
        await expect(fetch(`${sim.url}/__sim/health`)).rejects.toThrow();
        upload.finish();

        const slowAnswer = await slow;
        expect(slowAnswer.status).toBe(200);
        expect(((await slowAnswer.json()) as { code: string }).code).toBe('200');
        const uploadAnswer = await upload.answer;
        expect(uploadAnswer.status).toBe(200);
        expect((JSON.parse(uploadAnswer.text) as { code: string }).code).toBe('200');
        expect(await hung).toBe('cut');
        expect(await sim.exited).toBe(0);
        expect(sim.stdout()).toContain(`stopped on ${signal}: 2 request(s) in flight finished, 1 held by a hang fault cut, 0 cut at the 30 s drain limit`);
      } finally {
        sim.child.kill('SIGKILL');
      }
    },
  );

  it('a request still unanswered at the drain limit is cut, and the stop still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-drain-'));
    writeFileSync(join(dir, 'slower.yaml'), 'version: 1\nid: fpt/very-slow\ndescription: d\noutcome: live\nlatency: 60000\n');
    const sim = await serveCli(['-s', dir, '--drain-timeout', '0.5']);
    try {
      const slow = postVideo(sim.url, 'fpt/very-slow').then(
        () => 'answered',
        () => 'cut',
      );
      await journalCount(sim.url, 1);
      sim.child.kill('SIGTERM');
      expect(await slow).toBe('cut');
      expect(await sim.exited).toBe(0);
      expect(sim.stdout()).toContain('stopped on SIGTERM: 0 request(s) in flight finished, 0 held by a hang fault cut, 1 cut at the 0.5 s drain limit');
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
