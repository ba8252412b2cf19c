import { readJsonObject } from '../../admin/input.js';
import { problemResponse } from '../../engine/problem.js';
import type { Partition } from '../../engine/store.js';
import { err, ok, type Result, type SimResponse } from '../../engine/types.js';
import type { VendorCall } from '../../engine/vendor.js';
import {
  attackTypeFor,
  defaultScore,
  getSignature,
  isAttackType,
  listCaptures,
  LIVENESS_TYPES,
  saveCapture,
  saveSignature,
  type Capture,
  type LivenessType,
} from './captures.js';
import { serialize } from './envelope.js';
import { newLivenessId } from './ids.js';
import { findAccount, type AdvanceSettings } from './settings.js';
import { authenticate } from './token.js';

/**
 * The SDK capture emulation (advance.md "Where liveness ids come from"), under /__sim/advance:
 * - POST /captures: what the vendor's mobile SDK does on the phone; answers the new `livenessId`.
 * - GET /captures: the captures of an account.
 * The account is `accessKey` (body or query) or the X-ACCESS-TOKEN of that account.
 * Admin answers are plain JSON, errors problem+json (DESIGN.md: never a vendor body).
 */
type Call = VendorCall<AdvanceSettings>;

export async function handleAdmin(call: Call): Promise<SimResponse> {
  if (call.route.name !== 'captures') return bad('path', 'no such ADVANCE.AI admin route', 404);
  return call.req.method === 'GET' ? listForAccount(call) : createCapture(call);
}

async function accountOf(call: Call, given: unknown): Promise<{ accessKey: string; state: Partition } | SimResponse> {
  if (given !== undefined && given !== null) {
    if (typeof given !== 'string' || !findAccount(call.ctx.settings, given)) {
      const known = call.ctx.settings.accounts.map((a) => a.accessKey).join(', ');
      return bad(
        'accessKey',
        `${JSON.stringify(given)} is not a configured ADVANCE.AI account (configured: ${known}); add it under vendors.advance.accounts`,
        404,
      );
    }
    return { accessKey: given, state: call.ctx.stateOf(given) };
  }
  if (call.req.headers['x-access-token'] === undefined) {
    return bad('accessKey', 'say whose capture this is: "accessKey" in the body (or query), or the account\'s X-ACCESS-TOKEN header');
  }
  const auth = await authenticate(call.req, call.ctx);
  if (!auth.ok) return bad('X-ACCESS-TOKEN', 'the token is missing, unknown or expired; get a fresh one from /openapi/auth/ticket/v1/generate-token', 401);
  return auth.value;
}

async function createCapture(call: Call): Promise<SimResponse> {
  const body = readJsonObject(call.req);
  if (!body.ok) return body.error;
  const fromScenario = scenarioValues(call, body.value.scenario);
  if (!fromScenario.ok) return fromScenario.error;
  const {
    accessKey,
    signatureId = null,
    livenessScore,
    attackType = null,
    livenessType,
    video = true,
    auditImage = false,
  } = { ...fromScenario.value, ...body.value };
  const account = await accountOf(call, accessKey);
  if ('status' in account) return account;

  if (livenessScore !== undefined && (typeof livenessScore !== 'number' || !Number.isFinite(livenessScore) || livenessScore < 0 || livenessScore > 100)) {
    return bad('livenessScore', 'a number from 0 to 100 (50 or more passes), e.g. 100, 87.5 or 49.9');
  }
  if (attackType !== null && !isAttackType(attackType)) return bad('attackType', '1 (presentation), 2 (injection), 3 (unsure), or null');
  if (attackType !== null && typeof livenessScore === 'number' && livenessScore >= 50) {
    return bad('attackType', 'an attack type only goes with a livenessScore under 50 (seed 002 "attackType"); lower the score or drop the attack type');
  }
  if (livenessType !== undefined && !(LIVENESS_TYPES as readonly unknown[]).includes(livenessType)) return bad('livenessType', LIVENESS_TYPES.join(', '));
  if (typeof video !== 'boolean') return bad('video', 'true (the SDK recorded a video, the default) or false');
  if (typeof auditImage !== 'boolean')
    return bad('auditImage', "true (the SDK is configured to keep an audit image: the result's auditImageUrl is a zip link) or false (the default: null)");

  const signature = signatureId === null ? undefined : typeof signatureId === 'string' ? getSignature(account.state, signatureId) : undefined;
  if (signatureId !== null && !signature) {
    return bad(
      'signatureId',
      `no signature id ${JSON.stringify(signatureId)} for account "${account.accessKey}"; get one from /liveness/ext/v1/generate-signature-id with this account's token`,
      404,
    );
  }
  if (signature?.livenessId)
    return bad(
      'signatureId',
      `signature id "${signature.signatureId}" already has capture "${signature.livenessId}"; a signature id binds one capture (one SDK session), get a new one`,
      409,
    );

  const livenessId = newLivenessId();
  // With no score asked for and an attack type asked for, the capture is an attack: score 0.0.
  const score = typeof livenessScore === 'number' ? livenessScore : attackType !== null ? 0 : await defaultScore(livenessId, call.ctx.sha256);
  const capture: Capture = {
    livenessId,
    signatureId: signature?.signatureId ?? null,
    livenessScore: score,
    attackType: attackTypeFor(score, attackType),
    livenessType: (livenessType as LivenessType | undefined) ?? signature?.livenessType ?? 'DISTANT_NEAR',
    capturedAt: call.ctx.now(),
    video,
    auditImage,
    clearedAt: null,
  };
  saveCapture(account.state, capture, call.ctx.settings);
  // Bound, the signature id is forgotten with its capture (captures.ts).
  if (signature) saveSignature(account.state, { ...signature, livenessId }, call.ctx.settings);
  return json(201, { accessKey: account.accessKey, ...capture });
}

/**
 * `"scenario": "advance/attack-injection"` takes the score and attack type a detection scenario
 * sets (its `data.livenessScore` / `data.attackType`); fields of the request body win over it.
 */
function scenarioValues(call: Call, id: unknown): Result<Record<string, unknown>, SimResponse> {
  if (id === undefined || id === null) return ok({});
  const step = typeof id === 'string' ? call.ctx.scenarioStep(id) : undefined;
  if (!step) return err(bad('scenario', `${JSON.stringify(id)} is not a loaded advance/... scenario; GET /__sim/scenarios?vendor=advance lists them`, 404));
  const values: Record<string, unknown> = {};
  if (step.set['data.livenessScore'] !== undefined) values.livenessScore = step.set['data.livenessScore'];
  if (step.set['data.attackType'] !== undefined) values.attackType = step.set['data.attackType'];
  return ok(values);
}

async function listForAccount(call: Call): Promise<SimResponse> {
  const account = await accountOf(call, call.req.query.accessKey);
  if ('status' in account) return account;
  const captures = listCaptures(account.state).sort((a, b) => a.capturedAt - b.capturedAt);
  return json(200, { accessKey: account.accessKey, captures });
}

/** Admin JSON, with livenessScore written as the vendor writes it. */
function json(status: number, value: unknown): SimResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: serialize(value) };
}

function bad(field: string, expected: string, status = 400): SimResponse {
  return problemResponse({
    type: 'bad-admin-request',
    title: 'Bad ADVANCE.AI capture request',
    status,
    detail: `[liveness-sim] field "${field}": ${expected}.`,
    field,
  });
}
