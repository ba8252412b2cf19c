import { sha256Hex } from './digest.js';
import type { JournalEntry } from './journal.js';
import type { SimRequest } from './types.js';

/** Text fields are kept in the journal up to this length; they are never media. */
const FIELD_LIMIT = 200;

/** The journal's view of a request body: sizes, declared types and digests, never the bytes. */
export async function describeRequest(req: SimRequest): Promise<JournalEntry['request']> {
  const contentType = req.headers['content-type'] ?? null;
  const body = req.body;
  switch (body.kind) {
    case 'empty':
    case 'unreadable':
      return { contentType, size: 0, sha256: null, fields: [], files: [] };
    case 'bytes':
      return { contentType, size: body.bytes.byteLength, sha256: await sha256Hex(body.bytes), fields: [], files: [] };
    case 'multipart': {
      const files = await Promise.all(
        body.files.map(async (f) => ({ field: f.field, filename: f.filename, contentType: f.contentType, size: f.bytes.byteLength, sha256: await sha256Hex(f.bytes) })),
      );
      const fields = body.fields.map((f) => ({ name: f.name, value: f.value.length > FIELD_LIMIT ? `${f.value.slice(0, FIELD_LIMIT)}…` : f.value }));
      const size = files.reduce((n, f) => n + f.size, 0) + body.fields.reduce((n, f) => n + f.value.length, 0);
      return { contentType, size, sha256: null, fields, files };
    }
  }
}
