import { setFlagsFromString } from 'node:v8';
import { namesFlag } from './node-flags.js';

/**
 * V8's heap growing factor for `serve`, when the `heapGrowingPercent` setting names one (README
 * "Memory"): how far the old generation may grow past what the last full GC kept before the next.
 * By default V8 chooses (it adapts the factor, up to 4 ×).
 *
 * Why a setting and no fixed default (issue 13, docs/BENCHMARKS.md): under 50 busy connections
 * Node's HTTP machinery promotes ~9 kB per request to the old generation (bare Express as much),
 * garbage a minute later; the simulator keeps ~20 MB live, so the heap climbs to 90-110 MB and RSS
 * to ~190 MB on the JSON routes. At 50 % it peaks at ~135 MB, for more CPU per request, and each
 * FPT upload's buffers count toward the same limit: +50 % CPU per upload. At 300 % uploads cost
 * least (0.66 against 1.01 ms under V8's own factor), but the buffers of large uploads stay longer:
 * 20 concurrent 10 MB uploads peaked at idle + 304 MB, past the idle + 256 MiB that
 * `maxBodyBytesInFlight` promises (V8's own: idle + 237 MB). Memory or upload throughput: the user
 * chooses; the default keeps the promise.
 *
 * V8 reads this flag each time it sets the next limit, so setting it once the server listens
 * takes effect from the next GC on (and leaves start-up as it was). A `--heap-growing-percent` on
 * Node's own command line wins (NODE_OPTIONS cannot carry it). Only the CLI sets it: a library
 * user's process is theirs.
 */
const FLAG = '--heap-growing-percent';

/** Sets the factor for this process when the setting names one, unless Node's own flags chose one. */
export function setHeapGrowth(percent: number | undefined): void {
  if (percent !== undefined && !choseHeapGrowth(process.execArgv)) setFlagsFromString(`${FLAG}=${percent}`);
}

/** Whether Node's own flags name it. */
export function choseHeapGrowth(execArgv: readonly string[]): boolean {
  return namesFlag(execArgv, FLAG);
}
