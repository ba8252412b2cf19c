import { ArmedCapacityError, type Engine } from '../engine/engine.js';
import { MAX_SCENARIO_NAME } from '../engine/limits.js';
import { jsonResponse, problemResponse } from '../engine/problem.js';
import { compileRoutes, matchRoute } from '../engine/routes.js';
import type { SimRequest, SimResponse } from '../engine/types.js';
import { VERSION } from '../version.js';
import type { ScenarioSet } from '../scenarios/scenario-set.js';
import { faultRoutes } from './faults.js';
import { scenarioListing, scenarioRoutes } from './scenarios.js';
import { badRequest, parseDuration, readJsonObject } from './input.js';
import { credentialFrom, EVERYONE, filterFrom, scopeFrom } from './scope.js';
import { createAdminGuard, type AdminGuardOptions } from './guard.js';

export interface AdminApiOptions extends AdminGuardOptions {
  /** Why the simulator does not take traffic now (it is stopping), if so: `/__sim/ready` then answers 503. */
  notReady?: (() => string | undefined) | undefined;
}

/**
 * The admin API under /__sim: health, scenarios (list, add, replace, delete, arm, disarm), the request journal, the
 * clock, reset, and each vendor's own admin routes (/__sim/<vendor>/...). Transport-neutral, so
 * msw and Express serve the same API. JSON in and out; errors are problem+json.
 * Teams may share one simulator: a call that changes something names its scope, a credential or
 * "*" (scope.ts), and reads filter by `?credential=`.
 */
export function createAdminApi(engine: Engine, options: AdminApiOptions & { scenarios: ScenarioSet }) {
  const guard = createAdminGuard(options);
  const vendors = [...engine.vendors.values()];
  const vendorAdminRoutes = compileRoutes(
    vendors,
    (v) => v.adminRoutes ?? [],
    (v) => `/__sim/${v.id}`,
  );

  type Handler = (req: SimRequest, params: Record<string, string>) => SimResponse | Promise<SimResponse>;
  const routes: { method: string; pattern: RegExp; handler: Handler }[] = [
    { method: 'GET', pattern: /^\/__sim\/health$/, handler: health },
    { method: 'GET', pattern: /^\/__sim\/ready$/, handler: ready },
    { method: 'GET', pattern: /^\/__sim\/scenarios$/, handler: listScenarios },
    { method: 'GET', pattern: /^\/__sim\/scenarios\/armed$/, handler: listArmed },
    { method: 'POST', pattern: /^\/__sim\/scenarios\/armed$/, handler: arm },
    { method: 'DELETE', pattern: /^\/__sim\/scenarios\/armed$/, handler: disarmMany },
    { method: 'DELETE', pattern: /^\/__sim\/scenarios\/armed\/(?<armId>[^/]+)$/, handler: disarmOne },
    ...scenarioRoutes(engine, options.scenarios),
    { method: 'GET', pattern: /^\/__sim\/requests$/, handler: listRequests },
    { method: 'GET', pattern: /^\/__sim\/requests\/count$/, handler: (req) => jsonResponse(200, { count: engine.journal.count(journalQuery(req)) }) },
    { method: 'DELETE', pattern: /^\/__sim\/requests$/, handler: clearRequests },
    { method: 'GET', pattern: /^\/__sim\/clock$/, handler: clock },
    { method: 'POST', pattern: /^\/__sim\/clock$/, handler: moveClock },
    { method: 'POST', pattern: /^\/__sim\/reset$/, handler: reset },
    ...faultRoutes(engine),
  ];

  async function handle(req: SimRequest): Promise<SimResponse> {
    const path = req.path.replace(/\/$/, '');
    const refused = guard(req, path);
    if (refused) return refused;
    let allowed: string[] = [];
    for (const route of routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method === req.method) return route.handler(req, found.groups ?? {});
      allowed.push(route.method);
    }
    const vendorMatch = matchRoute(vendorAdminRoutes, req.method, path);
    if (vendorMatch.kind === 'found') {
      const { vendor, route, params } = vendorMatch;
      // A vendor's admin call names its account itself (e.g. ADVANCE.AI's `accessKey`): no credential here.
      return vendor.handleAdmin!({ req, route, params, credential: undefined, scenario: undefined, ctx: engine.contextFor(vendor, undefined, req) });
    }
    if (vendorMatch.kind === 'wrong-method') allowed = allowed.concat(vendorMatch.allowed);
    if (allowed.length > 0) {
      return problemResponse(
        {
          type: 'method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: `[liveness-sim] ${req.method} ${path} is not an admin call; this path takes ${allowed.join(', ')}.`,
        },
        { Allow: allowed.join(', ') },
      );
    }
    return problemResponse({
      type: 'no-route',
      title: 'No such admin route',
      status: 404,
      detail: `[liveness-sim] no admin route ${req.method} ${req.path}. The admin API is documented in the README ("Admin API").`,
    });
  }

  /** Readiness, apart from liveness (health): scenarios are loaded before the server listens, so only a stop makes it not ready. */
  function ready(): SimResponse {
    const reason = options.notReady?.();
    if (reason) return problemResponse({ type: 'not-ready', title: 'Not ready', status: 503, detail: `[liveness-sim] ${reason}` });
    return jsonResponse(200, { status: 'ready', scenarios: engine.scenarios().size });
  }

  function health(): SimResponse {
    return jsonResponse(200, {
      status: 'ok',
      version: VERSION,
      vendors: vendors.map((v) => v.id),
      scenarios: engine.scenarios().size,
      now: new Date(engine.clock.now()).toISOString(),
    });
  }

  function listScenarios(req: SimRequest): SimResponse {
    const vendor = req.query.vendor;
    const list = [...engine.scenarios().values()].filter((s) => vendor === undefined || s.vendor === vendor).map(scenarioListing);
    return jsonResponse(200, { scenarios: list });
  }

  function arm(req: SimRequest): SimResponse {
    const body = readJsonObject(req);
    if (!body.ok) return body.error;
    const { scenario, times = null } = body.value;
    if (typeof scenario !== 'string') return badRequest('scenario', 'give the scenario id to arm, e.g. {"scenario": "fpt/no-face"}');
    if (scenario.length > MAX_SCENARIO_NAME) return badRequest('scenario', `a scenario id of at most ${MAX_SCENARIO_NAME} characters (got ${scenario.length})`);
    if (!engine.scenarios().has(scenario)) {
      return problemResponse({
        type: 'unknown-scenario',
        title: 'Unknown scenario',
        status: 404,
        detail: `[liveness-sim] field "scenario": no scenario "${scenario}" is loaded. GET /__sim/scenarios lists them.`,
        scenario,
      });
    }
    const credential = credentialFrom(body.value, 'body');
    if (!credential.ok) return credential.error;
    if (times !== null && (!Number.isInteger(times) || (times as number) < 1))
      return badRequest('times', 'a whole number of requests, 1 or more, or null for until disarmed');
    try {
      return jsonResponse(201, engine.arm(scenario, { credential: credential.value === EVERYONE ? null : credential.value, times: times as number | null }));
    } catch (error) {
      if (!(error instanceof ArmedCapacityError)) throw error;
      return problemResponse({
        type: 'too-many-armed',
        title: 'Too many armed scenarios',
        status: 409,
        detail: `[liveness-sim] ${error.capacity} scenarios are armed already (the armedCapacity limit): disarm some (DELETE /__sim/scenarios/armed) or raise armedCapacity in the config file.`,
        capacity: error.capacity,
      });
    }
  }

  /** What is armed; with `?credential=`, what applies to that credential: its own and everyone's. */
  function listArmed(req: SimRequest): SimResponse {
    const filter = filterFrom(engine, req.query);
    if (!filter.ok) return filter.error;
    const { owned, vendor } = filter.value;
    const armed = engine.armed().filter((a) => {
      const of = engine.scenarios().get(a.scenarioId)?.vendor;
      return (vendor === undefined || of === vendor) && (owned === undefined || a.credential === null || (of !== undefined && owned(of, a.credential)));
    });
    return jsonResponse(200, { armed });
  }

  function disarmMany(req: SimRequest): SimResponse {
    const scope = scopeFrom(req.query, 'query');
    if (!scope.ok) return scope.error;
    return jsonResponse(200, { disarmed: engine.disarm(scope.value === EVERYONE ? {} : scope.value) });
  }

  function disarmOne(_req: SimRequest, params: Record<string, string>): SimResponse {
    const count = engine.disarm({ armId: params.armId! });
    if (count === 0)
      return problemResponse({
        type: 'not-armed',
        title: 'Not armed',
        status: 404,
        detail: `[liveness-sim] nothing is armed with armId "${params.armId}". GET /__sim/scenarios/armed lists what is.`,
      });
    return jsonResponse(200, { disarmed: count });
  }

  function journalQuery(req: SimRequest) {
    const { vendor, path, credential, scenario } = req.query;
    // Given the key or its label: the journal keeps labels (credentialLabel), compared under each entry's vendor.
    const owned = credential === undefined || credential === EVERYONE ? undefined : engine.credentialMatch(credential);
    return { vendor, path, credential: owned, scenario };
  }

  function listRequests(req: SimRequest): SimResponse {
    const limit = req.query.limit === undefined ? undefined : Number(req.query.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) return badRequest('limit', 'a whole number, 0 or more');
    const query = journalQuery(req);
    return jsonResponse(200, { total: engine.journal.count(query), capacity: engine.journal.capacity, requests: engine.journal.query({ ...query, limit }) });
  }

  /** Clears the journal, or one credential's entries only. */
  function clearRequests(req: SimRequest): SimResponse {
    const scope = scopeFrom(req.query, 'query');
    if (!scope.ok) return scope.error;
    if (scope.value !== EVERYONE)
      return jsonResponse(200, { cleared: engine.journal.remove({ credential: engine.credentialMatch(scope.value.credential, scope.value.vendor) }) });
    const cleared = engine.journal.count();
    engine.journal.clear();
    return jsonResponse(200, { cleared });
  }

  function clock(): SimResponse {
    const now = engine.clock.now();
    return jsonResponse(200, { now: new Date(now).toISOString(), nowMs: now, offsetMs: engine.clock.offsetMs() });
  }

  /**
   * The clock is one for all: ADVANCE.AI verifies a token's expiry on it before the request's
   * credential is known, and media URLs and the store's expiry carry no credential (README "Sharing
   * one simulator between teams"). So moving it is always for everyone, and says so with "*".
   */
  function moveClock(req: SimRequest): SimResponse {
    const body = readJsonObject(req);
    if (!body.ok) return body.error;
    const credential = credentialFrom(body.value, 'body');
    if (!credential.ok) return credential.error;
    if (credential.value !== EVERYONE)
      return badRequest(
        'credential',
        `"${EVERYONE}" only: the clock is shared by every credential, so moving it moves it for everyone; say so with "credential": "${EVERYONE}"`,
      );
    const ms = parseDuration(body.value.advance);
    if (ms === undefined) return badRequest('advance', 'how far to move the clock forward: milliseconds (86400000) or a duration ("90s", "15m", "24h", "2d")');
    const room = engine.clock.maxOffsetMs - engine.clock.offsetMs();
    if (ms > room)
      return badRequest(
        'advance',
        `from 0 to ${room} ms (${formatDays(room)}): the clock moves at most ${formatDays(engine.clock.maxOffsetMs)} forward in total (the maxClockOffset limit); POST /__sim/reset brings it back`,
      );
    engine.clock.advance(ms);
    return clock();
  }

  /** Everyone's ("*"), or one credential's: its state, sequences, armings, faults and journal entries. */
  function reset(req: SimRequest): SimResponse {
    const body = readJsonObject(req);
    if (!body.ok) return body.error;
    const scope = scopeFrom(body.value, 'body');
    if (!scope.ok) return scope.error;
    engine.reset(scope.value);
    const of = scope.value === EVERYONE || scope.value.vendor === undefined ? vendors.map((v) => v.id) : [scope.value.vendor];
    return jsonResponse(200, { reset: true, vendors: of });
  }

  return { handle };
}

function formatDays(ms: number): string {
  return `${Math.floor((ms / 86_400_000) * 1000) / 1000}d`;
}
