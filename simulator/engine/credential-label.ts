import { LruMap } from './lru.js';
import { sha256HexSync } from './sha256-sync.js';

/**
 * Labels already computed, by prefix and secret: a request's credential is labelled twice or more
 * (scenario sequences, the journal), always one of a few keys, and the hash is plain JavaScript
 * (3.6 us a call). Bounded, so a stream of random keys cannot grow it.
 */
const labels = new LruMap<string, string>(256);

/**
 * What the journal and the admin API show of a secret credential (DESIGN.md: "never a secret; an
 * API key appears as a short, non-reversible label"): `<prefix>:` and the first 12 hex digits of
 * the key's SHA-256, the same across restarts, so people can filter by it.
 */
export function hashedLabel(prefix: string, secret: string): string {
  const key = `${prefix}\u0000${secret}`;
  let label = labels.get(key);
  if (label === undefined) labels.set(key, (label = `${prefix}:${sha256HexSync(secret).slice(0, 12)}`));
  return label;
}

/** True when the text is already a label of this prefix (labels map to themselves). */
export function isHashedLabel(prefix: string, text: string): boolean {
  return text.length === prefix.length + 13 && text.startsWith(`${prefix}:`) && /^[0-9a-f]{12}$/.test(text.slice(prefix.length + 1));
}
