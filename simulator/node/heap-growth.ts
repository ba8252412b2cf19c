import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full GC kept, before the next one:
 * 1.5 × the live heap instead of up to 4 ×.
 *
 * Why (issue 13, docs/BENCHMARKS.md): under 50 busy connections Node's HTTP machinery promotes
 * ~9 kB per request to the old generation (bare Express as much), garbage a minute later. V8
 * collects it once the old generation reaches its growing factor times the live heap, and on a
 * machine with memory that factor is up to 4. The simulator keeps ~22 MB live (its scenario
 * catalogue, journal and vendor state), so its heap climbed to 90-110 MB between full GCs: RSS
 * 190 MB on the JSON routes. At 1.5 × it peaks at ~130 MB, for ~4 % more CPU per request (a full
 * GC every ~1,200 requests instead of every ~7,000). Measured with the bench's sustained JSON load.
 *
 * V8 reads this flag each time it sets the next limit, so setting it once the server listens
 * takes effect from the next GC on (and leaves start-up as it was). Only the CLI sets it: a
 * library user's process is theirs. Their own `--heap-growing-percent` (a flag or NODE_OPTIONS) wins.
 */
export const HEAP_GROWING_PERCENT = 50;

const FLAG = '--heap-growing-percent';

/** Sets the factor for this process, unless its own Node options chose one. */
export function limitHeapGrowth(): void {
  if (!choseHeapGrowth(process.execArgv, process.env.NODE_OPTIONS)) setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`);
}

/** Whether Node's own options (its flags, NODE_OPTIONS) name the flag; V8 takes `_` for `-` in names. */
export function choseHeapGrowth(execArgv: readonly string[], nodeOptions = ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => arg.replaceAll('_', '-').startsWith(FLAG));
}
