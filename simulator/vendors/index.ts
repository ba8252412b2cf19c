import type { AnyVendor } from '../engine/vendor.js';
import { createVendors, type VendorDeps } from './registry.js';
import { nodeFetchImage } from './verihubs/index.js';

export { createVendors, type VendorDeps } from './registry.js';

/**
 * Every vendor the simulator serves, as Node runs them: Verihubs fetches image URLs with the Node
 * fetcher unless `deps` injects another. A fourth vendor is a folder here and a line in registry.ts.
 */
export function allVendors(deps: VendorDeps = {}): AnyVendor[] {
  return createVendors({ fetchImage: nodeFetchImage, ...deps });
}
