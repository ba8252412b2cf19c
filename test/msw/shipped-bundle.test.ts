import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, no types
import { bundleText } from '../../scripts/bundle-scenarios.mjs';
import { loadScenarioDirs, shippedScenariosDir } from '../../simulator/scenarios/load-dirs.js';
import { shippedScenarios } from '../../simulator/scenarios/shipped.js';
import { allVendors } from '../../simulator/vendors/index.js';

/** The msw entry carries the shipped catalogue as a bundle: it must be the folder, whole and current. */
describe('the bundled shipped scenarios', () => {
  it('match scenarios/ byte for byte (run `node scripts/bundle-scenarios.mjs` after changing a scenario)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../simulator/scenarios/shipped.generated.ts', import.meta.url)), 'utf8');
    expect(committed).toBe((bundleText as () => string)());
  });

  it('parse to the same scenarios, in the same order, as the folder loader reads', () => {
    const vendors = new Map(allVendors().map((v) => [v.id, v]));
    const fromFolder = loadScenarioDirs([shippedScenariosDir()], vendors);
    const bundled = shippedScenarios(vendors);
    expect(bundled.errors).toEqual([]);
    expect(bundled.scenarios.map((s) => [s.id, s.source])).toEqual(fromFolder.scenarios.map((s) => [s.id, s.source]));
  });
});
