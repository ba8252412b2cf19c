import type { OperationName } from './operations.js';

/** advance.md §3/§4: the regional prefixes, and `intl` for the global (Singapore) host. */
const REGIONAL = '(?:intl|th|my|ph|mex|col|nga)';

/**
 * Which vendor operation a recorded exchange is, by method and path (the host does not matter:
 * the vendors' real hosts, their regional hosts and the simulator all serve the same paths).
 */
const BY_PATH: readonly { methods: readonly string[]; path: RegExp; operation: OperationName }[] = [
  { methods: ['POST'], path: /^\/(?:dmp\/liveness\/v3|vision\/ekyc\/liveness)$/, operation: 'fpt.liveness' },
  { methods: ['POST'], path: /^\/v1\/face\/liveness$/, operation: 'verihubs.liveness' },
  { methods: ['POST'], path: /^\/openapi\/auth\/ticket\/v1\/generate-token$/, operation: 'advance.token' },
  { methods: ['GET', 'POST'], path: /^\/liveness\/ext\/v1\/generate-signature-id$/, operation: 'advance.signature-id' },
  { methods: ['POST'], path: new RegExp(`^/(?:openapi/liveness/v1|${REGIONAL}/openapi/face-identity/v1)/auth-license$`), operation: 'advance.license' },
  {
    methods: ['POST'],
    path: new RegExp(`^/(?:openapi/liveness/v3/detection-result|${REGIONAL}/openapi/face-identity/v1/liveness-detection)$`),
    operation: 'advance.detection-result',
  },
  { methods: ['GET'], path: /^\/liveness\/ext\/v1\/get-video$/, operation: 'advance.get-video' },
  { methods: ['GET'], path: /^\/liveness\/ext\/v1\/clear-data$/, operation: 'advance.clear-data' },
];

export function operationOf(method: string, path: string): OperationName | undefined {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return BY_PATH.find((o) => o.methods.includes(method.toUpperCase()) && o.path.test(trimmed))?.operation;
}

/** GET operations carry their parameters in the query string; the others in the body. */
export function readsQuery(method: string): boolean {
  return method.toUpperCase() === 'GET';
}
