import { request, type ClientRequest } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Body bytes the client managed to hand to its socket before the answer (or the close) came. */
  sentBytes: number;
  /** Whether the server answered `Expect: 100-continue` with an invitation to send the body. */
  continued: boolean;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /**
   * A buffer (sent with its Content-Length), or chunks produced on demand (sent chunked, without
   * a length, as streaming clients do); chunks stop being produced once the answer has come.
   */
  body?: Uint8Array | Iterable<Uint8Array>;
  /** Send `Expect: 100-continue` and wait for the invitation before writing the body. */
  expectContinue?: boolean;
}

/**
 * One request over node:http with full control of the framing, for bodies fetch cannot send
 * (chunked multipart of any size, compressed bodies, a GET with a body). Write errors after the
 * answer came are expected (the server may close a connection whose body it refused) and ignored.
 */
export function sendRaw(url: string, options: RawRequest = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body instanceof Uint8Array) headers['content-length'] = String(options.body.byteLength);
    else if (options.body) headers['transfer-encoding'] = 'chunked';
    if (options.expectContinue) headers.expect = '100-continue';
    let sentBytes = 0;
    let continued = false;
    let answered = false;
    const req: ClientRequest = request(url, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), sentBytes, continued });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      const body = options.body;
      if (!body) return void req.end();
      if (body instanceof Uint8Array) {
        sentBytes = body.byteLength;
        return void req.end(body);
      }
      const chunks = body[Symbol.iterator]();
      const pump = () => {
        while (!answered && !req.destroyed) {
          const next = chunks.next();
          if (next.done) return void req.end();
          sentBytes += next.value.byteLength;
          if (!req.write(next.value)) return void req.once('drain', pump);
        }
      };
      pump();
    };
    if (options.expectContinue) {
      req.on('continue', () => {
        continued = true;
        write();
      });
      req.flushHeaders();
    } else {
      write();
    }
  });
}

/** multipart/form-data framing, written by hand so parts can be streamed without holding them. */
export const BOUNDARY = 'liveness-sim-test-boundary';

export function partHeader(name: string, filename?: string, type = 'application/octet-stream'): Buffer {
  const disposition = filename === undefined ? `form-data; name="${name}"` : `form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}`;
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`);
}

export const CRLF = Buffer.from('\r\n');
export const CLOSING = Buffer.from(`--${BOUNDARY}--\r\n`);
export const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/** A whole multipart body of text fields and files, as one buffer. */
export function multipartBody(parts: { name: string; value: string | Uint8Array; filename?: string; type?: string }[]): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts) {
    pieces.push(partHeader(part.name, part.filename, part.type), Buffer.from(part.value), CRLF);
  }
  pieces.push(CLOSING);
  return Buffer.concat(pieces);
}

/** A multipart body streamed in 1 MiB chunks: `files` file parts of `bytesEach`, never held whole. */
export function* streamedFiles(files: number, bytesEach: number): Generator<Uint8Array> {
  const block = Buffer.alloc(1024 * 1024, 0x41);
  for (let i = 0; i < files; i++) {
    yield partHeader(i === 0 ? 'video' : `file${i}`, `part${i}.mp4`, 'video/mp4');
    for (let left = bytesEach; left > 0; left -= block.byteLength) yield left >= block.byteLength ? block : block.subarray(0, left);
    yield CRLF;
  }
  yield CLOSING;
}
