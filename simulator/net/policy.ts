import { classifyAddress, parseIp } from './ip.js';

/**
 * What an outbound image fetch may reach. Pure: the Node fetcher (fetch-image.ts) applies it to
 * each URL before connecting, to every address DNS returns, and to the address actually connected.
 */
export interface FetchPolicy {
  /** Loopback and private ranges (10/8, 172.16/12, 192.168/16, fc00::/7...). Off by default. */
  allowPrivateAddresses: boolean;
  /** When non-empty, only these hosts: exact names/addresses, or `*.example.com` for subdomains. */
  allowedHosts: readonly string[];
}

/** Cloud metadata services reachable by name; refused before any DNS lookup. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
]);

const ALWAYS_REFUSED = new Set(['unspecified', 'link-local', 'metadata', 'multicast', 'reserved']);

/** Why the URL's host is refused before connecting, or null when it may be tried. */
export function refuseHost(hostname: string, policy: FetchPolicy): string | null {
  const host = normaliseHost(hostname);
  if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata host`;
  if (policy.allowedHosts.length > 0 && !policy.allowedHosts.some((pattern) => hostMatches(pattern, host))) {
    return `${host} is not in imageUrl.allowedHosts`;
  }
  // An IP literal is never looked up, so it is checked here (and again once connected).
  return parseIp(host) ? refuseAddress(host, policy) : null;
}

/** Why connecting to this address is refused, or null when allowed. */
export function refuseAddress(address: string, policy: FetchPolicy): string | null {
  const ip = parseIp(address);
  if (!ip) return `"${address}" is not an IP address`;
  const kind = classifyAddress(ip);
  if (ALWAYS_REFUSED.has(kind)) return `${address} is a ${kind} address`;
  if ((kind === 'loopback' || kind === 'private') && !policy.allowPrivateAddresses) {
    return `${address} is a ${kind} address (imageUrl.allowPrivateAddresses is off)`;
  }
  return null;
}

function normaliseHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

function hostMatches(pattern: string, host: string): boolean {
  const p = normaliseHost(pattern);
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p;
}
