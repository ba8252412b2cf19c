import type { AnyVendor } from '../engine/vendor.js';
import type { VendorId } from '../engine/types.js';
import { parseScenarioText } from './parse.js';
import { SHIPPED_SCENARIO_FILES } from './shipped.generated.js';
import type { Scenario } from './types.js';

/**
 * The shipped catalogue without the file system (the msw entry, browsers): the same files the
 * folder loader reads (scenarios/, bundled by scripts/bundle-scenarios.mjs), through the same
 * parser, in the same order. A scenario of a vendor that is switched off is skipped.
 */
export function shippedScenarios(vendors: ReadonlyMap<VendorId, AnyVendor>): { scenarios: Scenario[]; errors: string[] } {
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  for (const file of SHIPPED_SCENARIO_FILES) {
    const parsed = parseScenarioText(file.text, file.source, vendors);
    if (parsed.ok) scenarios.push(parsed.scenario);
    else errors.push(...parsed.errors.filter((e) => !e.includes('is not enabled')));
  }
  return { scenarios, errors };
}
