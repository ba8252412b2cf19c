import type { AnyVendor } from '../engine/vendor.js';
import type { VideoInspector } from '../media/index.js';
import type { FetchImage } from '../net/types.js';
import { advance } from './advance/index.js';
import { createFpt } from './fpt/index.js';
import { createVerihubs } from './verihubs/vendor.js';

/** What the edge may inject (Node-only services); without it, everything runs in-process. */
export interface VendorDeps {
  /** FPT's video reader: the server passes its worker pool (simulator/workers/video-pool.ts). */
  inspectVideo?: VideoInspector;
  /** Verihubs' image URL fetcher; without one, a URL image answers INVALID_PAYLOAD_IMAGE_FORMAT. */
  fetchImage?: FetchImage;
}

/**
 * Every vendor, with only what the caller injects. Browser-safe, dynamic imports included (a
 * bundler follows those too): the msw entry for browsers builds its vendors here. Node callers
 * use `allVendors()` (index.ts), which adds the Node image fetcher.
 */
export function createVendors(deps: VendorDeps = {}): AnyVendor[] {
  return [createFpt(deps), createVerihubs(deps), advance];
}
