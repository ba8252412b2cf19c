import type { Result, SimRequest } from '../../../engine/types.js';
import type { AuthContext } from '../../../engine/vendor.js';
import type { ErrorOutcomeName } from '../codes.js';
import { readFields, readParams } from '../parse.js';
import { findAccount, type AdvanceAccount, type AdvanceSettings } from '../settings.js';
import { issueToken, tokenSignature } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/** advance.md §1: periodSecond default and range. */
const PERIOD = { default: 3600, min: 60, max: 86400 } as const;

/**
 * The token request, checked in the vendor's order up to its signature (advance.md §1): this route
 * authenticates by the signature, not by a token, so this is its gate (auth.ts) as well as the
 * first half of the handler below.
 */
export async function verifyTokenRequest(
  req: SimRequest,
  ctx: AuthContext<AdvanceSettings>,
): Promise<Result<{ account: AdvanceAccount; periodSecond: number }, ErrorOutcomeName>> {
  const fail = (error: ErrorOutcomeName) => ({ ok: false as const, error });
  const params = readParams(req, 'required');
  if (!params.ok) return params;
  // timestamp: documented a string, sent as a number by the vendor's own curl; both read as text.
  const fields = readFields(params.value, { accessKey: 'string', signature: 'string', timestamp: 'string', periodSecond: 'integer' });
  if (!fields.ok) return fields;
  const { accessKey, signature, timestamp, periodSecond = PERIOD.default } = fields.value;
  if (!accessKey || !signature || !timestamp) return fail('parameter-empty');
  if (periodSecond < PERIOD.min || periodSecond > PERIOD.max) return fail('parameter-error');

  const account = findAccount(ctx.settings, accessKey);
  if (!account) return fail('iam-access-key-not-found');
  if (account.disabled) return fail('account-disabled');
  // Milliseconds within the window of the simulator's clock (advance.md §1: ±300 s).
  const sentAt = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(sentAt) || Math.abs(ctx.now() - sentAt) > ctx.settings.timestampWindowSeconds * 1000) return fail('timestamp-error');
  // Compared exactly: the vendor documents lowercase hex.
  if (signature !== (await tokenSignature(account.accessKey, account.secretKey, timestamp, ctx.sha256))) return fail('signature-error');
  return { ok: true, value: { account, periodSecond } };
}

/** POST /openapi/auth/ticket/v1/generate-token (advance.md §1). */
export const generateToken: AdvanceHandler = async (call) => {
  const verified = await verifyTokenRequest(call.req, call.ctx);
  if (!verified.ok) return reply(call, verified.error);
  const { account, periodSecond } = verified.value;
  const issued = await issueToken(call.ctx, account, periodSecond);
  return reply(call, 'success', { data: { token: issued.token, expiredTime: issued.expiredTime }, credential: account.accessKey });
};
