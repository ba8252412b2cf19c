import { isAvailable, lookUpCapture, saveCapture, saveSignature } from '../captures.js';
import { issueMediaUrl } from '../media.js';
import { readIdsRequest } from '../requests.js';
import { authenticate } from '../token.js';
import { reply, scenarioSaysSuccess, type AdvanceCall, type AdvanceHandler } from './call.js';
import { createWellKnownCapture } from './well-known.js';

/** Both routes take `livenessId` or `signatureId` in the query (advance.md §5). */
async function resolve(call: AdvanceCall) {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return auth;
  const request = readIdsRequest(call.req);
  if (!request.ok) return request;
  const { livenessId, signatureId } = request.value;
  const { state } = auth.value;
  const found = lookUpCapture(state, { livenessId, signatureId, unknownSignature: 'signature-id-not-exist' });
  if (!found.ok) return found;
  let { capture } = found.value;
  if (!capture && !found.value.signature) {
    if (!scenarioSaysSuccess(call)) return { ok: false as const, error: 'liveness-id-not-existed' as const };
    capture = await createWellKnownCapture(call, state, livenessId!);
  }
  return { ok: true as const, value: { ...auth.value, capture, signature: found.value.signature } };
}

/**
 * GET /liveness/ext/v1/get-video (advance.md §5): a video URL valid 24 h. Decision: a capture
 * without a video, a cleared or expired one, and a signature id the SDK has not used yet are
 * VIDEO_NOT_FOUND.
 */
export const getVideo: AdvanceHandler = async (call) => {
  const found = await resolve(call);
  if (!found.ok) return reply(call, found.error);
  const { capture, accessKey } = found.value;
  if (!capture || !capture.video || !isAvailable(capture, call.ctx.now(), call.ctx.settings)) return reply(call, 'video-not-found');
  return reply(call, 'success', { data: { videoUrl: issueMediaUrl(call.ctx, accessKey, capture.livenessId, 'video') } });
};

/**
 * GET /liveness/ext/v1/clear-data (advance.md §5): SUCCESS with `data: null`; afterwards the
 * detection result is RESULT_NOT_FOUND (through either id) and the media URLs are gone.
 * Clearing twice is SUCCESS.
 */
export const clearData: AdvanceHandler = async (call) => {
  const found = await resolve(call);
  if (!found.ok) return reply(call, found.error);
  const { capture, signature, state } = found.value;
  const now = call.ctx.now();
  if (capture && capture.clearedAt === null) saveCapture(state, { ...capture, clearedAt: now }, call.ctx.settings);
  if (signature && signature.clearedAt === null) saveSignature(state, { ...signature, clearedAt: now }, call.ctx.settings);
  return reply(call, 'success', { data: null });
};
