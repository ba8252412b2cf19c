import type { RouteDef } from '../../engine/vendor.js';

/**
 * ADVANCE.AI routes (advance.md §1–§5; seed 002 "Request Url"), as data. A wrong method on one of
 * the vendor's paths gets its own CLIENT_ERROR "HTTP 405 - Method Not Allowed" (index.ts).
 */
export type Handler = 'token' | 'signature-id' | 'license' | 'detection-result' | 'get-video' | 'clear-data' | 'media';

export interface AdvanceRoute extends RouteDef {
  handler: Handler;
  /** advance.md §4: the Singapore (`/intl`) detection requires `region`. */
  regionRequired?: boolean;
}

/** advance.md §3/§4: the country prefixes of the regional hosts. */
export const REGIONS = ['th', 'my', 'ph', 'mex', 'col', 'nga'] as const;

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
];

export const routeByName: ReadonlyMap<string, AdvanceRoute> = new Map(routes.map((r) => [r.name, r]));

/** Admin routes, served under /__sim/advance (the SDK capture emulation, advance.md last section). */
export const adminRoutes: readonly RouteDef[] = [{ name: 'captures', methods: ['GET', 'POST'], path: '/captures' }];
