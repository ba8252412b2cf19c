import { connect } from 'node:net';

/** What a raw TCP client saw of one HTTP exchange: every byte, when each piece came, how it ended. */
export interface RawExchange {
  bytes: Buffer;
  /** ms since the request was written, and the size, of each piece that arrived. */
  pieces: { at: number; size: number }[];
  /** ms since the request was written when the connection closed (or the wait gave up). */
  closedAt: number;
  /** The socket error (ECONNRESET for a reset), if any. */
  error: string | undefined;
  /** False when `giveUpMs` passed with the connection still open (the client then closed it). */
  closed: boolean;
  status: number | undefined;
  contentLength: number | undefined;
  /** The bytes after the head. */
  body: Buffer;
}

/**
 * One request over a fresh connection (`Connection: close`), read until the server closes it or
 * `giveUpMs` passes. Below any HTTP library, so faults show as the socket saw them.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Uint8Array; giveUpMs?: number },
): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  const body = Buffer.from(options.body ?? '');
  const head = [`${options.method ?? 'POST'} ${options.path} HTTP/1.1`, `Host: ${hostname}:${port}`, 'Connection: close', `Content-Length: ${body.byteLength}`];
  for (const [name, value] of Object.entries(options.headers ?? {})) head.push(`${name}: ${value}`);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const pieces: { at: number; size: number }[] = [];
    let error: string | undefined;
    let started = 0;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const bytes = Buffer.concat(chunks);
      const split = bytes.indexOf('\r\n\r\n');
      const headText = split >= 0 ? bytes.subarray(0, split).toString('latin1') : '';
      const status = /^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1];
      const length = /\r\ncontent-length: *(\d+)/i.exec(headText)?.[1];
      resolve({
        bytes,
        pieces,
        closedAt: performance.now() - started,
        error,
        closed,
        status: status === undefined ? undefined : Number(status),
        contentLength: length === undefined ? undefined : Number(length),
        body: split >= 0 ? bytes.subarray(split + 4) : Buffer.alloc(0),
      });
      socket.destroy();
    };
    const timer = setTimeout(() => finish(false), options.giveUpMs ?? 10_000);
    socket.on('connect', () => {
      started = performance.now();
      socket.write(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      pieces.push({ at: performance.now() - started, size: chunk.length });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
  });
}
