import express, { type ErrorRequestHandler, type Request } from 'express';
import { problemResponse } from '../engine/problem.js';
import type { SimBody, SimRequest, SimResponse } from '../engine/types.js';
import { createRequestObserver, type RequestObserver } from '../observability/observer.js';
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
  /** Told of each request's arrival and answer: the log line and the metrics (simulator/observability). */
  observer?: RequestObserver;
  /** Serves `GET /__sim/metrics` (Prometheus text), open like health: scrapers carry no admin token. */
  metrics?: { contentType: string; render(): Promise<string> };
  /** Where the transport's own failures are told (default: stderr). */
  logError?: (error: unknown) => void;
}

/** Prometheus' conventional path, under the simulator's own prefix. */
export const METRICS_PATH = '/__sim/metrics';

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
  const observer = options.observer ?? createRequestObserver();
  const logError = options.logError ?? ((error: unknown) => console.error('[liveness-sim] transport error:', error));
  if (options.cors) app.use(allowBrowsers);
  const metrics = options.metrics;
  if (metrics) {
    app.get(METRICS_PATH, async (_req, res) => {
      res.setHeader('Content-Type', metrics.contentType);
      res.end(await metrics.render());
    });
  }
  app.use(async (req, res) => {
    const startedAt = observer.begin();
    let simReq: SimRequest | undefined;
    let sim: SimResponse | undefined;
    try {
      const { body, release } = await readBody(req, res);
      try {
        simReq = toSimRequest(req, body);
        sim = await simulator.handle(simReq);
        if (sim.fault?.type === 'hang') options.inFlight?.markHung(res);
        await responder.send(res, sim);
      } finally {
        release();
      }
    } finally {
      observer.end(req.method, req.originalUrl, simReq, sim, startedAt);
    }
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    logError(error);
    const sim = problemResponse({ type: 'internal', title: 'Simulator error', status: 500, detail: `[liveness-sim] ${(error as Error).message}` });
    if (!res.headersSent) void responder.send(res, sim);
  };
  app.use(onError);
  return app;
}

/**
 * A request target that is a plain absolute path (no query, no dot segment, no escape or character
 * that URL parsing would rewrite) is its own pathname: such targets, every vendor call's, skip
 * `new URL` (3 % of the CPU under load in issue 13's profile). Anything else is parsed.
 */
const PLAIN_PATH = /^(?:(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+\/?|\/)$/;

export function toSimRequest(req: Request, body: SimBody): SimRequest {
  const target = req.originalUrl;
  let path = target;
  const query: Record<string, string> = {};
  if (!PLAIN_PATH.test(target)) {
    const url = new URL(target, 'http://sim.invalid');
    path = url.pathname;
    for (const [name, value] of url.searchParams) query[name] ??= value;
  }
  // Node gives header names in lower case, and joins repeated ones except Set-Cookie.
  const headers: Record<string, string> = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: req.method.toUpperCase(), path, query, headers, body };
}
