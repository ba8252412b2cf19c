import type { RouteDef } from '../../engine/vendor.js';

/**
 * ADVANCE.AI routes (advance.md §1–§5; seed 002 "Request Url"), as data. A wrong method on one of
 * the vendor's paths gets its own CLIENT_ERROR "HTTP 405 - Method Not Allowed" (index.ts).
 */
export type Handler = 'token' | 'signature-id' | 'license' | 'detection-result' | 'get-video' | 'clear-data' | 'media' | 'not-found';

export interface AdvanceRoute extends RouteDef {
  handler: Handler;
  /** advance.md §4: the Singapore (`/intl`) detection requires `region`. */
  regionRequired?: boolean;
}

/** advance.md §3/§4: the country prefixes of the regional hosts. */
export const REGIONS = ['th', 'my', 'ph', 'mex', 'col', 'nga'] as const;

/** advance.md "Conventions": the path prefixes the vendor's API answers under. */
const UNKNOWN_PATH_PREFIXES = ['/openapi', '/intl/openapi', ...REGIONS.map((region) => `/${region}/openapi`), '/liveness/ext'];

const route = (name: string, path: string, handler: Handler, methods: readonly string[], extra: Partial<AdvanceRoute> = {}): AdvanceRoute => ({
  name,
  path,
  handler,
  methods,
  ...extra,
});

export const routes: readonly AdvanceRoute[] = [
  route('generate-token', '/openapi/auth/ticket/v1/generate-token', 'token', ['POST']),
  // advance.md §2: the URL table says POST, the example and real clients GET: both.
  route('generate-signature-id', '/liveness/ext/v1/generate-signature-id', 'signature-id', ['GET', 'POST']),
  route('auth-license', '/openapi/liveness/v1/auth-license', 'license', ['POST']),
  route('auth-license-intl', '/intl/openapi/face-identity/v1/auth-license', 'license', ['POST']),
  ...REGIONS.map((region) => route(`auth-license-${region}`, `/${region}/openapi/face-identity/v1/auth-license`, 'license', ['POST'])),
  route('detection-result', '/openapi/liveness/v3/detection-result', 'detection-result', ['POST']),
  route('liveness-detection-intl', '/intl/openapi/face-identity/v1/liveness-detection', 'detection-result', ['POST'], { regionRequired: true }),
  ...REGIONS.map((region) => route(`liveness-detection-${region}`, `/${region}/openapi/face-identity/v1/liveness-detection`, 'detection-result', ['POST'])),
  route('get-video', '/liveness/ext/v1/get-video', 'get-video', ['GET']),
  route('clear-data', '/liveness/ext/v1/clear-data', 'clear-data', ['GET']),
  // The simulated CDN behind detection results and get-video (media.ts). Not the vendor's API:
  // scenarios never apply to downloads, and a wrong method gets a CDN's 405, not an envelope.
  route('media-image', '/standard-images/:name', 'media', ['GET', 'HEAD'], { scenarios: false }),
  route('media-video', '/standard-videos/:name', 'media', ['GET', 'HEAD'], { scenarios: false }),
  // advance.md "Conventions": any other path under the vendor's prefixes, with any method, answers
  // the envelope CLIENT_ERROR "HTTP 404 - Not Found", as the vendor's gateway does; scenarios do
  // not apply (there is no API there to simulate). Tried only after every route above.
  ...UNKNOWN_PATH_PREFIXES.map((prefix) => route(`unknown-path:${prefix}`, `${prefix}/*`, 'not-found', [], { scenarios: false, fallback: true })),
];

export const routeByName: ReadonlyMap<string, AdvanceRoute> = new Map(routes.map((r) => [r.name, r]));

/** Admin routes, served under /__sim/advance (the SDK capture emulation, advance.md last section). */
export const adminRoutes: readonly RouteDef[] = [{ name: 'captures', methods: ['GET', 'POST'], path: '/captures' }];
