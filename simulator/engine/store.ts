import { createEvictor } from './evict-oldest.js';
import { DEFAULT_LIMITS } from './limits.js';
import { LruMap } from './lru.js';
import type { VendorId } from './types.js';

/**
 * State that vendors keep between requests (tokens, captures, quota counters), partitioned by
 * vendor and credential so parallel suites with different keys never see each other.
 * In memory; values must stay JSON-serializable so a persistent backend can replace this later.
 *
 * Bounded (README "Limits"): past `credentialCapacity` partitions the least recently used
 * credential's state is forgotten (the vendor-wide shared partition never is), and a value set
 * with `expiresAt` is gone once the simulator clock reaches it, so a sidecar running for weeks
 * stays flat.
 */
export interface Partition {
  /** The value, or undefined when absent or expired. */
  get<T>(key: string): T | undefined;
  /** `expiresAt`: ms on the simulator clock (ctx.now()) from which the value is gone. */
  set(key: string, value: unknown, options?: { expiresAt?: number }): void;
  delete(key: string): boolean;
  /** Keys of values not expired. */
  keys(prefix?: string): string[];
}

export interface StateStore {
  partition(vendor: VendorId, credential: string | undefined): Partition;
  /** Partitions kept, the shared ones included. */
  partitionCount(): number;
  clear(): void;
  /** Forgets the vendor's partitions of the credentials `test` holds for (a reset of one team); how many. */
  forget(vendor: VendorId, test: (credential: string) => boolean): number;
}

export interface MemoryStoreOptions {
  /** Credential partitions kept (per store, all vendors together); the least recently used go first. */
  credentialCapacity?: number;
  /** Values kept per partition; past it the value set longest ago goes first. */
  partitionCapacity?: number;
  /** The simulator clock, for `expiresAt`. */
  now?: () => number;
}

/** Requests that present no credential share one partition. */
const ANONYMOUS = '\u0000anonymous';
/** The vendor-wide partition: no credential string can name it. */
export const SHARED = '\u0000shared';

interface Slot {
  value: unknown;
  expiresAt: number | undefined;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const capacity = options.partitionCapacity ?? DEFAULT_LIMITS.partitionCapacity;
  const credentials = new LruMap<string, Partition>(options.credentialCapacity ?? DEFAULT_LIMITS.credentialCapacity);
  const shared = new Map<string, Partition>();
  return {
    partition(vendor, credential) {
      const id = `${vendor}\u0000${credential ?? ANONYMOUS}`;
      const kept = credential === SHARED ? shared : credentials;
      let partition = kept.get(id);
      if (!partition) {
        partition = createPartition(now, capacity);
        kept.set(id, partition);
      }
      return partition;
    },
    partitionCount: () => credentials.size + shared.size,
    forget(vendor, test) {
      const prefix = `${vendor}\u0000`;
      return credentials.deleteWhere((id) => {
        if (!id.startsWith(prefix)) return false;
        const credential = id.slice(prefix.length);
        return credential !== ANONYMOUS && test(credential);
      });
    },
    clear() {
      credentials.clear();
      shared.clear();
    },
  };
}

function createPartition(now: () => number, capacity: number): Partition {
  const data = new Map<string, Slot>();
  const evict = createEvictor(data);
  let setsSinceSweep = 0;
  const live = (key: string, slot: Slot | undefined): slot is Slot => {
    if (slot === undefined) return false;
    if (slot.expiresAt === undefined || slot.expiresAt > now()) return true;
    data.delete(key);
    return false;
  };
  /** Expired values are dropped when read, and all at once every so often, so growth stays amortized. */
  const sweep = () => {
    for (const [key, slot] of data) live(key, slot);
    setsSinceSweep = 0;
  };
  return {
    get: <T>(key: string) => {
      const slot = data.get(key);
      return live(key, slot) ? (slot.value as T) : undefined;
    },
    set(key, value, { expiresAt } = {}) {
      data.delete(key);
      data.set(key, { value, expiresAt });
      if (++setsSinceSweep > Math.max(64, data.size)) sweep();
      // A Map keeps insertion order and a set re-inserts: the first key is the one set longest ago.
      evict(capacity);
    },
    delete: (key) => data.delete(key),
    keys: (prefix = '') => [...data].filter(([key, slot]) => key.startsWith(prefix) && live(key, slot)).map(([key]) => key),
  };
}
