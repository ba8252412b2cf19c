import type { VendorId } from './types.js';

/**
 * State that vendors keep between requests (tokens, captures, quota counters), partitioned by
 * vendor and credential so parallel suites with different keys never see each other.
 * In memory; values must stay JSON-serializable so a persistent backend can replace this later.
 */
export interface Partition {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): boolean;
  keys(prefix?: string): string[];
}

export interface StateStore {
  partition(vendor: VendorId, credential: string | undefined): Partition;
  clear(): void;
}

/** Requests that present no credential share one partition. */
const ANONYMOUS = '\u0000anonymous';
/** The vendor-wide partition: no credential string can name it. */
export const SHARED = '\u0000shared';

export function createMemoryStore(): StateStore {
  const partitions = new Map<string, Map<string, unknown>>();
  return {
    partition(vendor, credential) {
      const id = `${vendor}\u0000${credential ?? ANONYMOUS}`;
      let map = partitions.get(id);
      if (!map) {
        map = new Map();
        partitions.set(id, map);
      }
      const data = map;
      return {
        get: <T>(key: string) => data.get(key) as T | undefined,
        set: (key, value) => void data.set(key, value),
        delete: (key) => data.delete(key),
        keys: (prefix = '') => [...data.keys()].filter((k) => k.startsWith(prefix)),
      };
    },
    clear: () => partitions.clear(),
  };
}
