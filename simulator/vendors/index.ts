import type { AnyVendor } from '../engine/vendor.js';
import { advance } from './advance/index.js';
import { fpt } from './fpt/index.js';
import { verihubs } from './verihubs/index.js';

/** Every vendor the simulator serves. A fourth vendor is a folder here and a line below. */
export function allVendors(): AnyVendor[] {
  return [fpt, verihubs, advance];
}
