// The worker thread of the video inspection pool (video-pool.ts): inspects one upload at a time and
// posts the result back. The pool terminates this thread when it overruns its deadline, which is
// the only way to stop the container library when it spins (issue 7: a one-byte change to a WebM
// made it loop forever).
import { parentPort } from 'node:worker_threads';
import { inspectVideo } from '../media/video.js';
import type { VideoInspection } from '../media/video.js';

export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
}

export type InspectAnswer = { id: number; result: VideoInspection } | { ready: true };

parentPort?.on('message', (request: InspectRequest) => {
  // inspectVideo never rejects; the catch keeps a broken invariant from leaving the pool waiting.
  void inspectVideo(request.bytes)
    .catch((error: unknown): VideoInspection => ({ ok: false, reason: 'unreadable', detail: `the inspection failed: ${String(error)}` }))
    .then((result) => parentPort?.postMessage({ id: request.id, result } satisfies InspectAnswer));
});

// Loaded (the library included): from now on, the pool's deadline measures the inspection alone.
parentPort?.postMessage({ ready: true } satisfies InspectAnswer);
