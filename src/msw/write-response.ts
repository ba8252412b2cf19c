import { HttpResponse } from 'msw';
import type { SimResponse } from '../../simulator/engine/types.js';
import type { FaultLimits } from '../../simulator/http/fault-limits.js';

/** A drip hands over one piece of the body about this often (as the server's). */
const DRIP_INTERVAL_MS = 200;

/**
 * A SimResponse as what an msw resolver returns, its latency and network fault mapped to msw's
 * nearest equivalent (README "msw handlers"), within the server's caps (FaultLimits):
 * - reset, empty: `HttpResponse.error()`, a network error (fetch rejects with a TypeError);
 * - malformed: the status and headers, then a body stream that errors before a byte;
 * - truncate: the status and headers with the whole Content-Length, half the body, then an error;
 *   (msw 3 reads the stream before answering, so under it both make fetch itself reject);
 * - hang: no answer until the request is aborted or `maxHangMs` passes, then a network error;
 *   past `maxHungSockets` hangs at once, a network error at once (the server resets);
 * - drip: the whole response, its body a stream of pieces spread over the duration (capped by maxWaitMs).
 */
export function createResponseWriter(caps: FaultLimits) {
  let hung = 0;
  return async function toResponse(sim: SimResponse, signal: AbortSignal): Promise<Response> {
    if (sim.latencyMs) await wait(Math.min(sim.latencyMs, caps.maxWaitMs), signal);
    const fault = sim.fault;
    switch (fault?.type) {
      case 'reset':
      case 'empty':
        return HttpResponse.error();
      case 'hang': {
        if (hung >= caps.maxHungSockets) return HttpResponse.error();
        hung++;
        try {
          await wait(caps.maxHangMs, signal);
        } finally {
          hung--;
        }
        return HttpResponse.error();
      }
      case 'malformed':
        return new HttpResponse(failingStream(new Uint8Array(0)), { status: 200, headers: { 'Content-Type': 'application/json' } });
      case 'truncate': {
        const body = bytesOf(sim.body);
        const headers = { ...sim.headers, 'Content-Length': String(body.byteLength) };
        return new HttpResponse(failingStream(body.subarray(0, Math.floor(body.byteLength / 2))), { status: sim.status, headers });
      }
      case 'drip':
        return new HttpResponse(dripStream(bytesOf(sim.body), Math.min(fault.durationMs, caps.maxWaitMs), signal), {
          status: sim.status,
          headers: { ...sim.headers, 'Content-Length': String(bytesOf(sim.body).byteLength) },
        });
      case undefined:
        break;
    }
    return new HttpResponse(bytesOf(sim.body) as BodyInit, { status: sim.status, headers: sim.headers });
  };
}

/** `head` (possibly nothing), then an error: the reader sees a broken or cut-off body. */
function failingStream(head: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (head.byteLength > 0) controller.enqueue(head);
    },
    pull(controller) {
      controller.error(new TypeError('[liveness-sim] the connection closed mid-response (simulated fault)'));
    },
  });
}

function dripStream(body: Uint8Array, durationMs: number, signal: AbortSignal): ReadableStream<Uint8Array> {
  const pieces = Math.max(1, Math.min(body.byteLength, Math.ceil(durationMs / DRIP_INTERVAL_MS)));
  let i = 0;
  return new ReadableStream({
    async pull(controller) {
      await wait(durationMs / pieces, signal);
      controller.enqueue(body.subarray(Math.floor((i * body.byteLength) / pieces), Math.floor(((i + 1) * body.byteLength) / pieces)));
      if (++i >= pieces) controller.close();
    },
  });
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** Waits, or stops waiting when the request is aborted. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}
