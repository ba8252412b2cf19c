/**
 * liveness-sim/testing: helpers for a test suite that stands the simulator in for the vendors.
 */
// Pact provider verification (README "Pact"); needs the optional peer @pact-foundation/pact.
export { verifyPacts } from '../../simulator/pact/verify-pacts.js';
export type { VerifyPactsOptions, VerifyPactsResult } from '../../simulator/pact/verify-pacts.js';
export { PactFileError } from '../../simulator/pact/pact-files.js';

// The real server on a free loopback port, with a typed admin client (README "A real server in test suites").
export { startSimulator } from './start-simulator.js';
export type { TestSimulator, TestSimulatorOptions } from './start-simulator.js';
export { AdminError, type AdminClient, type ClockState, type JournalFilter, type ScenarioListing } from '../admin-client/client.js';
