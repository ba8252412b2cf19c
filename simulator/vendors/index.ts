import type { AnyVendor } from '../engine/vendor.js';
import type { VideoInspector } from '../media/index.js';
import { advance } from './advance/index.js';
import { createFpt } from './fpt/index.js';
import { verihubs } from './verihubs/index.js';

/** What the edge may inject (Node-only services); without it, everything runs in-process. */
export interface VendorDeps {
  /** FPT's video reader: the server passes its worker pool (simulator/workers/video-pool.ts). */
  inspectVideo?: VideoInspector;
}

/** Every vendor the simulator serves. A fourth vendor is a folder here and a line below. */
export function allVendors(deps: VendorDeps = {}): AnyVendor[] {
  return [createFpt(deps), verihubs, advance];
}
