import type { RouteDef } from '../../engine/vendor.js';

/** fpt.md "Routes": the seed's v3 endpoint and the same contract on the eKYC docs site. */
export const routes: readonly RouteDef[] = [
  { name: 'liveness-v3', methods: ['POST'], path: '/dmp/liveness/v3' },
  { name: 'liveness-v3-ekyc', methods: ['POST'], path: '/vision/ekyc/liveness' },
];
