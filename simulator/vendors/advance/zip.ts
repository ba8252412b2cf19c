/**
 * A stored (uncompressed) ZIP archive, written with Uint8Array and DataView only, so it runs in a
 * browser too (no node:zlib). Enough for the audit image zip (seed 002 "auditImageUrl"): JPEGs
 * gain nothing from deflate. Format: PKWARE APPNOTE 6.3, sections 4.3.7 (local file header),
 * 4.3.12 (central directory header), 4.3.16 (end of central directory record).
 */
export interface ZipEntry {
  /** ASCII file name, `/` for folders. */
  name: string;
  bytes: Uint8Array;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, the ZIP and PNG one): crc32("123456789") = 0xcbf43926. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (two-second steps, years 1980–2107), read as UTC. */
function dosDateTime(ms: number): { date: number; time: number } {
  const d = new Date(Math.min(Math.max(ms, Date.UTC(1980, 0, 1)), Date.UTC(2107, 11, 31, 23, 59, 58)));
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

const VERSION = 10; // 1.0: stored entries only
const STORED = 0;

/** The archive of `entries`, each stamped `modifiedAtMs`. */
export function storedZip(entries: readonly ZipEntry[], modifiedAtMs: number): Uint8Array {
  const { date, time } = dosDateTime(modifiedAtMs);
  const names = entries.map((entry) => new TextEncoder().encode(entry.name));
  const localSize = entries.reduce((sum, entry, i) => sum + 30 + names[i]!.length + entry.bytes.length, 0);
  const centralSize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value >>> 0, true);
    at += 4;
  };
  const put = (bytes: Uint8Array) => {
    out.set(bytes, at);
    at += bytes.length;
  };

  const offsets: number[] = [];
  const crcs = entries.map((entry) => crc32(entry.bytes));
  entries.forEach((entry, i) => {
    offsets.push(at);
    u32(0x04034b50);
    u16(VERSION);
    u16(0); // flags
    u16(STORED);
    u16(time);
    u16(date);
    u32(crcs[i]!);
    u32(entry.bytes.length); // compressed size: stored
    u32(entry.bytes.length);
    u16(names[i]!.length);
    u16(0); // extra field length
    put(names[i]!);
    put(entry.bytes);
  });
  const centralAt = at;
  entries.forEach((entry, i) => {
    u32(0x02014b50);
    u16(VERSION); // version made by (MS-DOS attributes)
    u16(VERSION);
    u16(0);
    u16(STORED);
    u16(time);
    u16(date);
    u32(crcs[i]!);
    u32(entry.bytes.length);
    u32(entry.bytes.length);
    u16(names[i]!.length);
    u16(0); // extra field length
    u16(0); // comment length
    u16(0); // disk number start
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]!);
    put(names[i]!);
  });
  u32(0x06054b50);
  u16(0); // this disk
  u16(0); // disk with the central directory
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralAt);
  u16(0); // comment length
  return out;
}
