/* Browser-safe: the msw transport applies the same caps (src/msw). */

/** Caps on what a fault or a latency may hold: a fault is a test aid, and nothing a client asks for may hold resources for ever. */
export interface FaultLimits {
  /** How long a hang holds its connection; then the socket is closed. */
  maxHangMs: number;
  /** Hung connections held at once; past it a hang resets the connection at once instead. */
  maxHungSockets: number;
  /** The longest single wait: one latency, or one drip's whole duration. */
  maxWaitMs: number;
}

/** README "Limits": long enough to outlast any client timeout worth testing, short of for ever. */
export const DEFAULT_FAULT_LIMITS: FaultLimits = { maxHangMs: 300_000, maxHungSockets: 1_000, maxWaitMs: 300_000 };
