/**
 * liveness-sim as a library: start a simulator in a test suite, or build the engine and call it
 * without HTTP; validate bodies against the vendors' contracts (also `liveness-sim/contracts`).
 * The msw handlers come later as `liveness-sim/msw`.
 */
export { startSimulator, buildEngine, buildSimulator, SimulatorConfigError } from '../simulator/server.js';
export type { SimulatorOptions, RunningSimulator } from '../simulator/server.js';
export { createEngine } from '../simulator/engine/engine.js';
export type { Engine, EngineOptions } from '../simulator/engine/engine.js';
export { createSimulator } from '../simulator/simulator.js';
export type { Simulator, SimulatorLayerOptions } from '../simulator/simulator.js';
export type { SimRequest, SimResponse, SimBody, SimFile, VendorId } from '../simulator/engine/types.js';
export { allVendors } from '../simulator/vendors/index.js';
export { validateResponse, validateRequest, validateAgainst, formatErrors, schemas, OPERATIONS } from '../simulator/contracts/index.js';
export type { OperationName, SchemaName, ContractError, ValidationResult } from '../simulator/contracts/index.js';
