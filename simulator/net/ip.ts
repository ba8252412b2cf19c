/**
 * IP address parsing and classification for the outbound-fetch guard. Pure (no node:* imports):
 * the same rules are table-tested and could run anywhere.
 */
export interface ParsedIp {
  version: 4 | 6;
  bytes: Uint8Array;
}

/** What an address is, as far as "may the simulator connect to it" is concerned. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  /** Never allowed, whatever the settings: */
  | 'unspecified'
  | 'link-local'
  | 'metadata'
  | 'multicast'
  | 'reserved';

/** Dotted-quad IPv4 or RFC 4291 IPv6 text (brackets and a %zone tolerated); null when neither. */
export function parseIp(text: string): ParsedIp | null {
  const bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return parseIpv4(bare) ?? parseIpv6(bare);
}

function parseIpv4(text: string): ParsedIp | null {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!parts) return null;
  const bytes = parts.slice(1).map(Number);
  if (bytes.some((b) => b > 255)) return null;
  return { version: 4, bytes: Uint8Array.from(bytes) };
}

function parseIpv6(text: string): ParsedIp | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return null;
  let head = text;
  const tail: number[] = [];
  // A trailing dotted quad (::ffff:1.2.3.4) is the last 32 bits.
  const quad = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (quad) {
    const v4 = parseIpv4(quad[2]!);
    if (!v4) return null;
    head = quad[1]!.endsWith('::') ? quad[1]! : quad[1]!.slice(0, -1);
    tail.push(...v4.bytes);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const wanted = 8 - tail.length / 2;
  const missing = wanted - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const value = Number.parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  return { version: 6, bytes: Uint8Array.from([...bytes, ...tail]) };
}

/** [first, prefix length, class]; checked in order, so the more specific ranges come first. */
type Range = readonly [string, number, AddressClass];

const V4_RANGES: readonly Range[] = [
  ['169.254.169.254', 32, 'metadata'], // AWS, GCP, Azure, OpenStack instance metadata
  ['100.100.100.200', 32, 'metadata'], // Alibaba Cloud instance metadata
  ['0.0.0.0', 8, 'unspecified'], // "this host": connecting to 0.0.0.0 reaches loopback on Linux
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'private'], // carrier-grade NAT, internal in practice
  ['198.18.0.0', 15, 'private'], // benchmarking
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

const V6_RANGES: readonly Range[] = [
  ['fd00:ec2::254', 128, 'metadata'], // AWS instance metadata over IPv6
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'], // deprecated site-local
  ['fc00::', 7, 'private'], // unique local
  ['ff00::', 8, 'multicast'],
];

/**
 * IPv6 prefixes that carry an IPv4 address the packet really goes to, and which bytes hold it: each
 * is classified as that IPv4 address, so `[::169.254.169.254]` is as refused as 169.254.169.254.
 */
const EMBEDDED_V4: readonly (readonly [string, number, readonly number[]])[] = [
  ['::ffff:0:0', 96, [12, 13, 14, 15]], // IPv4-mapped (RFC 4291)
  ['64:ff9b::', 96, [12, 13, 14, 15]], // NAT64 well-known prefix (RFC 6052)
  ['64:ff9b:1::', 48, [6, 7, 9, 10]], // NAT64 local-use prefix (RFC 8215), /48 layout of RFC 6052
  ['2002::', 16, [2, 3, 4, 5]], // 6to4 (RFC 3056)
  ['::', 96, [12, 13, 14, 15]], // IPv4-compatible, deprecated (RFC 4291 2.5.5.1); :: and ::1 are matched first
];

/** Tunnels whose IPv4 end is hidden (Teredo XORs it): never a plain image host, so refused. */
const TUNNELS: readonly (readonly [string, number])[] = [['2001::', 32]];

export function classifyAddress(ip: ParsedIp): AddressClass {
  if (ip.version === 6 && !isUnspecifiedOrLoopback(ip.bytes)) {
    for (const [first, prefix, at] of EMBEDDED_V4) {
      if (inPrefix(ip.bytes, parseIp(first)!.bytes, prefix)) return classifyAddress({ version: 4, bytes: Uint8Array.from(at.map((i) => ip.bytes[i]!)) });
    }
    if (TUNNELS.some(([first, prefix]) => inPrefix(ip.bytes, parseIp(first)!.bytes, prefix))) return 'reserved';
  }
  for (const [first, prefix, kind] of ip.version === 4 ? V4_RANGES : V6_RANGES) {
    if (inPrefix(ip.bytes, parseIp(first)!.bytes, prefix)) return kind;
  }
  return 'public';
}

/** `::` and `::1` sit inside the IPv4-compatible range but are themselves. */
function isUnspecifiedOrLoopback(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 15).every((b) => b === 0) && bytes[15]! <= 1;
}

function inPrefix(bytes: Uint8Array, base: Uint8Array, prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((bytes[bit >> 3]! ^ base[bit >> 3]!) & mask) !== 0) return false;
  }
  return true;
}
