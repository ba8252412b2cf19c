import { createLivenessHandlers, type LivenessHandlers } from './handlers.js';

/**
 * `liveness-sim/msw` for browsers and any bundle (package.json `exports`, the `default`
 * condition): browser-safe, every vendor as handlers.ts builds them. Node resolves the same name
 * to node.ts, the same API with Verihubs' image URL fetcher.
 */
export { createInProcessSimulator, createLivenessHandlers, VENDOR_BASE_URLS } from './handlers.js';
export type { LivenessHandlers, LivenessHandlersOptions } from './handlers.js';
export { AdminError, type AdminClient, type ClockState, type JournalFilter, type ScenarioListing } from '../admin-client/client.js';
export { SimulatorConfigError } from '../../simulator/config/config-error.js';

/** Ready handlers: every vendor, the shipped scenarios, default settings. */
export const livenessHandlers: LivenessHandlers = createLivenessHandlers();
