import type { Response } from 'express';
import type { SimResponse } from '../engine/types.js';

/** Writes a SimResponse, acting out its latency and network fault on the socket. */
export async function sendSimResponse(res: Response, sim: SimResponse): Promise<void> {
  if (sim.latencyMs) await delay(sim.latencyMs, res);
  if (res.req.socket.destroyed) return;
  switch (sim.fault) {
    case 'reset':
      // A TCP RST where the platform allows it, else a plain close.
      (res.req.socket as { resetAndDestroy?: () => void }).resetAndDestroy?.() ?? res.req.socket.destroy();
      return;
    case 'hang':
      // Never answer; the socket is released when the client gives up.
      return;
    case 'malformed':
      // A chunked response whose first chunk size is not hex: every HTTP client must fail on it.
      res.req.socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{"code"');
      return;
  }
  res.status(sim.status);
  for (const [name, value] of Object.entries(sim.headers)) res.setHeader(name, value);
  res.end(typeof sim.body === 'string' ? Buffer.from(sim.body, 'utf8') : sim.body);
}

function delay(ms: number, res: Response): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.req.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
