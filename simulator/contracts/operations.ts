import type { SchemaName } from './schemas.js';

/**
 * Each vendor operation and the schemas of its request and response bodies. A response schema
 * covers every body the operation answers: success and the vendor's errors (each response schema
 * tells them apart by the body's own code and defers to the vendor's error schema).
 */
export const OPERATIONS = {
  // Both routes, /dmp/liveness/v3 and /vision/ekyc/liveness, share one contract.
  'fpt.liveness': { request: 'fpt/liveness.request', response: 'fpt/liveness.response' },
  'verihubs.liveness': { request: 'verihubs/liveness.request', response: 'verihubs/liveness.response' },
  'advance.token': { request: 'advance/token.request', response: 'advance/token.response' },
  'advance.signature-id': { request: 'advance/signature-id.request', response: 'advance/signature-id.response' },
  'advance.license': { request: 'advance/license.request', response: 'advance/license.response' },
  // Every path family: /openapi/liveness/v3/detection-result, /intl/... and the regional ones.
  'advance.detection-result': { request: 'advance/detection-result.request', response: 'advance/detection-result.response' },
  'advance.get-video': { request: 'advance/get-video.request', response: 'advance/get-video.response' },
  'advance.clear-data': { request: 'advance/clear-data.request', response: 'advance/clear-data.response' },
} as const satisfies Record<string, { request: SchemaName; response: SchemaName }>;

export type OperationName = keyof typeof OPERATIONS;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

/**
 * The schema a simulator route's answer keeps (vendor id and the route's name, as in
 * simulator/vendors/<id>/routes.ts), or undefined for routes that answer no JSON contract (the
 * ADVANCE.AI media downloads). ADVANCE.AI's unknown paths answer only the error envelope.
 */
export function responseSchemaOfRoute(vendor: string, route: string): SchemaName | undefined {
  if (vendor === 'fpt') return 'fpt/liveness.response';
  if (vendor === 'verihubs') return 'verihubs/liveness.response';
  if (vendor !== 'advance') return undefined;
  if (route === 'generate-token') return 'advance/token.response';
  if (route === 'generate-signature-id') return 'advance/signature-id.response';
  if (route.startsWith('auth-license')) return 'advance/license.response';
  if (route === 'detection-result' || route.startsWith('liveness-detection')) return 'advance/detection-result.response';
  if (route === 'get-video') return 'advance/get-video.response';
  if (route === 'clear-data') return 'advance/clear-data.response';
  if (route.startsWith('unknown-path')) return 'advance/error.response';
  return undefined;
}
