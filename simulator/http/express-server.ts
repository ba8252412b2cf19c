import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

export interface ExpressServer {
  server: Server;
  /** Hands the server's requests to `app` (once, before it listens). */
  serve: (app: Express) => void;
}

/**
 * An HTTP server whose requests and responses are Express's from birth. Express gives each request
 * and response its own prototypes as they arrive (`Object.setPrototypeOf(req, app.request)`, and
 * the same for `res`). On Node 20 that change of shape sent later property accesses on them, in
 * Node's HTTP code as in Express's and ours, down V8's slow path: the simulator spent 0.25 ms of
 * CPU per Verihubs request with it, 0.165 without (issue 13; bare Express is as slow on Node 22,
 * and three times faster on Node 24, whose V8 does not slow down). Node builds requests and
 * responses with the constructors a server is given, so here they are built with Express's
 * prototypes to begin with, and Express's own `setPrototypeOf` changes nothing.
 */
export function createExpressServer(): ExpressServer {
  // Node's two constructors are plain functions (Node 20 to 24: `IncomingMessage(socket)`,
  // `ServerResponse(req, options)`), called here on an object born with `prototype`.
  // (Reflect.construct with a `new.target` does the same, but V8 11 then lost the gain: 0.29 ms of
  // CPU per Verihubs request against 0.17. Passing the arguments on with a rest parameter and a
  // spread cost Node 24 0.166 ms against 0.131 with them named; Node 20 and 22 are the same.)
  const initRequest = IncomingMessage as unknown as (this: IncomingMessage, socket: unknown) => void;
  const initResponse = ServerResponse as unknown as (this: ServerResponse, req: unknown, options: unknown) => void;
  function ExpressRequest(this: IncomingMessage, socket: unknown) {
    initRequest.call(this, socket);
  }
  function ExpressResponse(this: ServerResponse, req: unknown, options: unknown) {
    initResponse.call(this, req, options);
  }
  // Node's own prototypes until `serve` hands over the app's: a plain Node server meanwhile.
  ExpressRequest.prototype = IncomingMessage.prototype;
  ExpressResponse.prototype = ServerResponse.prototype;
  const server = createServer({
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  });
  return {
    server,
    serve: (app) => {
      ExpressRequest.prototype = app.request;
      ExpressResponse.prototype = app.response;
      server.on('request', app);
    },
  };
}
