import type { Engine } from '../engine/engine.js';
import { faultRuleFrom, latencyRuleFrom } from '../engine/fault-spec.js';
import { MAX_ARMED_FAULTS } from '../engine/fault-control.js';
import { jsonResponse, problemResponse } from '../engine/problem.js';
import { VENDOR_IDS, type SimRequest, type SimResponse, type VendorId } from '../engine/types.js';
import { badRequest, readJsonObject } from './input.js';
import { credentialFrom, EVERYONE, filterFrom, scopeFrom } from './scope.js';

/**
 * `/__sim/faults`: arm a network fault and/or a latency for a vendor or all, a credential or
 * everyone ("*", named: scope.ts), for N requests or until disarmed, whatever scenario answers
 * (README "Faults and latency").
 * Apart from scenario arming on purpose: "5 % of everyone's requests reset" names no outcome.
 */
export function faultRoutes(engine: Engine) {
  /** What is armed; with `?credential=` (and `?vendor=`), what applies to that credential: its own and everyone's. */
  function list(req: SimRequest): SimResponse {
    const filter = filterFrom(engine, req.query);
    if (!filter.ok) return filter.error;
    const { owned, vendor } = filter.value;
    const armed = engine.faults
      .armed()
      .filter(
        (a) =>
          (vendor === undefined || a.vendor === null || a.vendor === vendor) &&
          (owned === undefined || a.credential === null || (a.vendor !== null && owned(a.vendor, a.credential))),
      );
    return jsonResponse(200, { seed: engine.faults.seed, armed });
  }

  function arm(req: SimRequest): SimResponse {
    const body = readJsonObject(req);
    if (!body.ok) return body.error;
    const { fault, latency, vendor = null, credential: given, times = null, ...rest } = body.value;
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) return badRequest(unknown, 'not a field here (known: fault, latency, vendor, credential, times)');
    if (fault === undefined && latency === undefined)
      return badRequest('fault', 'give a fault, a latency or both, e.g. {"fault": {"type": "reset", "probability": 0.05}}');
    const faultRule = fault === undefined ? undefined : faultRuleFrom(fault);
    if (faultRule && !faultRule.ok) return badRequest('fault', faultRule.error);
    const latencyRule = latency === undefined ? undefined : latencyRuleFrom(latency);
    if (latencyRule && !latencyRule.ok) return badRequest('latency', latencyRule.error);
    if (vendor !== null && !(VENDOR_IDS as readonly unknown[]).includes(vendor))
      return badRequest('vendor', `one of ${VENDOR_IDS.join(', ')}, or null for every vendor`);
    const named = credentialFrom({ credential: given }, 'body');
    if (!named.ok) return named.error;
    const credential = named.value === EVERYONE ? null : named.value;
    // A credential belongs to one vendor, and is kept as that vendor's label (never an FPT key).
    if (credential !== null && vendor === null) return badRequest('vendor', 'name the vendor whose credential this is (fpt, verihubs, advance)');
    if (times !== null && (!Number.isInteger(times) || (times as number) < 1))
      return badRequest('times', 'a whole number of requests, 1 or more, or null for until disarmed');
    const entry = engine.faults.arm(
      {
        vendor: vendor as VendorId | null,
        credential: credential === null ? null : engine.credentialLabel(vendor as VendorId, credential),
        fault: faultRule?.value ?? null,
        latency: latencyRule?.value ?? null,
        remaining: times as number | null,
      },
      engine.clock.now(),
    );
    if (!entry)
      return problemResponse({
        type: 'too-many-armed-faults',
        title: 'Too many armed faults',
        status: 409,
        detail: `[liveness-sim] ${MAX_ARMED_FAULTS} faults are armed already: disarm some first (DELETE /__sim/faults).`,
      });
    return jsonResponse(201, entry);
  }

  /** Disarms every fault ("*"), or those armed for one credential (never everyone's). */
  function disarmMany(req: SimRequest): SimResponse {
    const scope = scopeFrom(req.query, 'query');
    if (!scope.ok) return scope.error;
    if (scope.value === EVERYONE) return jsonResponse(200, { disarmed: engine.faults.disarm() });
    const owned = engine.credentialMatch(scope.value.credential, scope.value.vendor);
    return jsonResponse(200, { disarmed: engine.faults.disarm((a) => a.vendor !== null && a.credential !== null && owned(a.vendor, a.credential)) });
  }

  function disarmOne(_req: SimRequest, params: Record<string, string>): SimResponse {
    const count = engine.faults.disarm(params.faultId);
    if (count === 0)
      return problemResponse({
        type: 'not-armed',
        title: 'Not armed',
        status: 404,
        detail: `[liveness-sim] no fault is armed with faultId "${params.faultId}". GET /__sim/faults lists what is.`,
      });
    return jsonResponse(200, { disarmed: count });
  }

  return [
    { method: 'GET', pattern: /^\/__sim\/faults$/, handler: list },
    { method: 'POST', pattern: /^\/__sim\/faults$/, handler: arm },
    { method: 'DELETE', pattern: /^\/__sim\/faults$/, handler: disarmMany },
    { method: 'DELETE', pattern: /^\/__sim\/faults\/(?<faultId>[^/]+)$/, handler: disarmOne },
  ];
}
