/**
 * liveness-sim as a library: start a simulator in a test suite, or build the engine and call it
 * without HTTP. The msw handlers and contract helpers come later as `liveness-sim/msw` and
 * `liveness-sim/contracts`.
 */
export { startSimulator, buildEngine, buildSimulator, SimulatorConfigError } from '../simulator/server.js';
export type { SimulatorOptions, RunningSimulator } from '../simulator/server.js';
export { createEngine } from '../simulator/engine/engine.js';
export type { Engine, EngineOptions } from '../simulator/engine/engine.js';
export { createSimulator } from '../simulator/simulator.js';
export type { Simulator, SimulatorLayerOptions } from '../simulator/simulator.js';
export type { SimRequest, SimResponse, SimBody, SimFile, VendorId } from '../simulator/engine/types.js';
export { allVendors } from '../simulator/vendors/index.js';
