import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { heapSizeFlagsNamed } from '../../simulator/node/worker-heap.js';
import { fixture } from '../support/fixtures.js';
import { postFpt } from '../support/fpt-client.js';
import { serveCli } from './spawn.js';

const WORKER_HEAP = fileURLToPath(new URL('../../dist/simulator/node/worker-heap.js', import.meta.url));

/**
 * A Node started with heap-size flags (`--max-old-space-size=512 --max-semi-space-size=16`, the
 * second as the container image sets it) makes a worker capped at 256 MB of old generation, before
 * and after `keepWorkerHeapLimits`; it prints the heap limits V8 gives each isolate, in MB.
 */
function limitsUnderFlags(keep: boolean) {
  const script = `
    import { Worker } from 'node:worker_threads';
    import { getHeapStatistics } from 'node:v8';
    import { keepWorkerHeapLimits } from ${JSON.stringify(WORKER_HEAP)};
    const main = () => Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
    const mainBefore = main();
    if (${keep}) keepWorkerHeapLimits();
    const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", {
      eval: true,
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 4 },
    });
    worker.once('message', (limit) => {
      console.log(JSON.stringify({ mainBefore, mainAfter: main(), worker: Math.round(limit / 2 ** 20) }));
      void worker.terminate();
    });`;
  const run = spawnSync(process.execPath, ['--max-old-space-size=512', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '--max-semi-space-size=16' },
    timeout: 20_000,
  });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as { mainBefore: number; mainAfter: number; worker: number };
}

describe('serve keeps the video workers’ own heap caps under Node’s heap-size flags', () => {
  it('without it a worker takes the process’s flags; with it, its own caps, and the main thread keeps the flags’', () => {
    const flagged = limitsUnderFlags(false);
    expect(flagged.worker).toBeGreaterThanOrEqual(512);
    const kept = limitsUnderFlags(true);
    expect(kept.worker).toBeLessThan(512);
    expect(kept.worker).toBeGreaterThanOrEqual(256);
    expect(kept.mainAfter).toBe(kept.mainBefore);
    expect(kept.mainAfter).toBe(flagged.mainBefore);
  });

  it('finds the flags on the command line and in NODE_OPTIONS, in either spelling, with the value joined or apart', () => {
    expect(heapSizeFlagsNamed(['--max-semi-space-size=16'])).toEqual(['--max-semi-space-size']);
    expect(heapSizeFlagsNamed(['--expose-gc', '--max_old_space_size', '512', '--max-heap-size=900'])).toEqual(['--max-old-space-size', '--max-heap-size']);
    expect(heapSizeFlagsNamed(['--max-semi-space-sizes=1', '--heap-growing-percent=50', ''])).toEqual([]);
  });

  it('serves FPT uploads, in its workers, when started as the container image starts it', async () => {
    const sim = await serveCli([], { env: { NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=512' } });
    try {
      const answer = await postFpt(sim.url, { video: { bytes: fixture('video-720p-25fps-5s.mp4') } });
      expect(answer.status).toBe(200);
      expect(answer.json.liveness.code).toBe('200');
      expect(sim.stderr()).toBe('');
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
