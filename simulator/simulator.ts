import { createAdminApi, type AdminApiOptions } from './admin/api.js';
import type { Engine } from './engine/engine.js';
import type { SimRequest, SimResponse } from './engine/types.js';
import { createScenarioSet, type ScenarioSet } from './scenarios/scenario-set.js';

/**
 * The simulator as one request handler: the engine (vendor routes) with the admin API as a layer
 * above it (DESIGN.md "Admin API"). The engine knows nothing of the admin API; this is the one
 * place they meet. Transport-neutral: Express (http/app.ts) and, later, msw serve it the same way.
 */
export interface Simulator {
  readonly engine: Engine;
  /** The scenarios served, as layers: the files' (swapped whole on a reload) and the runtime ones of the admin API. */
  readonly scenarios: ScenarioSet;
  /** Answers any request: `/__sim/...` by the admin API, everything else by the engine. */
  handle(req: SimRequest): Promise<SimResponse>;
}

/**
 * `adminToken`: every admin route but health, ready and metrics then needs `X-Sim-Admin-Token`;
 * `exposedOn`: the non-loopback address listened on, which closes the admin API when there is no
 * token (admin/guard.ts); `notReady`: why `/__sim/ready` answers 503 now, if it does.
 */
export type SimulatorLayerOptions = AdminApiOptions;

/** The admin API's own prefix: never a vendor path. */
export const ADMIN_PREFIX = '/__sim';

export const isAdminPath = (path: string) => path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`);

/** Puts the admin API above an engine. */
export function composeSimulator(engine: Engine, options: SimulatorLayerOptions = {}): Simulator {
  const scenarios = createScenarioSet([...engine.scenarios().values()], (list) => engine.replaceScenarios(list));
  const admin = createAdminApi(engine, { ...options, scenarios });
  return {
    engine,
    scenarios,
    handle: (req) => (isAdminPath(req.path) ? admin.handle(req) : engine.handle(req)),
  };
}
