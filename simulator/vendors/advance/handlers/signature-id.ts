import { saveSignature, type SignatureRecord } from '../captures.js';
import { newSignatureId } from '../ids.js';
import { readSignatureIdRequest } from '../requests.js';
import { authenticate } from '../token.js';
import { reply, type AdvanceHandler } from './call.js';

/** GET or POST /liveness/ext/v1/generate-signature-id (advance.md §2); the request: requests.ts. */
export const generateSignatureId: AdvanceHandler = async (call) => {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return reply(call, auth.error);
  const request = readSignatureIdRequest(call.req);
  if (!request.ok) return reply(call, request.error);
  const { productLevel, livenessType } = request.value;
  const signatureId = newSignatureId();
  const record: SignatureRecord = {
    signatureId,
    productLevel,
    livenessType,
    createdAt: call.ctx.now(),
    livenessId: null,
    clearedAt: null,
  };
  saveSignature(auth.value.state, record, call.ctx.settings);
  return reply(call, 'success', { data: { signatureId } });
};
