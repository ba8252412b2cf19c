import { resolveSettings } from '../simulator/config/settings.js';
import { createEngine as createPureEngine, type Engine, type EngineOptions } from '../simulator/engine/engine.js';
import type { VendorId } from '../simulator/engine/types.js';
import type { AnyVendor } from '../simulator/engine/vendor.js';
import { shippedScenariosOnNode } from '../simulator/scenarios/load-dirs.js';
import type { Scenario } from '../simulator/scenarios/types.js';
import { SimulatorConfigError } from '../simulator/server.js';
import { composeSimulator, type Simulator } from '../simulator/simulator.js';
import { allVendors } from '../simulator/vendors/index.js';
import { nodeSha256 } from '../simulator/node/sha256.js';

/**
 * The library's in-process factories (README "Use it as a library"): safe to call with no
 * arguments. Defaults: every vendor, each vendor's default settings, the shipped scenario
 * catalogue (this entry runs on Node, so it can read it). Pass `scenarios: []` for none.
 */
export interface CreateEngineOptions extends Omit<EngineOptions, 'vendors' | 'settings'> {
  /** Default: every vendor (`allVendors()`). */
  vendors?: readonly AnyVendor[];
  /** Default: the shipped catalogue of the chosen vendors; `[]` for none. */
  scenarios?: readonly Scenario[];
  /** Per vendor, only the keys to change (as a config file's `vendors:`); checked like one. */
  settings?: Partial<Record<VendorId, Record<string, unknown>>>;
}

export interface CreateSimulatorOptions extends CreateEngineOptions {
  /** When set, every admin route but health needs `X-Sim-Admin-Token: <token>`. */
  adminToken?: string;
}

/** The engine alone: vendor routes, answered in-process (`engine.handle(request)`). */
export function createEngine(options: CreateEngineOptions = {}): Engine {
  const vendors = options.vendors ?? allVendors();
  const problems: string[] = [];
  const settings = resolveSettings(vendors, options.settings ? [{ source: 'options.settings', values: options.settings }] : []);
  if (!settings.ok) problems.push(...settings.errors);
  let scenarios = options.scenarios;
  if (scenarios === undefined) {
    // Each vendor's own scenarios, later vendors first (as when each vendor's folder was read apart).
    scenarios = vendors.toReversed().flatMap((v) => shippedScenariosOnNode(new Map([[v.id, v]])));
  }
  if (problems.length > 0 || !settings.ok) throw new SimulatorConfigError(problems);
  return createPureEngine({ sha256: nodeSha256, ...options, vendors, scenarios, settings: settings.settings });
}

/** The engine with the admin API above it: `handle` answers vendor routes and `/__sim/...` alike. */
export function createSimulator(options: CreateSimulatorOptions = {}): Simulator {
  const { adminToken, ...engineOptions } = options;
  return composeSimulator(createEngine(engineOptions), { adminToken });
}
