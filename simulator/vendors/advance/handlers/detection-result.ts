import { isAvailable, lookUpCapture, type Capture } from '../captures.js';
import { assetBase64, issueMediaUrl } from '../media.js';
import { readDetectionRequest, type ResultType } from '../requests.js';
import { authenticate } from '../token.js';
import { reply, scenarioSaysSuccess, type AdvanceCall, type AdvanceHandler } from './call.js';
import { createWellKnownCapture } from './well-known.js';

/** Decision: the far shot is taken this long before the near one (DISTANT_NEAR liveness types). */
const FAR_BEFORE_NEAR_MS = 2000;

/**
 * POST detection-result / liveness-detection on every path family (seed 002; advance.md §4).
 * Order of checks: token, the request (requests.ts: body, ids present, resultType, region), ids
 * resolve, result still there.
 */
export const detectionResult: AdvanceHandler = async (call) => {
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return reply(call, auth.error);
  const request = readDetectionRequest(call.req, call.route);
  if (!request.ok) return reply(call, request.error);
  const { signatureId, livenessId, resultType } = request.value;

  const { state } = auth.value;
  const found = lookUpCapture(state, { signatureId, livenessId, unknownSignature: 'liveness-id-not-existed' });
  if (!found.ok) return reply(call, found.error);
  const { signature } = found.value;
  let capture = found.value.capture;
  if (!capture) {
    // A signature id the SDK has not used yet has no liveness id behind it.
    if (signature || !scenarioSaysSuccess(call)) return reply(call, 'liveness-id-not-existed');
    capture = await createWellKnownCapture(call, state, livenessId!);
  }
  // advance.md §2: reading a result is a read, a retry answers it again; §4: cleared or expired → RESULT_NOT_FOUND.
  if ((signature && signature.clearedAt !== null) || !isAvailable(capture, call.ctx.now(), call.ctx.settings)) return reply(call, 'result-not-found');
  const data = renderResult(call, auth.value.accessKey, capture, resultType);
  return reply(call, 'success', { data, pricing: 'PAY' });
};

/** The `data` of a SUCCESS, keys in the seed's order; URLs fresh for 24 h. */
function renderResult(call: AdvanceCall, accessKey: string, capture: Capture, resultType: ResultType) {
  const url = (asset: 'best' | 'far' | 'near' | 'audit') => issueMediaUrl(call.ctx, accessKey, capture.livenessId, asset);
  // Seed 002's second example: no far/near stage times (a liveness type without distance stages).
  const staged = capture.livenessType === 'DISTANT_NEAR' || capture.livenessType === 'DISTANT_NEAR_ACTION';
  return {
    detectionResult: resultType === 'IMAGE_BASE64' ? assetBase64('best') : url('best'),
    livenessScore: capture.livenessScore,
    // Seed 002: a zip link, valid 24 h, when the SDK is configured for it, "otherwise it will be null".
    auditImageUrl: capture.auditImage ? url('audit') : null,
    imageFarUrl: url('far'),
    farImageTime: staged ? capture.capturedAt - FAR_BEFORE_NEAR_MS : null,
    imageNearUrl: url('near'),
    nearImageTime: staged ? capture.capturedAt : null,
    attackType: capture.attackType,
    attackSubType: null,
  };
}
