import { readFields, readParams } from '../parse.js';
import { findAccount } from '../settings.js';
import { issueToken, tokenSignature } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/** advance.md §1: periodSecond default and range. */
const PERIOD = { default: 3600, min: 60, max: 86400 } as const;

/** POST /openapi/auth/ticket/v1/generate-token (advance.md §1). */
export const generateToken: AdvanceHandler = async (call) => {
  const { ctx } = call;
  const params = readParams(call.req, 'required');
  if (!params.ok) return reply(call, params.error);
  // timestamp: documented a string, sent as a number by the vendor's own curl; both read as text.
  const fields = readFields(params.value, { accessKey: 'string', signature: 'string', timestamp: 'string', periodSecond: 'integer' });
  if (!fields.ok) return reply(call, fields.error);
  const { accessKey, signature, timestamp, periodSecond = PERIOD.default } = fields.value;
  if (!accessKey || !signature || !timestamp) return reply(call, 'parameter-empty');
  if (periodSecond < PERIOD.min || periodSecond > PERIOD.max) return reply(call, 'parameter-error');

  const account = findAccount(ctx.settings, accessKey);
  if (!account) return reply(call, 'iam-access-key-not-found');
  const credential = account.accessKey;
  if (account.disabled) return reply(call, 'account-disabled', { credential });
  // Milliseconds within the window of the simulator's clock (advance.md §1: ±300 s).
  const sentAt = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!Number.isFinite(sentAt) || Math.abs(ctx.now() - sentAt) > ctx.settings.timestampWindowSeconds * 1000) {
    return reply(call, 'timestamp-error', { credential });
  }
  // Compared exactly: the vendor documents lowercase hex.
  if (signature !== (await tokenSignature(account.accessKey, account.secretKey, timestamp))) {
    return reply(call, 'signature-error', { credential });
  }
  const issued = await issueToken(ctx, account, periodSecond);
  return reply(call, 'success', { data: { token: issued.token, expiredTime: issued.expiredTime }, credential });
};
