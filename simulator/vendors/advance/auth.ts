import type { AuthCall, Authentication } from '../../engine/vendor.js';
import { OUTCOMES, type ErrorOutcomeName } from './codes.js';
import { answer } from './envelope.js';
import { verifyTokenRequest } from './handlers/token.js';
import { routeByName } from './routes.js';
import type { AdvanceSettings } from './settings.js';
import { authenticate } from './token.js';

/**
 * ADVANCE.AI's gate, per route (advance.md "Conventions", §1), before any scenario:
 * - the token route authenticates by its signature (accessKey + secretKey + timestamp);
 * - media URLs carry no credential (the simulated CDN: media.ts), and an unknown path under the
 *   vendor's prefixes is its CLIENT_ERROR 404 whoever asks;
 * - every other route by X-ACCESS-TOKEN, verified before it names an account (token.ts).
 * A refusal is the vendor's envelope for it (IAM_FAILED, SIGNATURE_ERROR...).
 */
export async function authenticateCall({ req, route, ctx }: AuthCall<AdvanceSettings>): Promise<Authentication> {
  const refuse = (outcome: ErrorOutcomeName): Authentication => ({
    ok: false,
    result: { response: answer(ctx.settings, { outcome }), code: OUTCOMES[outcome].code },
  });
  switch (routeByName.get(route.name)?.handler) {
    case 'media':
    case 'not-found':
      return { ok: true, credential: undefined };
    case 'token': {
      const verified = await verifyTokenRequest(req, ctx);
      return verified.ok ? { ok: true, credential: verified.value.account.accessKey } : refuse(verified.error);
    }
    default: {
      const verified = await authenticate(req, ctx);
      return verified.ok ? { ok: true, credential: verified.value.accessKey } : refuse(verified.error);
    }
  }
}
