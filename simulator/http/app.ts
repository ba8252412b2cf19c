import express, { type ErrorRequestHandler, type Request } from 'express';
import { problemResponse } from '../engine/problem.js';
import type { SimBody, SimRequest, SimResponse } from '../engine/types.js';
import { allowBrowsers } from './cors.js';
import type { InFlight } from './in-flight.js';
import { createBodyReader, DEFAULT_BODY_LIMITS, type BodyLimits } from './read-body.js';
import { createResponder, type FaultLimits } from './send-response.js';

/** The transport's options; the body limits (README "Limits") sit above the vendors' documented ones. */
export interface AppOptions extends Partial<BodyLimits> {
  /** Answer CORS and preflights for browser clients (off by default: see http/cors.ts). */
  cors?: boolean;
  /** Told of responses held by a `hang` fault, so a drain cuts them at once. */
  inFlight?: Pick<InFlight, 'markHung'>;
  /** Caps on what a fault or a latency may hold (README "Limits"). */
  faultLimits?: Partial<FaultLimits>;
}

/** What the transport serves: the simulator (engine + admin API, simulator.ts), or a bare engine. */
export interface SimHandler {
  handle(req: SimRequest): Promise<SimResponse>;
}

/** The Express host: it only translates HTTP to SimRequest and SimResponse back. */
export function createApp(simulator: SimHandler, options: AppOptions = {}) {
  const readBody = createBodyReader({
    maxRequestBytes: options.maxRequestBytes ?? DEFAULT_BODY_LIMITS.maxRequestBytes,
    maxBodyBytesInFlight: options.maxBodyBytesInFlight ?? DEFAULT_BODY_LIMITS.maxBodyBytesInFlight,
  });
  const responder = createResponder(options.faultLimits);
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  if (options.cors) app.use(allowBrowsers);
  app.use(async (req, res) => {
    const { body, release } = await readBody(req, res);
    try {
      const sim = await simulator.handle(toSimRequest(req, body));
      if (sim.fault?.type === 'hang') options.inFlight?.markHung(res);
      await responder.send(res, sim);
    } finally {
      release();
    }
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    console.error('[liveness-sim] transport error:', error);
    const sim = problemResponse({ type: 'internal', title: 'Simulator error', status: 500, detail: `[liveness-sim] ${(error as Error).message}` });
    if (!res.headersSent) void responder.send(res, sim);
  };
  app.use(onError);
  return app;
}

export function toSimRequest(req: Request, body: SimBody): SimRequest {
  const url = new URL(req.originalUrl, 'http://sim.invalid');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] ??= value;
  return { method: req.method.toUpperCase(), path: url.pathname, query, headers, body };
}
