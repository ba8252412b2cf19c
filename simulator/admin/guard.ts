import { sha256HexSync } from '../engine/sha256-sync.js';
import { problemResponse } from '../engine/problem.js';
import type { SimRequest, SimResponse } from '../engine/types.js';

/**
 * Who may call the admin API (README "Admin API"). Probes and scrapers never need a token:
 * health (live), ready and metrics. With a token configured, every other call needs
 * `X-Sim-Admin-Token`. Listening beyond this machine with no token, the admin API is closed: anyone
 * who reaches the port could otherwise arm scenarios, read the journal or reset a shared sidecar.
 */
export interface AdminGuardOptions {
  adminToken?: string | undefined;
  /** The address the server listens on when it is reachable from other machines (e.g. 0.0.0.0); absent: loopback only. */
  exposedOn?: string | undefined;
}

export const OPEN_ADMIN_PATHS: readonly string[] = ['/__sim/health', '/__sim/ready', '/__sim/metrics'];

export function createAdminGuard(options: AdminGuardOptions): (req: SimRequest, path: string) => SimResponse | undefined {
  const { adminToken, exposedOn } = options;
  return (req, path) => {
    if (OPEN_ADMIN_PATHS.includes(path)) return undefined;
    if (adminToken) {
      if (sameSecret(req.headers['x-sim-admin-token'], adminToken)) return undefined;
      return problemResponse({
        type: 'admin-unauthorized',
        title: 'Admin token required',
        status: 401,
        detail: '[liveness-sim] this simulator guards its admin API: send the header X-Sim-Admin-Token with the token it was started with.',
      });
    }
    if (exposedOn === undefined) return undefined;
    return problemResponse({
      type: 'admin-closed',
      title: 'Admin API closed',
      status: 403,
      detail: `[liveness-sim] this simulator listens on ${exposedOn}, beyond this machine, and has no admin token, so its admin API is closed (health, ready and metrics stay open). Set one (adminToken in the config file, SIM_ADMIN_TOKEN, or --admin-token) and send it as X-Sim-Admin-Token.`,
    });
  };
}

/**
 * Compares a presented token with the configured one in time independent of where they differ:
 * both are hashed first (no length to learn either), then every byte of the digests is compared.
 * Pure, so the guard also runs under msw in a browser.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = sha256HexSync(given);
  const b = sha256HexSync(expected);
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
