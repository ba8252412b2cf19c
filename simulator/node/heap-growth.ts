import { setFlagsFromString } from 'node:v8';

/**
 * V8's heap growing factor for `serve`, when the `heapGrowingPercent` setting names one (README
 * "Memory"): how far the old generation may grow past what the last full GC kept before the next.
 *
 * Why it is a setting and not a default (issue 13, docs/BENCHMARKS.md): under 50 busy connections
 * Node's HTTP machinery promotes ~9 kB per request to the old generation (bare Express as much),
 * garbage a minute later, and V8 lets the heap reach up to 4 × the live heap before collecting it.
 * The simulator keeps ~20 MB live, so the heap climbs to 90-110 MB: RSS ~190 MB on the JSON routes
 * at 50 connections. At 50 % it peaks at ~135 MB for 2-5 % more CPU per JSON request, but each FPT
 * upload's buffers count toward the same limit: a full GC every ~60 uploads, +50 % CPU per upload
 * (0.66 -> 0.99 ms). Memory or upload throughput: the user chooses.
 *
 * V8 reads this flag each time it sets the next limit, so setting it once the server listens
 * takes effect from the next GC on (and leaves start-up as it was). A `--heap-growing-percent` on
 * Node's own command line wins (NODE_OPTIONS cannot carry it). Only the CLI sets it: a library
 * user's process is theirs.
 */
const FLAG = '--heap-growing-percent';

/** Sets the factor for this process, unless Node's own flags chose one. */
export function setHeapGrowth(percent: number | undefined): void {
  if (percent !== undefined && !choseHeapGrowth(process.execArgv)) setFlagsFromString(`${FLAG}=${percent}`);
}

/** Whether Node's own flags name it; V8 takes `_` for `-` in names. */
export function choseHeapGrowth(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.replaceAll('_', '-').startsWith(FLAG));
}
