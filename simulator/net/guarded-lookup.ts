import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refuseAddress, type FetchPolicy } from './policy.js';

/** Resolves every address of a name (dns.lookup with `all`), injectable so tests can fake DNS. */
export type Resolver = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: Resolver = (hostname, options, callback) => dnsLookup(hostname, { ...options, all: true }, callback);

/** The error code a refused address fails the socket with, so the fetcher can tell it apart. */
export const REFUSED_CODE = 'ESIM_REFUSED_ADDRESS';

/**
 * A `lookup` for node:http/https that resolves, checks EVERY address against the policy, and only
 * then hands them to the socket: the address checked is the address connected to, so a name that
 * resolves to a metadata or private address (DNS rebinding) is refused. Any refused address
 * refuses the whole name, rather than letting connection order decide.
 */
export function guardedLookup(policy: FetchPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => refuseAddress(a.address, policy)).find((r) => r !== null);
      if (refusal || addresses.length === 0) {
        const refused = Object.assign(new Error(`[liveness-sim] refused ${hostname}: ${refusal ?? 'no address'}`), { code: REFUSED_CODE });
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as (e: null, all: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
