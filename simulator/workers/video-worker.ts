// The worker thread of the video inspection pool (video-pool.ts): inspects the uploads it is sent
// one at a time, in the order they came, and posts each result back. The pool terminates this
// thread when it overruns its deadline, which is the only way to stop the container library when
// it spins (issue 7: a one-byte change to a WebM made it loop forever).
import { hash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectVideo } from '../media/video.js';
import type { VideoInspection } from '../media/video.js';

/**
 * One upload to inspect: either moved here whole (`bytes`, its buffer transferred), or, when it
 * fits, copied by the pool into a region of this worker's shared slab (`length` bytes at `offset`).
 */
export type InspectRequest = { id: number; bytes: Uint8Array } | { id: number; offset: number; length: number };

/** The result, and the upload's SHA-256 (hex) for the pool's `digests`, made here off the event loop. */
export type InspectAnswer = { id: number; result: VideoInspection; sha256: string } | { ready: true };

/** What the pool gives each worker as it starts. */
export interface VideoWorkerData {
  /** Shared with the pool, which copies small uploads into its regions (SLAB_BYTES in video-pool.ts). */
  slab: SharedArrayBuffer;
  /** The size of one region: the largest upload the slab carries. */
  regionBytes: number;
}

const { slab, regionBytes } = (workerData ?? { slab: new SharedArrayBuffer(0), regionBytes: 0 }) as VideoWorkerData;
/** This thread's own copy of an upload read from the slab, made once, reused for every upload. */
let scratch: Uint8Array | undefined;

/**
 * The upload's bytes from the slab, copied into memory of this thread's own: the library is never
 * handed shared memory (TextDecoder refuses views of it). Nothing is allocated per upload: a new
 * buffer for each one made every worker run a full garbage collection every ~100 uploads (V8
 * counts the bytes of each new buffer towards its next one; issue 13). The pool writes no region
 * this worker has not answered for, and this worker reads one upload at a time, so neither the
 * region nor the copy is overwritten while it is read.
 */
function fromSlab(offset: number, length: number): Uint8Array {
  scratch ??= new Uint8Array(regionBytes);
  const bytes = scratch.subarray(0, length);
  bytes.set(new Uint8Array(slab, offset, length));
  return bytes;
}

const waiting: InspectRequest[] = [];
let reading = false;

/** Inspects the waiting uploads one after the other (inspectVideo awaits; the copy is shared). */
async function readWaiting(): Promise<void> {
  reading = true;
  for (let request = waiting.shift(); request; request = waiting.shift()) {
    const bytes = 'bytes' in request ? request.bytes : fromSlab(request.offset, request.length);
    // inspectVideo never rejects; the catch keeps a broken invariant from leaving the pool waiting.
    const result = await inspectVideo(bytes).catch((error: unknown): VideoInspection => ({
      ok: false,
      reason: 'unreadable',
      detail: `the inspection failed: ${String(error)}`,
    }));
    parentPort?.postMessage({ id: request.id, result, sha256: hash('sha256', bytes, 'hex') } satisfies InspectAnswer);
  }
  reading = false;
}

parentPort?.on('message', (request: InspectRequest) => {
  waiting.push(request);
  if (!reading) void readWaiting();
});

// Loaded (the library included): from now on, the pool's deadline measures the inspection alone.
parentPort?.postMessage({ ready: true } satisfies InspectAnswer);
