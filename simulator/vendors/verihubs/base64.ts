/**
 * Standard base64 (RFC 4648 §4: A–Z a–z 0–9 + /, padded with =), checked strictly, decoded by
 * the runtime's native decoder where there is one (Node's Buffer) and by the loop below in
 * browsers (no import: this module runs in both). Strict because the seed refuses "not a standard b64":
 * URL-safe `-_`, missing padding and line breaks are refused, so a client that passes here passes
 * the vendor.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

export function isStandardBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** The decoded length of valid standard base64, computed without decoding (to refuse oversize early). */
export function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Node's Buffer, found at run time (it is a global there, absent in browsers). */
interface NativeBase64 {
  from(text: string, encoding: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
}
const native = (globalThis as { Buffer?: NativeBase64 }).Buffer;

/**
 * The bytes of standard base64, or undefined when `text` is not (isStandardBase64 decides).
 * Natively on Node: a 5 MB image's base64 in a few milliseconds, where the portable loop takes
 * ten times as long (issue 13's profile). Node's decoder is lenient (it skips what is not base64
 * and takes the URL-safe alphabet), so the text is checked too: first by encoding the bytes
 * back, which gives the same text exactly when it was canonical base64, the common case
 * (3.5 kB image: 1.7 us, against 5.8 us for the RegExp, then the decoding); anything else by
 * the RegExp, which also admits non-zero trailing bits as the vendor does.
 */
export function decodeStandardBase64(text: string): Uint8Array | undefined {
  if (!native || text === '') return isStandardBase64(text) ? decodePortably(text) : undefined;
  const bytes = native.from(text, 'base64');
  return bytes.toString('base64') === text || isStandardBase64(text) ? bytes : undefined;
}

/** The same decoding without Buffer, for browsers. */
export function decodePortably(text: string): Uint8Array {
  const out = new Uint8Array(decodedLength(text));
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const a = VALUES[text.charCodeAt(i)]!;
    const b = VALUES[text.charCodeAt(i + 1)]!;
    const c = VALUES[text.charCodeAt(i + 2)]!;
    const d = VALUES[text.charCodeAt(i + 3)]!;
    out[at++] = (a << 2) | (b >> 4);
    if (c >= 0) out[at++] = ((b & 15) << 4) | (c >> 2);
    if (d >= 0) out[at++] = ((c & 3) << 6) | d;
  }
  return out;
}
