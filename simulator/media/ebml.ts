// EBML (Matroska/WebM) element headers: an ID and a size, each a variable-length integer.

/** Reads an EBML variable-length integer: its length in bytes and value (null = "unknown size"). */
export function readVint(b: Uint8Array, at: number): { length: number; value: number | null } | null {
  const first = b[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1..8: position of the first set bit
  if (at + length > b.length) return null;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[at + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value: allOnes ? null : value };
}

/** An element header at `at`: its ID (with the length marker, as the spec writes IDs), size and data start. */
export function readElementHeader(b: Uint8Array, at: number): { id: number; size: number | null; dataStart: number } | null {
  const id = readVint(b, at);
  if (!id || id.length > 4) return null;
  const size = readVint(b, at + id.length);
  if (!size) return null;
  let idValue = 0;
  for (let i = 0; i < id.length; i++) idValue = idValue * 256 + (b[at + i] as number);
  return { id: idValue, size: size.value, dataStart: at + id.length + size.length };
}
