import { LIVENESS_TYPES, PRODUCT_LEVELS, saveSignature, type LivenessType, type ProductLevel, type SignatureRecord } from '../captures.js';
import { newSignatureId } from '../ids.js';
import { readFields, readParams } from '../parse.js';
import { authenticate } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/**
 * GET or POST /liveness/ext/v1/generate-signature-id (advance.md §2). Options come from the query
 * (GET, the vendor's example) or a JSON body (POST). Decision: an unknown productLevel or
 * livenessType is PARAMETER_ERROR "illegal parameters".
 */
export const generateSignatureId: AdvanceHandler = async (call) => {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return reply(call, auth.error);
  const params = readParams(call.req, call.req.method === 'GET' ? 'ignored' : 'optional');
  if (!params.ok) return reply(call, params.error);
  const fields = readFields(params.value, { productLevel: 'string', livenessType: 'string' });
  if (!fields.ok) return reply(call, fields.error);
  const { productLevel = 'STANDARD', livenessType = 'DISTANT_NEAR' } = fields.value;
  if (!(PRODUCT_LEVELS as readonly string[]).includes(productLevel) || !(LIVENESS_TYPES as readonly string[]).includes(livenessType)) {
    return reply(call, 'parameter-illegal');
  }
  const signatureId = newSignatureId();
  const record: SignatureRecord = {
    signatureId,
    productLevel: productLevel as ProductLevel,
    livenessType: livenessType as LivenessType,
    createdAt: call.ctx.now(),
    livenessId: null,
    clearedAt: null,
  };
  saveSignature(auth.value.state, record, call.ctx.settings);
  return reply(call, 'success', { data: { signatureId } });
};
