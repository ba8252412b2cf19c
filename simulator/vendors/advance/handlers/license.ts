import { randomHex } from '../ids.js';
import { readLicenseRequest } from '../requests.js';
import { authenticate } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/**
 * POST .../auth-license on all three path families (advance.md §3). The license is opaque to
 * clients (the SDK consumes it): decision, 128 base64 characters. ACCESS_DENIED and
 * SERVICE_DISABLED are scenario outcomes (the simulator has no per-service contracts).
 */
export const authLicense: AdvanceHandler = async (call) => {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return reply(call, auth.error);
  const request = readLicenseRequest(call.req);
  if (!request.ok) return reply(call, request.error);
  const { licenseEffectiveSeconds } = request.value;
  const license = btoa(hexToBinary(randomHex(192)));
  return reply(call, 'success', { data: { license, expireTimestamp: call.ctx.now() + licenseEffectiveSeconds * 1000 } });
};

function hexToBinary(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}
