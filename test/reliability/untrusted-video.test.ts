import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/fixtures.js';
import { expectFptShape, postFpt } from '../support/fpt-client.js';
import { endlessWebm, fragmentBomb, stszBomb, webmBlockBomb } from '../support/media-bombs.js';

/**
 * Issue 7, findings 1 and 2, over a real server. The simulator runs as its own process (the built
 * CLI, as `npm start` runs it): if a video could still stop it, these tests fail on their timeouts
 * instead of hanging the test run with it. One worker, so the bomb's worker must be replaced for
 * anything after it to be read.
 */
const CLI = fileURLToPath(new URL('../../dist/simulator/cli/main.js', import.meta.url));
const DEADLINE_MS = 1500;
/**
 * "Within milliseconds", with room for a loaded CI machine (measured here: mostly 2-40 ms, up to
 * 180 ms with a load average of 17 on 2 cores). Well under the deadline, so an inspection on the
 * event loop could not pass: it would hold every answer for the whole 1.5 s (before: forever).
 */
const HEALTH_BOUND_MS = 500;

let child: ChildProcess;
let url: string;

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--set', 'mediaWorkers=1', '--set', `mediaDeadline=${DEADLINE_MS}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const banner = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('admin:')) resolve(out);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited ${code}: ${stderr}`)));
  });
  url = /listening on (http:\/\/\S+)/.exec(banner)![1]!;
});

afterAll(() => {
  child.kill('SIGKILL');
});

async function timedGet(path: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(5000) });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

const expectInvalidVideo = (answer: Awaited<ReturnType<typeof postFpt>>) => {
  expect(answer.status).toBe(200);
  expectFptShape(answer.json);
  expect(answer.json).toMatchObject({
    code: '409',
    message: 'Invalid upload video',
    liveness: { code: '409', message: 'Invalid upload video' },
    face_match: { code: '409', message: 'Invalid upload video' },
  });
};

describe('no uploaded video can stall the simulator', () => {
  it('health and the admin API answer within milliseconds while a WebM that loops the container library forever is inspected; the upload gets FPT 409 "Invalid upload video" at the deadline', async () => {
    // Two kept-alive connections first, so the bound measures the server, not a client's first connect.
    await Promise.all([timedGet('/__sim/health'), timedGet('/__sim/health')]);
    let settled = false;
    const upload = postFpt(url, { video: { bytes: endlessWebm(), filename: 'recording.webm', type: 'video/webm' } }).finally(() => void (settled = true));
    const during: number[] = [];
    while (!settled) {
      for (const path of ['/__sim/health', '/__sim/scenarios?vendor=fpt']) {
        const { status, ms } = await timedGet(path);
        expect(status).toBe(200);
        if (!settled) during.push(ms);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expectInvalidVideo(await upload);
    // Polled throughout the inspection (1.5 s), each answer far inside the bound.
    expect(during.length).toBeGreaterThan(5);
    expect(Math.max(...during)).toBeLessThan(HEALTH_BOUND_MS);
  });

  it('replaces the worker that overran: a valid video afterwards is read and gets 200 live', async () => {
    const answer = await postFpt(url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
    expect(answer.json).toMatchObject({ code: '200', liveness: { code: '200', is_live: 'true' } });
  });

  it.each([
    ['an 842-byte fragmented MP4 whose trun declares a million samples', () => fragmentBomb(1), 'video/mp4'],
    ['ten such fragments', () => fragmentBomb(10), 'video/mp4'],
    ['a 226 kB MP4 whose stsz declares a million samples', () => stszBomb(), 'video/mp4'],
    ['a 9.8 MB WebM of 1.4 million one-byte blocks', () => webmBlockBomb(), 'video/webm'],
  ])('answers %s with FPT 409 "Invalid upload video" and keeps answering health', async (_name, build, type) => {
    expectInvalidVideo(await postFpt(url, { video: { bytes: build(), type } }));
    expect((await timedGet('/__sim/health')).status).toBe(200);
  });

  it('stops on SIGTERM after all of it', async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
