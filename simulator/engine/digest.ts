/**
 * SHA-256 of bytes, with WebCrypto so it runs in Node and in browsers (msw). Memoized per
 * buffer: the journal and the vendor hash the same upload once.
 */
const memo = new WeakMap<Uint8Array, Promise<string>>();

export function sha256Hex(bytes: Uint8Array): Promise<string> {
  let digest = memo.get(bytes);
  if (!digest) {
    digest = globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>).then((buffer) => toHex(new Uint8Array(buffer)));
    memo.set(bytes, digest);
  }
  return digest;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A number in [0, 1) drawn from a hex digest and a salt, so one input always gets one score
 * (DESIGN.md: "scores that would come from a model are derived from a hash of the input").
 */
export function unitFromDigest(hex: string, salt = 0): number {
  const start = (salt * 8) % (hex.length - 8);
  return Number.parseInt(hex.slice(start, start + 8), 16) / 0x1_0000_0000;
}
