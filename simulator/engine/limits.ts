/**
 * Caps on what the engine keeps, so a sidecar running for weeks stays flat whatever its clients
 * send (README "Limits"). Each is a config-file key; the defaults suit a shared staging sidecar.
 */
export interface EngineLimits {
  /** Credentials whose state and sequence positions are kept; past it the least recently used are forgotten. */
  credentialCapacity: number;
  /**
   * Values kept in one state partition (an account's tokens, captures and signature ids; a vendor's
   * media URLs); past it the value set longest ago is forgotten first. Without it, state that
   * expires only after a day grew with every request (ADVANCE.AI issues three media URLs per
   * detection result: ~2 MB of heap per 1000 detections, issue 13's bench).
   */
  partitionCapacity: number;
  /** Scenarios armed at once through the admin API. */
  armedCapacity: number;
  /** How far the clock may be moved forward in total, in ms. */
  maxClockOffsetMs: number;
}

const DAY_MS = 86_400_000;

export const DEFAULT_LIMITS: EngineLimits = {
  credentialCapacity: 10_000,
  partitionCapacity: 10_000,
  armedCapacity: 1_000,
  maxClockOffsetMs: 3650 * DAY_MS,
};

/**
 * Longest scenario name accepted in X-Sim-Scenario or the admin API (and in a scenario file's
 * `id`): longer names are refused before the "closest names" search, which is quadratic in length.
 */
export const MAX_SCENARIO_NAME = 128;
