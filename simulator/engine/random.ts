/**
 * Random bytes for ids (never for anything secret: ids need only be unique), drawn from a pool
 * filled by WebCrypto 4 kB at a time. One `getRandomValues` per id was a call into the system's
 * random source for every 5-16 bytes: 6 % of the CPU of an ADVANCE.AI detection result, which
 * names three media objects and a transaction (issue 13's profile). Node's own randomUUID keeps
 * such a cache for the same reason. Browser-safe (WebCrypto only).
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

/** `count` random bytes (at most POOL_BYTES), a fresh array the caller may keep. */
export function randomBytes(count: number): Uint8Array {
  if (count > POOL_BYTES) throw new RangeError(`randomBytes: at most ${POOL_BYTES} bytes at a time`);
  if (used + count > POOL_BYTES) {
    globalThis.crypto.getRandomValues(pool);
    used = 0;
  }
  const bytes = pool.slice(used, used + count);
  used += count;
  return bytes;
}
