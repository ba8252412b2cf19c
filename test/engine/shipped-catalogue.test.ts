import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, no types
import { bundleText } from '../../scripts/bundle-scenarios.mjs';
import { loadScenarioDirs, loadScenarioFolders, shippedScenariosDir } from '../../simulator/scenarios/load-dirs.js';
import { shippedScenarios } from '../../simulator/scenarios/shipped.js';
import { allVendors } from '../../simulator/vendors/index.js';

const vendors = new Map(allVendors().map((v) => [v.id, v]));
const REGENERATE = 'run `npm run build && node scripts/bundle-scenarios.mjs` after changing a scenario';

/**
 * The shipped catalogue is carried parsed (simulator/scenarios/shipped.generated.ts), so no start
 * reads its files: it must be exactly what the one parser makes of scenarios/, whole and current.
 */
describe('the shipped catalogue, parsed at build time', () => {
  it(`is what parsing and checking scenarios/ gives, byte for byte (${REGENERATE})`, () => {
    const committed = readFileSync(fileURLToPath(new URL('../../simulator/scenarios/shipped.generated.ts', import.meta.url)), 'utf8');
    const fromFolder = loadScenarioDirs([shippedScenariosDir()], vendors);
    expect([...fromFolder.folderErrors, ...fromFolder.errors]).toEqual([]);
    expect(committed).toBe((bundleText as (scenarios: unknown, dir: string) => string)(fromFolder.scenarios, shippedScenariosDir()));
  });

  it('gives the server the scenarios, values, order and sources that reading the folder gives', () => {
    const fromFolder = loadScenarioDirs([shippedScenariosDir()], vendors);
    expect(loadScenarioFolders({ shipped: true, folders: [] }, vendors)).toStrictEqual(fromFolder);
  });

  it('with a folder of your own: yours replace shipped ids and come first, as when both folders are read', () => {
    const own = mkdtempSync(join(tmpdir(), 'own-scenarios-'));
    writeFileSync(join(own, 'spoof.yaml'), 'version: 1\nid: fpt/by-filename\noutcome: live\nwhen:\n  filename: "*x*"\n');
    writeFileSync(join(own, 'mine.yaml'), 'version: 1\nid: fpt/mine\noutcome: not-live\n');
    const both = loadScenarioFolders({ shipped: true, folders: [own] }, vendors);
    expect(both).toStrictEqual(loadScenarioDirs([shippedScenariosDir(), own], vendors));
    expect(both.replaced.map((r) => r.scenario.id)).toEqual(['fpt/by-filename']);
    rmSync(own, { recursive: true });
  });

  it('leaves out the scenarios of a vendor that is switched off', () => {
    const fptOnly = new Map([...vendors].filter(([id]) => id === 'fpt'));
    const scenarios = loadScenarioFolders({ shipped: true, folders: [] }, fptOnly).scenarios;
    expect(scenarios.length).toBeGreaterThan(0);
    expect(scenarios).toStrictEqual(loadScenarioDirs([shippedScenariosDir()], fptOnly).scenarios);
  });

  it('names sources as scenarios/<vendor>/<file> in the msw entry, and hands out fresh objects each time', () => {
    const first = shippedScenarios(vendors);
    expect(first.map((s) => s.source)).toEqual(
      loadScenarioDirs([shippedScenariosDir()], vendors).scenarios.map((s) => `scenarios/${s.source.split('scenarios/').pop()}`),
    );
    first[0]!.steps[0]!.set.changed = true;
    expect(shippedScenarios(vendors)[0]!.steps[0]!.set).not.toHaveProperty('changed');
  });
});
