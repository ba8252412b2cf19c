import type { RouteDef } from '../../engine/vendor.js';

/** verihubs.md "Route and headers": `POST https://api.verihubs.com/v1/face/liveness`. */
export const routes: readonly RouteDef[] = [{ name: 'face-liveness', methods: ['POST'], path: '/v1/face/liveness' }];
