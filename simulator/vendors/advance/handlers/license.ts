import { randomHex } from '../ids.js';
import { readFields, readParams } from '../parse.js';
import { authenticate } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/** advance.md §3: licenseEffectiveSeconds default 600, at most 86400. */
const EFFECTIVE = { default: 600, min: 1, max: 86400 } as const;

/**
 * POST .../auth-license on all three path families (advance.md §3). The license is opaque to
 * clients (the SDK consumes it): decision, 128 base64 characters. ACCESS_DENIED and
 * SERVICE_DISABLED are scenario outcomes (the simulator has no per-service contracts).
 */
export const authLicense: AdvanceHandler = async (call) => {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return reply(call, auth.error);
  const params = readParams(call.req, 'optional');
  if (!params.ok) return reply(call, params.error);
  const fields = readFields(params.value, { licenseEffectiveSeconds: 'integer', applicationId: 'string' });
  if (!fields.ok) return reply(call, fields.error);
  const { licenseEffectiveSeconds = EFFECTIVE.default } = fields.value;
  if (licenseEffectiveSeconds < EFFECTIVE.min || licenseEffectiveSeconds > EFFECTIVE.max) return reply(call, 'parameter-error');
  const license = btoa(hexToBinary(randomHex(192)));
  return reply(call, 'success', { data: { license, expireTimestamp: call.ctx.now() + licenseEffectiveSeconds * 1000 } });
};

function hexToBinary(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}
