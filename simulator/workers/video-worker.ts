// The worker thread of the video inspection pool (video-pool.ts): inspects one upload at a time and
// posts the result back. The pool terminates this thread when it overruns its deadline, which is
// the only way to stop the container library when it spins (issue 7: a one-byte change to a WebM
// made it loop forever).
import { parentPort, workerData } from 'node:worker_threads';
import { inspectVideo } from '../media/video.js';
import type { VideoInspection } from '../media/video.js';

/**
 * One upload to inspect: either moved here whole (`bytes`, its buffer transferred), or, when it
 * fits, copied by the pool into this worker's shared slab (the first `length` bytes of it).
 */
export type InspectRequest = { id: number; bytes: Uint8Array } | { id: number; length: number };

export type InspectAnswer = { id: number; result: VideoInspection } | { ready: true };

/** What the pool gives each worker as it starts. */
export interface VideoWorkerData {
  /** Shared with the pool, which copies small uploads into it (SLAB_BYTES in video-pool.ts). */
  slab: SharedArrayBuffer;
}

const { slab } = (workerData ?? { slab: new SharedArrayBuffer(0) }) as VideoWorkerData;
/** This thread's own copy of an upload read from the slab, made once, reused for every upload. */
let scratch: Uint8Array | undefined;

/**
 * The upload's bytes from the slab, copied into memory of this thread's own: the library is never
 * handed shared memory (TextDecoder refuses views of it). Nothing is allocated per upload: a new
 * buffer for each one made every worker run a full garbage collection every ~100 uploads (V8
 * counts the bytes of each new buffer towards its next one; issue 13). The pool sends this worker
 * one upload at a time, so the slab and the copy are never overwritten while one is read.
 */
function fromSlab(length: number): Uint8Array {
  scratch ??= new Uint8Array(slab.byteLength);
  const bytes = scratch.subarray(0, length);
  bytes.set(new Uint8Array(slab, 0, length));
  return bytes;
}

parentPort?.on('message', (request: InspectRequest) => {
  const bytes = 'bytes' in request ? request.bytes : fromSlab(request.length);
  // inspectVideo never rejects; the catch keeps a broken invariant from leaving the pool waiting.
  void inspectVideo(bytes)
    .catch((error: unknown): VideoInspection => ({ ok: false, reason: 'unreadable', detail: `the inspection failed: ${String(error)}` }))
    .then((result) => parentPort?.postMessage({ id: request.id, result } satisfies InspectAnswer));
});

// Loaded (the library included): from now on, the pool's deadline measures the inspection alone.
parentPort?.postMessage({ ready: true } satisfies InspectAnswer);
