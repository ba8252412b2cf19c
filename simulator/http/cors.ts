import type { RequestHandler } from 'express';

/**
 * CORS for browser clients, off unless switched on (README "Browsers and CORS"): whether the
 * vendors allow browser calls is not documented, and headers they may not send would let a
 * browser client pass here and fail there. When on, any origin may call any route (vendor and
 * admin), and a preflight is answered here, before a vendor sees an OPTIONS it does not serve.
 */
export const allowBrowsers: RequestHandler = (req, res, next) => {
  const origin = req.headers.origin;
  if (!origin) return next();
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  const preflight = req.method === 'OPTIONS' ? req.headers['access-control-request-method'] : undefined;
  if (!preflight) {
    // Lets a browser client read vendor headers such as Retry-After.
    res.setHeader('Access-Control-Expose-Headers', '*');
    return next();
  }
  res.setHeader('Access-Control-Allow-Methods', preflight);
  const headers = req.headers['access-control-request-headers'];
  if (headers) res.setHeader('Access-Control-Allow-Headers', headers);
  res.setHeader('Access-Control-Max-Age', '600');
  res.status(204).end();
};
