import { reply, type AdvanceHandler } from './call.js';

/**
 * Any path under the vendor's prefixes that is not one of its APIs (routes.ts catch-alls):
 * advance.md "Conventions", the envelope CLIENT_ERROR "HTTP 404 - Not Found" (HTTP 200, or 404
 * under `httpStatus: real`), whatever the method and with or without a token.
 */
export const unknownPath: AdvanceHandler = (call) => Promise.resolve(reply(call, 'client-error-404'));
