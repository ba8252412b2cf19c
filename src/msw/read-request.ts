import type { BodyBudget } from '../../simulator/http/body-budget.js';
import type { BodyLimits } from '../../simulator/http/body-limits.js';
import { MULTIPART_LIMITS } from '../../simulator/http/multipart-limits.js';
import type { SimBody, SimField, SimFile, SimRequest, UnreadableReason } from '../../simulator/engine/types.js';

/**
 * A fetch `Request` (what msw hands a handler, in Node and in browsers) as a SimRequest, with the
 * server's body rules (simulator/http/read-body.ts): the same request cap, shared budget, part
 * counts, and `unreadable` reasons, so each vendor answers the same way it does over HTTP.
 * Multipart goes through the platform's own `formData()` parser; nothing here needs Node.
 */
export async function toSimRequest(request: Request, limits: BodyLimits, budget: BodyBudget): Promise<{ sim: SimRequest; release: () => void }> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  // fetch keeps Host and the scheme out of the headers; a server sees both (the scheme through a
  // TLS-terminating proxy), and the vendors' served URLs are built from them (engine/origin.ts).
  headers.host ??= url.host;
  headers['x-forwarded-proto'] ??= url.protocol.replace(/:$/, '');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  const lease = budget.lease();
  const body = await readBody(request, headers, limits, budget, (bytes) => lease.take(bytes));
  return { sim: { method: request.method.toUpperCase(), path: url.pathname, query, headers, body }, release: lease.release };
}

async function readBody(
  request: Request,
  headers: Record<string, string>,
  limits: BodyLimits,
  budget: BodyBudget,
  take: (bytes: number) => boolean,
): Promise<SimBody> {
  const contentType = headers['content-type'] ?? '';
  const unreadable = (reason: UnreadableReason): SimBody => ({ kind: 'unreadable', reason, contentType });
  if (request.body === null) return { kind: 'empty' };
  const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (declared === 0) return { kind: 'empty' };
  if (!isIdentity(headers['content-encoding'])) return unreadable('encoded');
  if (declared !== undefined && declared > limits.maxRequestBytes) return unreadable('too-large');
  if (declared !== undefined && !budget.fits(declared)) return unreadable('busy');

  // Counted as they arrive, against the request cap and the shared budget, like the server.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > limits.maxRequestBytes) return stop(reader, unreadable('too-large'));
      if (!take(value.byteLength)) return stop(reader, unreadable('busy'));
      chunks.push(value);
    }
  } catch {
    return unreadable('malformed');
  }
  if (received === 0) return { kind: 'empty' };
  const bytes = join(chunks, received);
  if (/^multipart\//i.test(contentType)) return readMultipart(bytes, contentType, unreadable);
  return { kind: 'bytes', bytes, contentType };
}

async function readMultipart(bytes: Uint8Array, contentType: string, unreadable: (reason: UnreadableReason) => SimBody): Promise<SimBody> {
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return unreadable('malformed');
  }
  const fields: SimField[] = [];
  const files: SimFile[] = [];
  let parts = 0;
  for (const [name, value] of form) {
    parts++;
    if (typeof value === 'string') {
      fields.push({ name: unescapeName(name), value });
      continue;
    }
    // A file part with no file name (an unselected <input type=file>) carries no file.
    if (value.name === '') continue;
    files.push({ field: unescapeName(name), filename: unescapeName(value.name), contentType: value.type, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  if (files.length > MULTIPART_LIMITS.files || fields.length > MULTIPART_LIMITS.fields || parts > MULTIPART_LIMITS.parts) return unreadable('too-large');
  return { kind: 'multipart', fields, files };
}

function stop(reader: ReadableStreamDefaultReader<Uint8Array>, body: SimBody): SimBody {
  void reader.cancel().catch(() => {});
  return body;
}

function join(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** No Content-Encoding, or only `identity` (RFC 9110 §8.4), as the server reads it. */
function isIdentity(encoding: string | undefined): boolean {
  return encoding === undefined || encoding.split(',').every((coding) => ['', 'identity'].includes(coding.trim().toLowerCase()));
}

/** As the server's multipart reader: only the WHATWG escapes %0A, %0D and %22 are reversed. */
function unescapeName(name: string): string {
  return name.replace(/%0A|%0D|%22/gi, (escape) => ({ '%0A': '\n', '%0D': '\r', '%22': '"' })[escape.toUpperCase()]!);
}
