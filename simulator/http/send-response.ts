import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Response } from 'express';
import type { SimFault, SimResponse } from '../engine/types.js';
import { DEFAULT_FAULT_LIMITS, type FaultLimits } from './fault-limits.js';

export { DEFAULT_FAULT_LIMITS, type FaultLimits } from './fault-limits.js';

/** A drip writes one piece of the body about this often. */
const DRIP_INTERVAL_MS = 200;

export interface Responder {
  send(res: Response, sim: SimResponse): Promise<void>;
  /** Connections held by a hang right now. */
  hungSockets(): number;
}

/**
 * Writes a SimResponse, acting out its latency and network fault on the socket, within caps: a
 * fault is a test aid, and nothing a client asks for may hold the server's resources for ever.
 */
export function createResponder(limits: Partial<FaultLimits> = {}): Responder {
  const caps: FaultLimits = {
    maxHangMs: limits.maxHangMs ?? DEFAULT_FAULT_LIMITS.maxHangMs,
    maxHungSockets: limits.maxHungSockets ?? DEFAULT_FAULT_LIMITS.maxHungSockets,
    maxWaitMs: limits.maxWaitMs ?? DEFAULT_FAULT_LIMITS.maxWaitMs,
  };
  let hung = 0;

  function hang(socket: Socket): void {
    if (hung >= caps.maxHungSockets) return reset(socket);
    hung++;
    const timer = setTimeout(() => socket.destroy(), caps.maxHangMs);
    socket.once('close', () => {
      clearTimeout(timer);
      hung--;
    });
  }

  async function send(res: Response, sim: SimResponse): Promise<void> {
    const socket = res.req.socket;
    if (sim.latencyMs) await delay(Math.min(sim.latencyMs, caps.maxWaitMs), socket);
    if (socket.destroyed) return;
    const fault: SimFault | undefined = sim.fault;
    switch (fault?.type) {
      case 'reset':
        return reset(socket);
      case 'hang':
        return hang(socket);
      case 'empty':
        // A clean close (FIN) before a byte of response: "empty reply from server".
        socket.end();
        return;
      case 'malformed':
        // A chunked response whose first chunk size is not hex: every HTTP client must fail on it.
        socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{"code"');
        return;
      case 'truncate': {
        // Written by hand: the head promises the whole body, half of it follows, then the close.
        const body = bytesOf(sim.body);
        socket.end(Buffer.concat([head(sim, body.length), body.subarray(0, Math.floor(body.length / 2))]));
        return;
      }
      case 'drip':
        return drip(res, sim, Math.min(fault.durationMs, caps.maxWaitMs));
      case undefined:
        break;
    }
    // Node's own field: Express's status() checks the code again on every answer (1.3 % of the CPU
    // under ADVANCE.AI load), and every status here is an integer the vendors and scenarios chose.
    res.statusCode = sim.status;
    for (const name in sim.headers) res.setHeader(name, sim.headers[name]!);
    // A text body is handed over as text: Node then sends the head and the body in one write,
    // where a Buffer makes a second chunk and a writev (the same bytes either way: UTF-8).
    res.end(typeof sim.body === 'string' ? sim.body : bytesOf(sim.body));
  }

  return { send, hungSockets: () => hung };
}

/** The whole response, its body in pieces spread evenly over `durationMs`. */
async function drip(res: Response, sim: SimResponse, durationMs: number): Promise<void> {
  const body = bytesOf(sim.body);
  res.status(sim.status);
  for (const [name, value] of Object.entries(sim.headers)) res.setHeader(name, value);
  res.setHeader('Content-Length', body.length);
  res.flushHeaders();
  const pieces = Math.max(1, Math.min(body.length, Math.ceil(durationMs / DRIP_INTERVAL_MS)));
  for (let i = 0; i < pieces; i++) {
    await delay(durationMs / pieces, res.req.socket);
    if (res.req.socket.destroyed) return;
    res.write(body.subarray(Math.floor((i * body.length) / pieces), Math.floor(((i + 1) * body.length) / pieces)));
  }
  res.end();
}

/** A TCP RST where the platform allows it, else a plain close. */
function reset(socket: Socket): void {
  const resettable = socket as { resetAndDestroy?: () => void };
  if (resettable.resetAndDestroy) resettable.resetAndDestroy();
  else socket.destroy();
}

function head(sim: SimResponse, contentLength: number): Buffer {
  const lines = [`HTTP/1.1 ${sim.status} ${STATUS_CODES[sim.status] ?? ''}`];
  for (const [name, value] of Object.entries(sim.headers)) if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${contentLength}`, 'Connection: close', '', '');
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

function bytesOf(body: string | Uint8Array): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** Waits, or stops waiting when the client goes away. */
function delay(ms: number, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    socket.once('close', done);
  });
}
