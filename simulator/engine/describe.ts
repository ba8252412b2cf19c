import type { Sha256 } from './digest.js';
import type { JournalEntry } from './journal.js';
import type { SimRequest } from './types.js';

/** Text fields are kept in the journal up to this length; they are never media. */
const FIELD_LIMIT = 200;
/** Masking reads at most this much of a field (it is linear, but a field can be megabytes). */
const SCAN_LIMIT = 1024;

/**
 * A text field as the journal keeps it: no secrets (DESIGN.md). A URL keeps its scheme, host and
 * path but not its query, fragment or user info (signed URLs carry signatures there); JWTs and
 * long opaque runs (tokens, keys, base64) are masked; then it is cut to FIELD_LIMIT.
 */
export function maskText(value: string): string {
  const masked = value
    .slice(0, SCAN_LIMIT)
    .replace(/\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^\s/?#@]*@/gi, '$1[masked]@')
    .replace(/\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s?#]*)[?#]\S*/gi, '$1?[masked]')
    .replace(/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, '[masked]')
    .replace(/[A-Za-z0-9+/_-]{32,}={0,2}/g, '[masked]');
  return cut(masked);
}

/** Names kept in the journal (file names, part names, declared types) are cut like text fields, so an entry stays small. */
function cut(text: string): string {
  return text.length > FIELD_LIMIT ? `${text.slice(0, FIELD_LIMIT)}…` : text;
}

/** The journal's view of a request body: sizes, declared types and digests, never the bytes. */
export async function describeRequest(req: SimRequest, sha256: Sha256): Promise<JournalEntry['request']> {
  const contentType = req.headers['content-type'] ?? null;
  const body = req.body;
  switch (body.kind) {
    case 'empty':
    case 'unreadable':
      return { contentType, size: 0, sha256: null, fields: [], files: [] };
    case 'bytes':
      return { contentType, size: body.bytes.byteLength, sha256: await sha256(body.bytes), fields: [], files: [] };
    case 'multipart': {
      const files = await Promise.all(
        body.files.map(async (f) => ({
          field: cut(f.field),
          filename: cut(f.filename),
          contentType: cut(f.contentType),
          size: f.bytes.byteLength,
          sha256: await sha256(f.bytes),
        })),
      );
      const fields = body.fields.map((f) => ({ name: cut(f.name), value: maskText(f.value) }));
      const size = files.reduce((n, f) => n + f.size, 0) + body.fields.reduce((n, f) => n + f.value.length, 0);
      return { contentType, size, sha256: null, fields, files };
    }
  }
}
