import { allVendors } from '../../simulator/vendors/index.js';
import { createInProcessSimulator as createBrowserSafe, createLivenessHandlers as createHandlers } from './handlers.js';
import type { LivenessHandlers, LivenessHandlersOptions } from './handlers.js';
import type { Simulator } from '../../simulator/simulator.js';

/**
 * `liveness-sim/msw` under Node (package.json `exports`, the `node` condition): the same API as
 * index.ts, but its default vendors fetch a Verihubs image URL as the server does (the Node
 * fetcher and its outbound guard). Browsers never load this file.
 */
export { VENDOR_BASE_URLS } from './handlers.js';
export type { LivenessHandlers, LivenessHandlersOptions } from './handlers.js';
export { AdminError, type AdminClient, type ClockState, type JournalFilter, type ScenarioListing } from '../admin-client/client.js';
export { SimulatorConfigError } from '../../simulator/config/config-error.js';

export function createInProcessSimulator(options: Parameters<typeof createBrowserSafe>[0] = {}): Simulator {
  return createBrowserSafe({ ...options, vendors: options.vendors ?? allVendors() });
}

export function createLivenessHandlers(options: LivenessHandlersOptions = {}): LivenessHandlers {
  return createHandlers({ ...options, vendors: options.vendors ?? allVendors() });
}

/** Ready handlers: every vendor, the shipped scenarios, default settings. */
export const livenessHandlers: LivenessHandlers = createLivenessHandlers();
