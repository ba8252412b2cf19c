import type { Server, ServerResponse } from 'node:http';

/** What a drain did, for the one line the CLI logs on stop. */
export interface DrainReport {
  /** Requests that were in flight (or arrived on an open connection) and got their answer. */
  finished: number;
  /** Requests held by a `hang` fault: cut at once, they would never finish. */
  hungCut: number;
  /** Requests still unanswered when the drain's time ran out, then cut. */
  timedOut: number;
}

/**
 * The requests a server is answering, so that a stop can let them finish (a SIGTERM in a
 * deployment, Ctrl-C locally) instead of dropping uploads and slow answers mid-flight. Node-only:
 * it lives at the transport edge.
 */
export interface InFlight {
  /** Called by the transport when a response will never be written (the `hang` fault). */
  markHung(res: ServerResponse): void;
  /**
   * Stops accepting connections, cuts hung requests at once, lets the others finish within
   * `timeoutMs`, then closes every connection.
   */
  drain(timeoutMs: number): Promise<DrainReport>;
}

export function trackInFlight(server: Server): InFlight {
  const open = new Set<ServerResponse>();
  const hung = new WeakSet<ServerResponse>();
  let draining: DrainReport | undefined;

  const cutHung = (res: ServerResponse) => {
    draining!.hungCut++;
    res.socket?.destroy();
  };

  server.on('request', (_req, res: ServerResponse) => {
    open.add(res);
    // While draining, a request that came on a kept-alive connection is answered, then the connection closed.
    if (draining) res.shouldKeepAlive = false;
    res.once('close', () => {
      open.delete(res);
      if (!draining) return;
      if (res.writableFinished) draining.finished++;
      // What is left open is idle (or has not sent a request yet): nothing more to wait for.
      if (open.size === 0) server.closeAllConnections();
      else server.closeIdleConnections();
    });
  });

  return {
    markHung(res) {
      hung.add(res);
      if (draining) cutHung(res);
    },
    drain(timeoutMs) {
      const report: DrainReport = { finished: 0, hungCut: 0, timedOut: 0 };
      if (draining) return Promise.resolve(draining);
      draining = report;
      return new Promise<DrainReport>((resolve) => {
        const timer = setTimeout(() => {
          report.timedOut = open.size;
          server.closeAllConnections();
        }, timeoutMs);
        // Stops accepting; calls back once the last connection is gone.
        server.close(() => {
          clearTimeout(timer);
          resolve(report);
        });
        for (const res of open) {
          res.shouldKeepAlive = false;
          if (hung.has(res)) cutHung(res);
        }
        if (open.size === 0) server.closeAllConnections();
        else server.closeIdleConnections();
      });
    },
  };
}
