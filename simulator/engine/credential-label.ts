import { sha256HexSync } from './sha256-sync.js';

/**
 * What the journal and the admin API show of a secret credential (DESIGN.md: "never a secret; an
 * API key appears as a short, non-reversible label"): `<prefix>:` and the first 12 hex digits of
 * the key's SHA-256, the same across restarts, so people can filter by it.
 */
export function hashedLabel(prefix: string, secret: string): string {
  return `${prefix}:${sha256HexSync(secret).slice(0, 12)}`;
}

/** True when the text is already a label of this prefix (labels map to themselves). */
export function isHashedLabel(prefix: string, text: string): boolean {
  return text.length === prefix.length + 13 && text.startsWith(`${prefix}:`) && /^[0-9a-f]{12}$/.test(text.slice(prefix.length + 1));
}
