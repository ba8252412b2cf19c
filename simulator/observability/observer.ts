import type { Logger } from 'pino';
import type { SimRequest, SimResponse } from '../engine/types.js';
import { isAdminPath } from '../simulator.js';
import type { RequestMetrics } from './metrics.js';

/**
 * What the HTTP transport tells observability of each request: when it arrived, and what was
 * answered. One log line and one count per request, read from the record the engine journaled
 * (SimResponse.journaled), so the log, the metrics and `GET /__sim/requests` cannot disagree, and
 * nothing the journal masks (keys, tokens, media bytes) can reach the log.
 *
 * This sits on every request's path (issue 13 measures it): no closure, no string built, no
 * object made for a log level that is off.
 */
export interface RequestObserver {
  /** A request arrived: returns its start time, to hand back to `end`. */
  begin(): number;
  /**
   * Its answer was written (or its fault acted out; a `hang` ends when it starts). `url` is the
   * request target, read only when `req` is undefined (the body could not be read into one); `sim`
   * is undefined when the simulator threw.
   */
  end(method: string, url: string, req: SimRequest | undefined, sim: SimResponse | undefined, startedAt: number): void;
  /** Requests arrived and not yet answered. */
  inFlight(): number;
}

export interface ObserverOptions {
  /** Requests at `info` (vendor routes and anything not the admin API), admin calls at `debug`. */
  logger?: Logger;
  metrics?: RequestMetrics;
}

/** Paths in a log line are cut to this (only an unjournaled path can be long: the journal's are routes). */
const PATH_LIMIT = 200;
/** A client's `X-Request-Id` is logged when it looks like one; anything else is left out. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

export function createRequestObserver(options: ObserverOptions = {}): RequestObserver {
  const { logger, metrics } = options;
  // The level is fixed for the process's life (the CLI's --log-level): decide once.
  const logRequests = logger?.isLevelEnabled('info') ?? false;
  const logAdmin = logger?.isLevelEnabled('debug') ?? false;
  let inFlight = 0;

  return {
    begin() {
      inFlight++;
      return performance.now();
    },
    inFlight: () => inFlight,
    end(method, url, req, sim, startedAt) {
      inFlight--;
      const elapsedMs = performance.now() - startedAt;
      const entry = sim?.journaled;
      const status = sim?.status ?? 500;
      const path = req?.path ?? url.replace(/[?#].*$/s, '');
      const admin = entry === undefined && isAdminPath(path);
      if (metrics !== undefined) {
        if (entry !== undefined)
          metrics.count(entry.vendor ?? 'none', entry.route ?? 'none', entry.scenario ?? 'none', entry.code ?? 'none', entry.status, elapsedMs / 1000);
        else metrics.count('none', admin ? 'admin' : 'none', 'none', 'none', status, elapsedMs / 1000);
      }
      if (!(admin ? logAdmin : logRequests)) return;
      const durationMs = Math.round(elapsedMs * 100) / 100;
      const requestId = req?.headers['x-request-id'];
      const line = {
        method,
        path: path.length > PATH_LIMIT ? `${path.slice(0, PATH_LIMIT)}…` : path,
        vendor: entry?.vendor ?? null,
        operation: entry?.route ?? null,
        credential: entry?.credential ?? null,
        scenario: entry?.scenario ?? null,
        code: entry?.code ?? null,
        status: entry?.status ?? status,
        durationMs,
        latencyMs: sim?.latencyMs,
        fault: sim?.fault?.type,
        throttled: entry?.throttled || undefined,
        requestId: requestId !== undefined && REQUEST_ID.test(requestId) ? requestId : undefined,
        journalId: entry?.id,
      };
      if (admin) logger!.debug(line, 'admin');
      else logger!.info(line, 'request');
    },
  };
}
