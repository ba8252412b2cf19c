import type { Vendor, VendorCall, VendorContext, VendorResult } from '../../engine/vendor.js';
import type { FetchImage } from '../../net/types.js';
import { appIdOf, isAuthorized, quotaExhausted, useQuota } from './access.js';
import { analysisFromDigest, type Analysis } from './analyze.js';
import { failOnCode } from './bitmask.js';
import type { ErrorCode } from './codes.js';
import { decide } from './decide.js';
import { imageFact } from './image-source.js';
import { OUTCOMES, type OutcomeSpec } from './outcomes.js';
import { checkLivenessRequest, DEFAULT_FLAGS, flagsOf, imageOf, type Flags } from './parse.js';
import { errorBody, resultBody, toResponse, type ErrorBody, type ResultBody } from './render.js';
import { routes } from './routes.js';
import { defaults, schema, type VerihubsSettings } from './settings.js';

/**
 * Verihubs Face Liveness (vendors/verihubs/README.md; the seed: the vendor's page). Browser-safe: the only
 * network access is the injected `fetchImage` (index.ts wires the Node one).
 */
export interface VerihubsDeps {
  /** Fetches `image` URLs; without one, every URL answers INVALID_PAYLOAD_IMAGE_FORMAT. */
  fetchImage?: FetchImage;
}

/** Scenario renderings use fixed scores: the spec's example values (99.87, 0.12, 0.05). */
const EXAMPLE_DIGEST = 'fcf3559a5b7444942ab13863'.padEnd(64, '0');
const EXAMPLE_SESSION = '3f2b8c4e-9a1d-4e7b-8c6f-2d5a1b9e0c47';
const EXAMPLE_TIMESTAMP = 1717000000000;

export function createVerihubs(deps: VerihubsDeps = {}): Vendor<VerihubsSettings> {
  async function handle({ req, scenario, ctx }: VendorCall<VerihubsSettings>): Promise<VendorResult> {
    const settings = ctx.settings;
    const set = scenario?.set ?? {};
    if (scenario) return answer(renderOutcome(OUTCOMES[scenario.outcome]!.spec, flagsOf(req.body), ctx), set, settings);
    if (quotaExhausted(ctx.state, settings)) return answer(errorBody('INSUFFICIENT_QUOTA_LIVENESS'), {}, settings);

    const decision = await decide(req, settings, { fetchImage: deps.fetchImage, sha256: ctx.sha256 });
    if (decision.kind === 'error') return answer(errorBody(decision.code), {}, settings);
    useQuota(ctx.state, settings);
    return answer(resultBody(decision.analysis, decision.flags, decision.failure, ctx.now()), {}, settings);
  }

  return {
    id: 'verihubs',
    title: 'Verihubs Face Liveness',
    routes,
    outcomes: OUTCOMES,
    settings: { defaults, schema },
    factNames: ['image', 'appId'],
    facts(req) {
      const image = imageOf(req);
      const appId = appIdOf(req);
      return { image: image === undefined ? [] : imageFact(image), appId: appId === undefined ? [] : [appId] };
    },
    // Auth comes first, as at the vendor's gateway (verihubs.md "Route and headers"); the App-ID
    // is the credential: state (quota), arming and journal are per App-ID.
    authenticate: ({ req, ctx }) =>
      isAuthorized(req, ctx.settings) ? { ok: true, credential: appIdOf(req) } : { ok: false, result: answer(errorBody('UNAUTHORIZED'), {}, ctx.settings) },
    // Before a scenario answers: it never hides a malformed payload (README "Which error each malformed input gets").
    checkRequest: ({ req, ctx }) => {
      const checked = checkLivenessRequest(req.body, ctx.settings);
      return checked.ok ? undefined : answer(errorBody(checked.code), {}, ctx.settings);
    },
    exampleBody: (outcome) => renderSpec(OUTCOMES[outcome]!.spec, DEFAULT_FLAGS, EXAMPLE_SESSION, EXAMPLE_TIMESTAMP),
    handle,
  };
}

function answer(body: ResultBody | ErrorBody, set: Record<string, unknown>, settings: VerihubsSettings): VendorResult {
  const code = body.error_code;
  return { response: toResponse(body, set, settings.typing), ...(code ? { code } : {}) };
}

function renderOutcome(spec: OutcomeSpec, flags: Flags, ctx: VendorContext<VerihubsSettings>): ResultBody | ErrorBody {
  return renderSpec(spec, flags, globalThis.crypto.randomUUID(), ctx.now());
}

/**
 * A scenario outcome with fixed scores. The request's is_quality/is_attribute still decide which
 * blocks appear, except that a failed validation always shows the block that failed.
 */
function renderSpec(spec: OutcomeSpec, flags: Flags, sessionId: string, timestamp: number): ResultBody | ErrorBody {
  if ('error' in spec) return errorBody(spec.error satisfies ErrorCode);
  const { live, failed } = spec.result;
  const analysis: Analysis = analysisFromDigest(EXAMPLE_DIGEST, sessionId, {
    live,
    mask: failed.includes('attribute'),
    blur: failed.includes('quality'),
    nface: failed.includes('nface') ? 2 : 1,
  });
  const shown = { is_quality: flags.is_quality || failed.includes('quality'), is_attribute: flags.is_attribute || failed.includes('attribute') };
  return resultBody(analysis, shown, failOnCode(failed), timestamp);
}
