/**
 * Video inspection off the event loop, under a hard budget (DESIGN "Untrusted input"; issue 7).
 *
 * The container library is third-party code, and one mutated byte made it loop forever: nothing
 * that runs on the event loop can be stopped from outside. So the server inspects each upload in a
 * worker thread, with a wall-clock deadline: a worker that overruns is terminated (V8 stops even a
 * spinning loop) and replaced, and its upload is answered as unreadable, like any corrupt video.
 * The structural caps in simulator/media (limits.ts) keep ordinary bad input far from the deadline.
 *
 * - Workers start on demand, up to `workers`, and stay for the next upload.
 * - Each worker holds up to PIPELINE_DEPTH uploads and reads them one after the other, so it goes
 *   from one to the next without waiting for the event loop to hand it more: with one upload at a
 *   time, the workers sat idle while a busy event loop got round to their answers (issue 13).
 * - `deadlineMs` runs from the moment a started worker takes the upload (for one that waited in a
 *   worker behind another: from the moment the pool reads the answer before it), so neither waiting
 *   nor starting a worker (loading the library: 0.1-1 s on a busy machine) eats into it.
 * - Uploads wait in order, at most `queueCapacity` of them, in the pool's queue or behind another
 *   in a worker; one more is answered at once as 'busy' (FPT: the 409 of an unreadable video: the
 *   vendor documents no busy answer). The longest an upload can wait is thus about
 *   deadline × (1 + queueCapacity / workers). When a worker overruns or fails, only the upload it
 *   was reading is answered; those waiting behind it go back to the head of the queue.
 *
 * Node-only (worker_threads), so it lives at the edge and is injected into the FPT vendor by the
 * server; the browser build and the library's in-process engine inspect inline.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VideoInspection, VideoInspector } from '../media/video.js';
import type { InspectAnswer, InspectRequest, VideoWorkerData } from './video-worker.js';

export interface VideoPoolOptions {
  /** Worker threads, started on demand. */
  workers?: number;
  /** Wall-clock budget of one inspection, in ms. */
  deadlineMs?: number;
  /** Uploads that may wait for a worker; past it an upload is answered 'busy' at once. */
  queueCapacity?: number;
  /** The compiled worker module; default: workerModuleUrl(). */
  workerUrl?: URL;
  /** Where each inspected upload's SHA-256 (hex) is left, keyed by the buffer given to `inspect`. */
  digests?: WeakMap<Uint8Array, string>;
}

/** README "Limits": a real inspection takes 1-50 ms; a phone video is never near these. */
export const VIDEO_POOL_DEFAULTS = { workers: 2, deadlineMs: 3000, queueCapacity: 64 } as const;

/** A worker's heap cap: the library's index of a capped file is a few MB; a runaway one is stopped. */
const WORKER_HEAP_MB = 256;
/**
 * A worker's young generation: reading metadata allocates little and briefly, and V8's default
 * (grown to tens of MB under load, in each worker) was resident memory for nothing (issue 13).
 */
const WORKER_YOUNG_MB = 4;
/**
 * Each worker shares a slab with the pool, one region of this size per upload it holds: an upload
 * that fits is copied into a free region, and the worker reads it from there into a buffer of its
 * own that it reuses. A small upload thus allocates no buffer on either side; moving each upload's
 * own buffer (as larger ones still are) made every worker run a full garbage collection every ~100
 * uploads (issue 13). 1 MiB holds most test videos; memory only becomes resident as far as uploads
 * reach into the regions.
 */
export const SLAB_BYTES = 1024 * 1024;
/** Uploads a worker holds at once: the one it reads and those it reads next (see above). */
export const PIPELINE_DEPTH = 4;
/** A worker that has not loaded by then never will (a broken build): its upload is answered. */
const WORKER_START_MS = 15_000;

export interface VideoPool {
  inspect: VideoInspector;
  /** Worker threads alive, inspections running and waiting, and workers terminated for overrunning. */
  stats(): { workers: number; busy: number; queued: number; timedOut: number };
  /** Terminates every worker; anything running or waiting is answered 'busy'. */
  close(): Promise<void>;
}

/**
 * Where the worker's code is. A worker is a fresh Node.js instance that loads its file with Node's
 * own loader, and Node 20 cannot run TypeScript; so the worker always runs compiled JavaScript:
 * - from dist/ (npm start, the package), the sibling video-worker.js;
 * - when this module was itself loaded from its TypeScript source (vitest compiles the test
 *   process's imports in memory, not a worker's), the same file under this checkout's dist/,
 *   which `npm test` builds first (pretest). After changing simulator/media or this folder, run
 *   `npm run build` before `npx vitest run ...`, or the worker runs the previous build.
 */
export function workerModuleUrl(): URL {
  const here = new URL(import.meta.url);
  // `../workers/`: from this file in dist/simulator/workers/, and from the CLI's bundle in
  // dist/simulator/cli/ (scripts/bundle-cli.mjs), which carries this module.
  return here.pathname.endsWith('.js') ? new URL('../workers/video-worker.js', here) : new URL('../../dist/simulator/workers/video-worker.js', here);
}

interface Job {
  bytes: Uint8Array;
  resolve(result: VideoInspection): void;
}

interface Sent {
  job: Job;
  id: number;
  /** The slab region it was copied into, if it fitted. */
  region?: number;
}

interface Slot {
  worker: Worker;
  /** Shared with the worker (VideoWorkerData): PIPELINE_DEPTH regions of SLAB_BYTES. */
  slab: SharedArrayBuffer;
  /** Regions no held upload uses. */
  freeRegions: number[];
  /** Until the worker says it has loaded, this times its start instead of an inspection. */
  starting: ReturnType<typeof setTimeout> | undefined;
  /** The uploads sent to it, in order: the first is the one it reads (the worker keeps the order). */
  held: Sent[];
  /** The deadline of the first held upload. */
  timer?: ReturnType<typeof setTimeout>;
}

const failure = (reason: 'unreadable' | 'busy', detail: string): VideoInspection => ({ ok: false, reason, detail });

export function createVideoPool(options: VideoPoolOptions = {}): VideoPool {
  const { workers, deadlineMs, queueCapacity } = { ...VIDEO_POOL_DEFAULTS, ...options };
  const url = options.workerUrl ?? workerModuleUrl();
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`[liveness-sim] the video inspection worker ${fileURLToPath(url)} is missing: run \`npm run build\``);
  }
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let timedOut = 0;
  let closed = false;

  function spawn(): Slot {
    const slab = new SharedArrayBuffer(SLAB_BYTES * PIPELINE_DEPTH);
    const worker = new Worker(url, {
      workerData: { slab, regionBytes: SLAB_BYTES } satisfies VideoWorkerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    worker.unref(); // an idle pool never keeps the process alive; the server's socket does
    const freeRegions = Array.from({ length: PIPELINE_DEPTH }, (_, region) => region);
    const slot: Slot = { worker, slab, freeRegions, starting: undefined, held: [] };
    slot.starting = setTimeout(() => retire(slot, failure('unreadable', 'the inspection worker did not start')), WORKER_START_MS);
    slot.starting.unref();
    worker.on('message', (answer: InspectAnswer) => {
      if ('ready' in answer) {
        clearTimeout(slot.starting);
        slot.starting = undefined;
        startDeadline(slot);
        return;
      }
      const sent = slot.held[0];
      if (!sent || sent.id !== answer.id) return;
      clearTimeout(slot.timer);
      slot.held.shift();
      if (sent.region !== undefined) slot.freeRegions.push(sent.region);
      options.digests?.set(sent.job.bytes, answer.sha256);
      startDeadline(slot);
      sent.job.resolve(answer.result);
      drain();
    });
    // A crash (heap cap, a bug) or an exit: the worker is gone, its upload unreadable.
    worker.on('error', (error) => retire(slot, failure('unreadable', `the inspection worker failed: ${error.message}`)));
    worker.on('exit', () => retire(slot, failure('unreadable', 'the inspection worker stopped')));
    slots.push(slot);
    return slot;
  }

  /**
   * An idle worker, else a new one, else the one holding fewest uploads, if any has room. An upload
   * past the slab waits for an idle worker: it is copied to be moved, and holding several such
   * copies would put memory beyond maxBodyBytesInFlight.
   */
  function freeSlot(job: Job): Slot | undefined {
    const idle = slots.find((s) => s.held.length === 0);
    if (idle) return idle;
    if (slots.length < workers) return spawn();
    if (job.bytes.byteLength > SLAB_BYTES) return undefined;
    let best: Slot | undefined;
    for (const s of slots) if (s.held.length < PIPELINE_DEPTH && (!best || s.held.length < best.held.length)) best = s;
    return best;
  }

  /** Uploads waiting: in the queue, and held by a worker behind the one it reads. */
  function waiting(): number {
    let held = 0;
    for (const s of slots) held += Math.max(0, s.held.length - 1);
    return queue.length + held;
  }

  function send(slot: Slot, job: Job): void {
    const sent: Sent = { job, id: nextId++ };
    slot.held.push(sent);
    if (slot.held.length === 1) startDeadline(slot);
    const length = job.bytes.byteLength;
    if (length <= SLAB_BYTES) {
      // A free region: nothing the worker still has to read is there.
      sent.region = slot.freeRegions.pop()!;
      const offset = sent.region * SLAB_BYTES;
      new Uint8Array(slot.slab, offset, length).set(job.bytes);
      slot.worker.postMessage({ id: sent.id, offset, length } satisfies InspectRequest);
      return;
    }
    // One copy of the upload's own bytes (a view may share a larger buffer), moved, not cloned again.
    const bytes = job.bytes.slice();
    slot.worker.postMessage({ id: sent.id, bytes } satisfies InspectRequest, [bytes.buffer]);
  }

  /** Times the upload the worker reads now, once the worker has started. */
  function startDeadline(slot: Slot): void {
    if (slot.starting || slot.held.length === 0) return;
    slot.timer = setTimeout(() => {
      timedOut++;
      retire(slot, failure('unreadable', `the video was not read within the ${deadlineMs} ms inspection deadline`));
    }, deadlineMs);
  }

  function drain(): void {
    while (!closed && queue.length > 0) {
      const slot = freeSlot(queue[0]!);
      if (!slot) return;
      send(slot, queue.shift()!);
    }
  }

  /**
   * Takes a worker out for good (overran, crashed, exited): the upload it was reading gets
   * `result`; those it held behind it go back to the head of the queue, in order, for another.
   */
  function retire(slot: Slot, result: VideoInspection): void {
    const index = slots.indexOf(slot);
    if (index < 0) return;
    slots.splice(index, 1);
    clearTimeout(slot.starting);
    clearTimeout(slot.timer);
    void slot.worker.terminate();
    const [reading, ...behind] = slot.held.splice(0);
    queue.unshift(...behind.map((sent) => sent.job));
    reading?.job.resolve(result);
    drain();
  }

  return {
    inspect(bytes) {
      if (closed) return Promise.resolve(failure('busy', 'the simulator is shutting down'));
      return new Promise((resolve) => {
        const job: Job = { bytes, resolve };
        // Never ahead of the queue: a worker has room for this one only when nothing waits there.
        const slot = queue.length === 0 ? freeSlot(job) : undefined;
        if (slot?.held.length === 0) send(slot, job);
        else if (waiting() >= queueCapacity) resolve(failure('busy', `every inspection worker is busy and ${queueCapacity} uploads are waiting`));
        else if (slot) send(slot, job);
        else queue.push(job);
      });
    },
    stats: () => ({ workers: slots.length, busy: slots.filter((s) => s.held.length > 0).length, queued: waiting(), timedOut }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve(failure('busy', 'the simulator is shutting down'));
      const all = slots.splice(0);
      for (const slot of all) {
        clearTimeout(slot.starting);
        clearTimeout(slot.timer);
        for (const sent of slot.held.splice(0)) sent.job.resolve(failure('busy', 'the simulator is shutting down'));
      }
      await Promise.all(all.map((slot) => slot.worker.terminate()));
    },
  };
}
