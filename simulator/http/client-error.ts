import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What Node's HTTP parser refuses before any route sees the request (a header block over 16 kB,
 * broken framing, a request line that is not HTTP): by default Node answers an empty 400 or 431.
 * Here it is the simulator's own problem+json, like every other answer that is not a vendor's.
 */
const STATUS_BY_CODE: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function answerClientError(error: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }): void {
  // A response already under way cannot be replaced; a socket already gone needs no answer.
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const status = STATUS_BY_CODE[error.code ?? ''] ?? 400;
  const body = JSON.stringify({
    type: 'urn:liveness-sim:problem:bad-http',
    title: STATUS_CODES[status],
    status,
    detail: `[liveness-sim] the HTTP request could not be read (${error.code ?? 'parse error'}): check the request line, the headers (16 kB at most in all) and the body's framing.`,
  });
  // A HEAD request gets the headers only (its client would read the body as the next response).
  const head = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${head ? '' : body}`,
  );
}
