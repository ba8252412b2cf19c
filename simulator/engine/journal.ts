import type { VendorId } from './types.js';

/** What the journal keeps of a request: metadata and digests, never media bytes. */
export interface JournalEntry {
  id: number;
  at: string;
  vendor: VendorId | null;
  route: string | null;
  method: string;
  path: string;
  credential: string | null;
  scenario: string | null;
  /** Answered by the vendor's throttle (requests per window per credential), not by a scenario. */
  throttled: boolean;
  status: number;
  code: string | null;
  durationMs: number;
  request: {
    contentType: string | null;
    size: number;
    sha256: string | null;
    fields: { name: string; value: string }[];
    files: { field: string; filename: string; contentType: string; size: number; sha256: string }[];
  };
}

/** Whether a vendor's credential label belongs to a scope (engine.credentialMatch). */
export type CredentialMatch = (vendor: VendorId, label: string) => boolean;

export interface JournalQuery {
  vendor?: string;
  path?: string;
  /** A credential as the journal shows it (a label for a secret key), or a test of the vendor and label. */
  credential?: string | CredentialMatch;
  scenario?: string;
  limit?: number;
}

export interface Journal {
  add(entry: Omit<JournalEntry, 'id'>): JournalEntry;
  /** Newest first. */
  query(q?: JournalQuery): JournalEntry[];
  count(q?: JournalQuery): number;
  clear(): void;
  /** Removes the entries the query matches (one team's view); how many. */
  remove(q: JournalQuery): number;
  capacity: number;
}

/** A bounded ring: the oldest entries fall off once `capacity` is reached. */
export function createJournal(capacity = 1000): Journal {
  let entries: JournalEntry[] = [];
  let nextId = 1;
  const matches = (e: JournalEntry, q: JournalQuery) =>
    (q.vendor === undefined || e.vendor === q.vendor) &&
    (q.path === undefined || e.path === q.path) &&
    (q.credential === undefined ||
      (typeof q.credential === 'string'
        ? e.credential === q.credential
        : e.vendor !== null && e.credential !== null && q.credential(e.vendor, e.credential))) &&
    (q.scenario === undefined || e.scenario === q.scenario);
  return {
    capacity,
    add(entry) {
      const full = { id: nextId++, ...entry };
      entries.push(full);
      if (entries.length > capacity) entries.shift();
      return full;
    },
    query(q = {}) {
      const found = entries.filter((e) => matches(e, q)).reverse();
      return q.limit === undefined ? found : found.slice(0, q.limit);
    },
    count: (q = {}) => entries.filter((e) => matches(e, q)).length,
    clear() {
      entries = [];
    },
    remove(q) {
      const before = entries.length;
      entries = entries.filter((e) => !matches(e, q));
      return before - entries.length;
    },
  };
}
