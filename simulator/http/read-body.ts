import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { SimBody } from '../engine/types.js';
import { createBodyBudget, type BodyBudget, type BodyLease } from './body-budget.js';
import { collectBytes } from './collect-bytes.js';
import { pumpBody, type Meter } from './pump-body.js';
import { MULTIPART_LIMITS, readMultipart } from './read-multipart.js';
import type { BodyLimits } from './body-limits.js';

export { DEFAULT_BODY_LIMITS, type BodyLimits } from './body-limits.js';

export interface ReadBody {
  body: SimBody;
  /** Gives the body's bytes back to the shared budget: call it once the request is done, however it ended. */
  readonly release: () => void;
}

export interface BodyReader {
  (req: IncomingMessage, res: ServerResponse): Promise<ReadBody>;
  budget: BodyBudget;
}

/**
 * Reads a request body into a SimBody in one pass, counting bytes as they arrive against the
 * request cap and the shared budget. A body the transport will not read becomes `unreadable`,
 * so each vendor answers it with its own error:
 * - `encoded`: a Content-Encoding other than identity. None of the three vendors documents
 *   compressed requests, and inflating would put an unbounded body behind a small one; refused unread.
 * - `too-large`: over `maxRequestBytes` (declared or counted); reading stops there.
 * - `busy`: the shared budget cannot hold it; reading stops there.
 * - `malformed`: multipart the parser rejects, or a client gone mid-body.
 * A body left partly unread closes the connection after the answer, rather than reading the rest.
 */
export function createBodyReader(limits: BodyLimits): BodyReader {
  const budget = createBodyBudget(limits.maxBodyBytesInFlight);
  const readBody = async (req: IncomingMessage, res: ServerResponse): Promise<ReadBody> => {
    const lease = budget.lease();
    const body = await read(req, res, budget, lease, limits);
    if (body.kind === 'unreadable' && !req.complete) closeAfterAnswer(req, res);
    return { body, release: lease.release };
  };
  return Object.assign(readBody, { budget });
}

async function read(req: IncomingMessage, res: ServerResponse, budget: BodyBudget, lease: BodyLease, limits: BodyLimits): Promise<SimBody> {
  const contentType = req.headers['content-type'] ?? '';
  const unreadable = (reason: Extract<SimBody, { kind: 'unreadable' }>['reason']): SimBody => ({ kind: 'unreadable', reason, contentType });
  const declared = req.headers['transfer-encoding'] === undefined ? Number(req.headers['content-length'] ?? 0) : undefined;
  if (declared === 0) return { kind: 'empty' };
  if (!isIdentity(req.headers['content-encoding'])) return unreadable('encoded');
  // A declared length that cannot fit is refused before a byte of it is read.
  if (declared !== undefined && declared > limits.maxRequestBytes) return unreadable('too-large');
  if (declared !== undefined && !budget.fits(declared)) return unreadable('busy');
  let received = 0;
  // Bytes are taken from the budget as they arrive, so a client that stalls holds only what it sent.
  const meter: Meter = (bytes) => {
    received += bytes;
    if (received > limits.maxRequestBytes) return 'too-large';
    if (!lease.take(bytes)) return 'busy';
    return undefined;
  };
  inviteBody(req, res);

  if (/^multipart\//i.test(contentType)) {
    const form = await readMultipart(req, meter, MULTIPART_LIMITS, limits.maxRequestBytes, declared);
    if (!form.ok) return unreadable(form.reason === 'aborted' ? 'malformed' : form.reason);
    return { kind: 'multipart', fields: form.fields, files: form.files };
  }
  const collected = collectBytes(declared);
  const end = await pumpBody(req, meter, (chunk) => collected.add(chunk)).ended;
  if (end.kind === 'stopped') return unreadable(end.reason);
  if (end.kind === 'aborted') return unreadable('malformed');
  if (received === 0) return { kind: 'empty' };
  return { kind: 'bytes', bytes: collected.bytes(), contentType };
}

/** No Content-Encoding, or only `identity` (RFC 9110 §8.4: the codings applied, in order). */
function isIdentity(encoding: string | undefined): boolean {
  return encoding === undefined || encoding.split(',').every((coding) => ['', 'identity'].includes(coding.trim().toLowerCase()));
}

/** Requests whose `Expect: 100-continue` is answered here, once their body is wanted. */
const awaitingContinue = new WeakSet<IncomingMessage>();

/**
 * Answers `Expect: 100-continue` only for a body that will be read: a client that waits (curl
 * does past 1 MB) never sends a body that is refused unread. Without this Node invites every body.
 */
export function continueWhenRead(server: Server): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    awaitingContinue.add(req);
    server.emit('request', req, res);
  });
}

function inviteBody(req: IncomingMessage, res: ServerResponse): void {
  if (!awaitingContinue.delete(req)) return;
  res.writeContinue();
}

/** How long a refused body is still drained after the answer, so the client reads the answer. */
const LINGER_MS = 1000;

/**
 * The rest of the body stays unread: the answer says `Connection: close`, and the socket closes
 * after it rather than reading a body of any size to its end. Node closes such a socket with
 * `destroySoon()` the moment the answer is written; closing with unread bytes makes the kernel send
 * a reset, which can wipe the answer off a client still sending. So the close lingers, as nginx's
 * does: the write side is ended, what still comes in is discarded, and the socket is destroyed at
 * the body's end or after LINGER_MS, whichever is first.
 */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    const destroy = () => socket.destroy();
    const timer = setTimeout(destroy, LINGER_MS).unref();
    socket.once('close', () => clearTimeout(timer));
    req.once('end', destroy);
    req.removeAllListeners('data');
    req.on('data', () => {});
    req.resume();
  };
}
