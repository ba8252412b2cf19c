import http from 'node:http';
import { gzipSync, deflateSync } from 'node:zlib';

/**
 * A request as the fuzzer builds it: everything a client controls on the wire, and serializable
 * (a failing one is saved to a file and replayed byte for byte).
 */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** How the body travels: a Content-Length, or chunked in this many pieces. */
  framing?: { kind: 'length' } | { kind: 'chunked'; pieces: number };
  /** A Content-Encoding header, with the body really encoded (`gzip`, `deflate`) or not (anything else). */
  encoding?: string;
}

export interface WireAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** Sends one request over a real socket; rejects on reset, refusal or no answer in `timeoutMs`. */
export function send(baseUrl: string, request: WireRequest, timeoutMs = 20_000): Promise<WireAnswer> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { ...request.headers };
  let body = request.body;
  if (body && request.encoding) {
    headers['content-encoding'] = request.encoding;
    if (request.encoding === 'gzip') body = gzipSync(body);
    else if (request.encoding === 'deflate') body = deflateSync(body);
  }
  const chunked = request.framing?.kind === 'chunked';
  if (body && !chunked) headers['content-length'] = String(body.byteLength);
  if (chunked) headers['transfer-encoding'] = 'chunked';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: request.method, path: request.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body && chunked) {
      const size = Math.max(1, Math.ceil(body.byteLength / (request.framing as { pieces: number }).pieces));
      for (let at = 0; at < body.byteLength; at += size) req.write(body.subarray(at, at + size));
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** A request as JSON (bodies as base64), for saving a failing input. */
export function serializeRequest(request: WireRequest): string {
  return JSON.stringify({ ...request, body: request.body ? Buffer.from(request.body).toString('base64') : undefined }, null, 2);
}

export function describeRequest(request: WireRequest): string {
  const size = request.body ? `${request.body.byteLength} bytes` : 'no body';
  const extras = [
    request.framing?.kind === 'chunked' ? `chunked in ${request.framing.pieces}` : '',
    request.encoding ? `Content-Encoding: ${request.encoding}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${request.method} ${request.path} (${size}${extras ? `, ${extras}` : ''}) content-type=${JSON.stringify(request.headers['content-type'] ?? null)}`;
}
