import { hash } from 'node:crypto';
import type { Sha256 } from '../engine/digest.js';

/**
 * SHA-256 with node:crypto, for the engine on Node (server.ts, the library's createEngine): the
 * same hex as WebCrypto's, computed on the calling thread (a 200 kB upload in ~0.3 ms) instead of
 * a thread-pool round trip per digest. The browser build keeps WebCrypto (engine/digest.ts).
 * The one-shot `crypto.hash` makes no Hash object: 3.0 µs for a 4.7 kB body against 6.9 µs with
 * `createHash().update().digest()` (Node 20, best of 5).
 */
export const nodeSha256: Sha256 = (bytes) => Promise.resolve(hash('sha256', bytes, 'hex'));

/**
 * nodeSha256, but a buffer whose digest is `known` is not hashed again: the video workers hash
 * each upload they read (video-pool.ts), so FPT's digest of an 88 kB video (~60 µs, a tenth of the
 * event loop's time under FPT load, issue 13) is made off the event loop.
 */
export function sha256Knowing(known: WeakMap<Uint8Array, string>): Sha256 {
  return (bytes) => {
    const hex = known.get(bytes);
    return hex === undefined ? nodeSha256(bytes) : Promise.resolve(hex);
  };
}
