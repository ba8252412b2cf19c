import type { Partition } from '../../../engine/store.js';
import { attackTypeFor, defaultScore, isAttackType, saveCapture, type Capture } from '../captures.js';
import type { AdvanceCall } from './call.js';

/**
 * Well-known liveness ids (scenarios/advance/*.yaml, `when: { livenessId: ... }`): a `success`
 * scenario names an id no SDK produced, so the simulator creates that capture for the calling
 * account, with the score and attack type of the scenario's `set`. From then on it is an
 * ordinary capture: clear-data clears it, its media expire, it is forgotten in time (captures.ts).
 */
/**
 * How the SDK was configured for some well-known ids, beyond their scenario's score (README
 * "Well-known liveness ids"): `sim-live-audit-image` keeps an audit image (auditImageUrl a zip link).
 */
const WELL_KNOWN_CAPTURES: Readonly<Record<string, Partial<Pick<Capture, 'auditImage'>>>> = {
  'sim-live-audit-image': { auditImage: true },
};

export async function createWellKnownCapture(call: AdvanceCall, state: Partition, livenessId: string): Promise<Capture> {
  const set = call.scenario?.set ?? {};
  const score = typeof set['data.livenessScore'] === 'number' ? set['data.livenessScore'] : await defaultScore(livenessId, call.ctx.sha256);
  const attackType = isAttackType(set['data.attackType']) ? set['data.attackType'] : null;
  const capture: Capture = {
    livenessId,
    signatureId: null,
    livenessScore: score,
    attackType: attackTypeFor(score, attackType),
    livenessType: 'DISTANT_NEAR',
    capturedAt: call.ctx.now(),
    video: true,
    auditImage: false,
    clearedAt: null,
    ...(Object.hasOwn(WELL_KNOWN_CAPTURES, livenessId) ? WELL_KNOWN_CAPTURES[livenessId] : {}),
  };
  saveCapture(state, capture, call.ctx.settings);
  return capture;
}
