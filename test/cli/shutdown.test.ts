import { describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { openFptUpload } from '../support/open-upload.js';
import { serveCli } from './spawn.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real MP4 grown to 10 MB (FPT's documented limit is 10 MB) by a trailing `free` box, which readers skip. */
function tenMegabyteVideo(): Buffer {
  const video = fixture('video-720p-25fps-5s.mp4');
  const total = 10_000_000;
  const free = Buffer.alloc(total - video.length);
  free.writeUInt32BE(free.length, 0);
  free.write('free', 4, 'latin1');
  return Buffer.concat([video, free]);
}

/** An FPT upload written in small pieces, slowly, as a phone on a poor network sends it. */
function slowUpload(url: string, video: Buffer) {
  const { req, body, answer } = openFptUpload(url, video);
  let sent = 0;
  const piece = 256 * 1024;
  /** Sends up to `bytes` more, a piece every 40 ms. */
  const send = async (bytes: number) => {
    const until = Math.min(body.length, sent + bytes);
    while (sent < until) {
      const end = Math.min(until, sent + piece);
      req.write(body.subarray(sent, end));
      sent = end;
      await sleep(40);
    }
    if (sent === body.length) req.end();
  };
  return { answer, send, size: body.length, sent: () => sent };
}

describe('stopping on SIGTERM, as a deployment stops the sidecar', () => {
  it('a slow 10 MB upload mid-flight completes with its normal answer; new connections are refused; a hang is cut at once; exit 0 within the drain bound; a start-up and a shutdown line', async () => {
    const drainSeconds = 60;
    const sim = await serveCli(['--drain-timeout', String(drainSeconds)]);
    try {
      expect(sim.stdout()).toMatch(/"msg":"liveness-sim \S+ listening on http:\/\/127\.0\.0\.1:\d+ /);
      const form = new FormData();
      form.append('video', new Blob([fixture('video-720p-25fps-5s.mp4') as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }), 'v.mp4');
      let hungSettled = false;
      const hung = fetch(`${sim.url}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', 'x-sim-scenario': 'fpt/no-answer' }, body: form })
        .then(
          () => 'answered',
          () => 'cut',
        )
        .finally(() => (hungSettled = true));

      const upload = slowUpload(sim.url, tenMegabyteVideo());
      await upload.send(3_000_000);
      // The hang is held once the simulator has journaled it.
      for (let i = 0; i < 200; i++) {
        const { count } = (await (await fetch(`${sim.url}/__sim/requests/count`)).json()) as { count: number };
        if (count >= 1) break;
        await sleep(25);
      }
      const signalled = Date.now();
      sim.child.kill('SIGTERM');
      await sleep(300);
      await expect(fetch(`${sim.url}/__sim/health`)).rejects.toThrow();
      expect(await hung).toBe('cut');
      // Cut at once: before the upload, still being sent, was done.
      expect(hungSettled).toBe(true);
      expect(upload.sent()).toBeLessThan(upload.size);

      await upload.send(upload.size);
      const answer = await upload.answer;
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.text) as { code: string; liveness: { is_live: string } };
      expect(body.code).toBe('200');
      expect(body.liveness.is_live).toBe('true');

      expect(await sim.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(drainSeconds * 1000);
      expect(sim.stdout()).toContain(
        `"msg":"stopped on SIGTERM: 1 request(s) in flight finished, 1 held by a hang fault cut, 0 cut at the ${drainSeconds} s drain limit"`,
      );
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
