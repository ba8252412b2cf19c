import type { Vendor, VendorResult } from '../../engine/vendor.js';
import { handleAdmin } from './admin.js';
import { isOutcomeName, OUTCOMES } from './codes.js';
import { answer, renderEnvelope } from './envelope.js';
import { authenticateCall } from './auth.js';
import { REQUEST_READERS } from './requests.js';
import { factNames, facts } from './facts.js';
import { reply, type AdvanceCall, type AdvanceHandler } from './handlers/call.js';
import { detectionResult } from './handlers/detection-result.js';
import { authLicense } from './handlers/license.js';
import { unknownPath } from './handlers/not-found.js';
import { generateSignatureId } from './handlers/signature-id.js';
import { generateToken } from './handlers/token.js';
import { clearData, getVideo } from './handlers/video-and-clear.js';
import { serveMedia } from './media.js';
import { adminRoutes, routeByName, routes, type Handler } from './routes.js';
import { defaults, schema, type AdvanceSettings } from './settings.js';

/** ADVANCE.AI liveness: the server side of the SDK flow (vendors/advance/README.md; the seed: the vendor's page). */
export const advance: Vendor<AdvanceSettings> = {
  id: 'advance',
  title: 'ADVANCE.AI Liveness Detection',
  routes,
  adminRoutes,
  outcomes: OUTCOMES,
  settings: { defaults, schema },
  factNames,
  facts,
  authenticate: authenticateCall,
  checkRequest,
  exampleBody: (outcome) => renderEnvelope({ outcome: isOutcomeName(outcome) ? outcome : 'error', data: EXAMPLE_RESULT, pricing: 'PAY' }),
  handle,
  handleAdmin,
  methodNotAllowed,
};

const HANDLERS: Record<Exclude<Handler, 'media'>, AdvanceHandler> = {
  token: generateToken,
  'signature-id': generateSignatureId,
  license: authLicense,
  'detection-result': detectionResult,
  'get-video': getVideo,
  'clear-data': clearData,
  'not-found': unknownPath,
};

/** Before a scenario answers: the operation's request, as its handler reads it (requests.ts). */
function checkRequest({ req, route, ctx }: Omit<AdvanceCall, 'scenario'>): VendorResult | undefined {
  const handler = routeByName.get(route.name)?.handler;
  const read = handler === undefined ? undefined : REQUEST_READERS[handler]?.(req, route);
  if (!read || read.ok) return undefined;
  return { response: answer(ctx.settings, { outcome: read.error }), code: OUTCOMES[read.error].code };
}

/** A call that passed `authenticate` (auth.ts). */
async function handle(call: AdvanceCall): Promise<VendorResult> {
  const route = routeByName.get(call.route.name)!;
  // The CDN is not the vendor's API: scenarios do not apply to it.
  if (route.handler === 'media') {
    const folder = call.route.path.split('/')[1]!;
    const served = serveMedia(call.ctx, folder, call.params.name ?? '');
    return { response: served.response, ...(served.accessKey ? { credential: served.accessKey } : {}) };
  }
  const { scenario } = call;
  if (scenario && scenario.outcome !== 'success' && isOutcomeName(scenario.outcome)) {
    // A scenario chose an error: answered as it is, before the flow (codes.ts).
    const outcome = scenario.outcome;
    return { response: answer(call.ctx.settings, { outcome, set: scenario.set }), code: OUTCOMES[outcome].code };
  }
  return HANDLERS[route.handler](call);
}

/** advance.md "Conventions": CLIENT_ERROR "HTTP 405 - Method Not Allowed" on the vendor's paths. */
function methodNotAllowed(call: AdvanceCall): VendorResult {
  if (routeByName.get(call.route.name)?.handler === 'media') {
    return { response: { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }, body: 'Method Not Allowed' } };
  }
  return reply({ ...call, scenario: undefined }, 'client-error-405');
}

/** The seed's first example, so scenario overrides (`data.livenessScore`, `data.attackType`...) are checked at load. */
const EXAMPLE_RESULT = {
  detectionResult: 'http://localhost:8080/standard-images/random_20180929195400851_1478837456',
  livenessScore: 100.0,
  auditImageUrl: null,
  imageFarUrl: 'http://localhost:8080/standard-images/random_20180929195400851_1478837457',
  farImageTime: 1713247589908,
  imageNearUrl: 'http://localhost:8080/standard-images/random_20180929195400851_1478837458',
  nearImageTime: 1713247589908,
  attackType: null,
  attackSubType: null,
};
