import type { AnyVendor } from '../engine/vendor.js';
import type { VendorId } from '../engine/types.js';
import { SHIPPED_SCENARIOS } from './shipped.generated.js';
import type { Scenario } from './types.js';

/**
 * The shipped catalogue (scenarios/), parsed and checked when the package is built
 * (scripts/bundle-scenarios.mjs writes shipped.generated.ts; a test holds it equal to what the one
 * parser makes of the files): a start reads, parses and validates none of the ~100 files, which
 * was a third of a start's time. Same scenarios, same order as the folder loader reads them;
 * `sourceOf` names each one's file as its loader would (`scenarios/fpt/pass.yaml` in msw, a path
 * relative to the working directory on Node). A scenario of a vendor that is switched off is
 * skipped. Each call returns fresh objects, as parsing did.
 */
export function shippedScenarios(vendors: ReadonlyMap<VendorId, AnyVendor>, sourceOf = (file: string) => `scenarios/${file}`): Scenario[] {
  return SHIPPED_SCENARIOS.filter((s) => vendors.has(s.vendor)).map(({ file, ...scenario }) => ({ ...structuredClone(scenario), source: sourceOf(file) }));
}
