/**
 * liveness-sim as a library (README "Use it as a library"): start a simulator on HTTP in a test
 * suite, or build one in-process and call it without HTTP (every factory is safe to call with no
 * arguments); validate bodies against the vendors' contracts (also `liveness-sim/contracts`).
 * The msw handlers come later as `liveness-sim/msw`.
 */
export { startSimulator, buildEngine, buildSimulator, SimulatorConfigError } from '../simulator/server.js';
export type { SimulatorOptions, RunningSimulator } from '../simulator/server.js';
export { createEngine, createSimulator } from './library.js';
export type { CreateEngineOptions, CreateSimulatorOptions } from './library.js';
export type { Engine } from '../simulator/engine/engine.js';
export type { Simulator } from '../simulator/simulator.js';
export type { SimRequest, SimResponse, SimBody, SimFile, VendorId } from '../simulator/engine/types.js';
export { allVendors } from '../simulator/vendors/index.js';
export { validateResponse, validateRequest, validateAgainst, formatErrors, schemas, OPERATIONS } from '../simulator/contracts/index.js';
export type { OperationName, SchemaName, ContractError, ValidationResult } from '../simulator/contracts/index.js';
