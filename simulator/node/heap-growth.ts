import { setFlagsFromString } from 'node:v8';

/**
 * V8's heap growing factor for `serve` (the `heapGrowingPercent` setting, README "Memory"): how far
 * the old generation may grow past what the last full GC kept before the next.
 *
 * Why a fixed default, and why a setting (issue 13, docs/BENCHMARKS.md): under 50 busy connections
 * Node's HTTP machinery promotes ~9 kB per request to the old generation (bare Express as much),
 * garbage a minute later, and V8 lets the heap reach up to 4 × the live heap before collecting it.
 * The simulator keeps ~20 MB live, so the heap climbs to 90-110 MB: RSS ~190 MB on the JSON routes
 * at 50 connections. At 50 % it peaks at ~135 MB for ~15 % more CPU per JSON request than at 300 %, but each FPT
 * upload's buffers count toward the same limit: a full GC every ~60 uploads, +50 % CPU per upload
 * (0.66 -> 0.99 ms). Memory or upload throughput: the user chooses. V8's own factor adapts between
 * those and under upload load collected about as often as at 50 % (1.01 ms per upload) for the same
 * peaks as 300 % (186 and 240 MB, JSON and mixed): 300 % is the default.
 *
 * V8 reads this flag each time it sets the next limit, so setting it once the server listens
 * takes effect from the next GC on (and leaves start-up as it was). A `--heap-growing-percent` on
 * Node's own command line wins (NODE_OPTIONS cannot carry it). Only the CLI sets it: a library
 * user's process is theirs.
 */
const FLAG = '--heap-growing-percent';

/** V8's largest factor (4 ×). */
export const DEFAULT_HEAP_GROWING_PERCENT = 300;

/** Sets the factor for this process, unless Node's own flags chose one. */
export function setHeapGrowth(percent = DEFAULT_HEAP_GROWING_PERCENT): void {
  if (!choseHeapGrowth(process.execArgv)) setFlagsFromString(`${FLAG}=${percent}`);
}

/** Whether Node's own flags name it; V8 takes `_` for `-` in names. */
export function choseHeapGrowth(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.replaceAll('_', '-').startsWith(FLAG));
}
