import { setFlagsFromString } from 'node:v8';
import { namesFlag } from './node-flags.js';

/**
 * Keeps each video worker's own heap caps (workers/video-pool.ts) when Node was started with a
 * V8 flag that sizes heaps. V8's flags win over a worker's `resourceLimits`:
 * - the container image sets `--max-semi-space-size=16` in NODE_OPTIONS, for the main thread
 *   (README "Memory"); with it each worker's young generation grew to 33.6 MB instead of its 4.2,
 *   two workers ~60 MB more under FPT load (issue 13);
 * - a `--max-old-space-size=512` made each worker's heap limit 562 MB instead of its 275: a runaway
 *   inspection would be stopped that much later.
 * Measured on Node 20 and 24. V8 reads these flags when it makes an isolate, so clearing them once
 * the main thread's isolate exists leaves the main thread as started (same limits, same young
 * generation) and lets each worker, made later, take its own caps. Only the CLI does it: a library
 * user's process is theirs.
 */
const HEAP_SIZE_FLAGS = ['--max-semi-space-size', '--max-old-space-size', '--max-heap-size'];

/** Clears the heap-size flags Node was started with, for the isolates made from now on. */
export function keepWorkerHeapLimits(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS): void {
  for (const flag of heapSizeFlagsNamed([...execArgv, ...(nodeOptions ?? '').split(/\s+/)])) setFlagsFromString(`${flag}=0`);
}

/** The heap-size flags among Node's arguments. */
export function heapSizeFlagsNamed(args: readonly string[]): string[] {
  return HEAP_SIZE_FLAGS.filter((flag) => namesFlag(args, flag));
}
