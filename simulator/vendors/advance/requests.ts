import type { Result, SimRequest } from '../../engine/types.js';
import type { RouteDef } from '../../engine/vendor.js';
import { LIVENESS_TYPES, PRODUCT_LEVELS, type LivenessType, type ProductLevel } from './captures.js';
import type { ErrorOutcomeName } from './codes.js';
import { readFields, readParams } from './parse.js';
import { routeByName, type Handler } from './routes.js';

/**
 * What each operation's request must be, read without looking at any state (advance.md §2–§5,
 * seed 002): the JSON body where one is required, field types, the ids present, values from
 * their lists. The handlers read their request through these; the engine runs them before a
 * scenario answers (index.ts checkRequest), so a scenario never hides a malformed request.
 * The first problem answers, in the order written here.
 */
type Read<T> = Result<T, ErrorOutcomeName>;
const fail = (error: ErrorOutcomeName) => ({ ok: false as const, error });

/** advance.md §2. Decision: an unknown productLevel or livenessType is "illegal parameters". */
export function readSignatureIdRequest(req: SimRequest): Read<{ productLevel: ProductLevel; livenessType: LivenessType }> {
  // Options come from the query (GET, the vendor's example) or a JSON body (POST).
  const params = readParams(req, req.method === 'GET' ? 'ignored' : 'optional');
  if (!params.ok) return params;
  const fields = readFields(params.value, { productLevel: 'string', livenessType: 'string' });
  if (!fields.ok) return fields;
  const { productLevel = 'STANDARD', livenessType = 'DISTANT_NEAR' } = fields.value;
  if (!(PRODUCT_LEVELS as readonly string[]).includes(productLevel) || !(LIVENESS_TYPES as readonly string[]).includes(livenessType))
    return fail('parameter-illegal');
  return { ok: true, value: { productLevel: productLevel as ProductLevel, livenessType: livenessType as LivenessType } };
}

/** advance.md §3: licenseEffectiveSeconds default 600, at most 86400. */
const EFFECTIVE = { default: 600, min: 1, max: 86400 } as const;

export function readLicenseRequest(req: SimRequest): Read<{ licenseEffectiveSeconds: number }> {
  const params = readParams(req, 'optional');
  if (!params.ok) return params;
  const fields = readFields(params.value, { licenseEffectiveSeconds: 'integer', applicationId: 'string' });
  if (!fields.ok) return fields;
  const { licenseEffectiveSeconds = EFFECTIVE.default } = fields.value;
  if (licenseEffectiveSeconds < EFFECTIVE.min || licenseEffectiveSeconds > EFFECTIVE.max) return fail('parameter-error');
  return { ok: true, value: { licenseEffectiveSeconds } };
}

export const RESULT_TYPES = ['IMAGE_URL', 'IMAGE_BASE64'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];
/** Seed 002: region is an ISO 3166 alpha-2 or alpha-3 code. */
const REGION = /^[A-Za-z]{2,3}$/;

/** advance.md §4: body, ids present, resultType, region (required on the `/intl` route). */
export function readDetectionRequest(req: SimRequest, route: RouteDef): Read<{ signatureId?: string; livenessId?: string; resultType: ResultType }> {
  const params = readParams(req, 'required');
  if (!params.ok) return params;
  const fields = readFields(params.value, { signatureId: 'string', livenessId: 'string', resultType: 'string', region: 'string' });
  if (!fields.ok) return fields;
  const { signatureId, livenessId, resultType = 'IMAGE_URL', region } = fields.value;
  if (signatureId === undefined && livenessId === undefined) return fail('parameter-empty');
  if (!(RESULT_TYPES as readonly string[]).includes(resultType)) return fail('parameter-illegal');
  if (routeByName.get(route.name)?.regionRequired && region === undefined) return fail('parameter-empty');
  if (region !== undefined && !REGION.test(region)) return fail('parameter-illegal');
  return { ok: true, value: { signatureId, livenessId, resultType: resultType as ResultType } };
}

/** advance.md §5: get-video and clear-data take `livenessId` or `signatureId` in the query. */
export function readIdsRequest(req: SimRequest): Read<{ signatureId?: string; livenessId?: string }> {
  const params = readParams(req, 'ignored');
  if (!params.ok) return params;
  const fields = readFields(params.value, { livenessId: 'string', signatureId: 'string' });
  if (!fields.ok) return fields;
  const { livenessId, signatureId } = fields.value;
  if (signatureId === undefined && livenessId === undefined) return fail('parameter-empty');
  return { ok: true, value: { livenessId, signatureId } };
}

/** The reader of each operation that has a request to check (the token route's is its gate: auth.ts). */
export const REQUEST_READERS: Partial<Record<Handler, (req: SimRequest, route: RouteDef) => Read<unknown>>> = {
  'signature-id': readSignatureIdRequest,
  license: readLicenseRequest,
  'detection-result': readDetectionRequest,
  'get-video': readIdsRequest,
  'clear-data': readIdsRequest,
};
