/**
 * SHA-256 of bytes, as lowercase hex. The engine takes the function (EngineOptions.sha256) and
 * hands it to vendors as `ctx.sha256`: WebCrypto by default, so the engine runs in browsers (msw);
 * the Node edge injects node:crypto (simulator/node/sha256.ts), which hashes on the calling thread
 * where WebCrypto makes a round trip through the thread pool for every digest (issue 13's profile:
 * a fifth of the simulator's CPU samples under load).
 */
export type Sha256 = (bytes: Uint8Array) => Promise<string>;

/** WebCrypto's digest: in every browser and in Node. */
export const webSha256: Sha256 = async (bytes) => toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));

/** Memoized per buffer: the journal and the vendor hash the same upload once. */
export function memoizedSha256(hash: Sha256): Sha256 {
  const memo = new WeakMap<Uint8Array, Promise<string>>();
  return (bytes) => {
    let digest = memo.get(bytes);
    if (!digest) {
      digest = hash(bytes);
      memo.set(bytes, digest);
    }
    return digest;
  };
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The UTF-8 bytes of a text, for hashing strings (ids, signatures). */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * A number in [0, 1) drawn from a hex digest and a salt, so one input always gets one score
 * (DESIGN.md: "scores that would come from a model are derived from a hash of the input").
 */
export function unitFromDigest(hex: string, salt = 0): number {
  const start = (salt * 8) % (hex.length - 8);
  return Number.parseInt(hex.slice(start, start + 8), 16) / 0x1_0000_0000;
}
