import type { Engine } from '../engine/engine.js';
import { jsonResponse, problemResponse } from '../engine/problem.js';
import type { SimRequest, SimResponse } from '../engine/types.js';
import { parseScenarioObject, readScenarioYaml } from '../scenarios/parse.js';
import { RUNTIME_SCENARIO_CAPACITY, RUNTIME_SOURCE, type ScenarioSet } from '../scenarios/scenario-set.js';
import type { Scenario } from '../scenarios/types.js';
import { badRequest, unreadable } from './input.js';

/** A scenario as GET /__sim/scenarios lists it. */
export type ScenarioListing = ReturnType<typeof scenarioListing>;

export function scenarioListing(s: Scenario) {
  return {
    id: s.id,
    vendor: s.vendor,
    description: s.description,
    outcomes: s.steps.map((step) => step.outcome),
    loop: s.loop,
    when: s.when ?? null,
    skipRequestChecks: s.skipRequestChecks ?? false,
    source: s.source,
  };
}

/** How the problems of a refused body are prefixed: the way a file's name the file. */
const BODY = 'body';

/** A scenario is a few hundred bytes; anything far past that is refused before a parser sees it. */
export const MAX_SCENARIO_BODY_BYTES = 64 * 1024;

/**
 * Runtime scenarios (README "Admin API"): `POST /__sim/scenarios` adds one, `PUT
 * /__sim/scenarios/{vendor}/{name}` adds or replaces one, `DELETE` removes one. A body is one
 * scenario, JSON or (with a YAML content type) YAML, checked by the files' own parser: the same
 * messages, every problem at once, and nothing changes when there is one. Runtime scenarios are
 * tried before the files' and survive file reloads and resets; only DELETE (or a restart) drops
 * them. One with the id of a file's scenario replaces it while it exists (PUT); a file's own
 * scenario is not deleted here: its file is the place to change it.
 */
export function scenarioRoutes(engine: Engine, set: ScenarioSet) {
  const vendorIds = () => [...engine.vendors.keys()];

  /** The body as a scenario, or the problem: 400 naming each problem. */
  function readScenario(req: SimRequest, pathId?: string): { ok: true; scenario: Scenario } | { ok: false; problem: SimResponse } {
    if (req.body.kind === 'empty')
      return { ok: false, problem: badRequest('body', 'send one scenario as JSON, or as YAML with Content-Type: application/yaml') };
    if (req.body.kind === 'unreadable') return { ok: false, problem: unreadable(req.body.reason) };
    if (req.body.kind !== 'bytes')
      return { ok: false, problem: badRequest('body', 'send one scenario as JSON, or as YAML with Content-Type: application/yaml') };
    if (req.body.bytes.length > MAX_SCENARIO_BODY_BYTES)
      return {
        ok: false,
        problem: problemResponse({
          type: 'bad-admin-request',
          title: 'Bad admin request',
          status: 413,
          detail: `[liveness-sim] field "body": one scenario is at most ${MAX_SCENARIO_BODY_BYTES} bytes (got ${req.body.bytes.length}); nothing changed.`,
          field: 'body',
        }),
      };
    const text = new TextDecoder().decode(req.body.bytes);
    const yaml = /\byaml\b/i.test(req.body.contentType);
    let data: unknown;
    if (yaml) {
      const read = readScenarioYaml(text, BODY);
      if (!read.ok) return refused(read.errors);
      data = read.value;
    } else {
      try {
        data = JSON.parse(text);
      } catch (error) {
        return refused([`${BODY}: not valid JSON: ${(error as Error).message} (YAML needs Content-Type: application/yaml)`]);
      }
    }
    if (pathId !== undefined && data && typeof data === 'object' && !Array.isArray(data)) {
      const given = (data as Record<string, unknown>).id;
      if (given === undefined) data = { ...data, id: pathId };
      else if (given !== pathId)
        return refused([`${BODY}: /id: ${JSON.stringify(given)} is not the id in the path ("${pathId}"); leave it out or make them the same`]);
    }
    const parsed = parseScenarioObject(data, BODY, engine.vendors);
    if (!parsed.ok) return refused(parsed.errors);
    return { ok: true, scenario: { ...parsed.scenario, source: RUNTIME_SOURCE } };
  }

  function refused(errors: string[]): { ok: false; problem: SimResponse } {
    set.refuse('admin', errors);
    return {
      ok: false,
      problem: problemResponse({
        type: 'invalid-scenario',
        title: 'Invalid scenario',
        status: 400,
        detail: `[liveness-sim] the scenario is refused, nothing changed: ${errors.join('; ')}`,
        errors,
      }),
    };
  }

  function full(): SimResponse {
    return problemResponse({
      type: 'too-many-runtime-scenarios',
      title: 'Too many runtime scenarios',
      status: 409,
      detail: `[liveness-sim] ${RUNTIME_SCENARIO_CAPACITY} scenarios were added through the admin API already: delete some (DELETE /__sim/scenarios/{vendor}/{name}) or put them in a scenario folder.`,
      capacity: RUNTIME_SCENARIO_CAPACITY,
    });
  }

  function idFrom(params: Record<string, string>): string {
    return `${params.vendor!}/${params.name!}`;
  }

  function unknown(id: string): SimResponse {
    return problemResponse({
      type: 'unknown-scenario',
      title: 'Unknown scenario',
      status: 404,
      detail: `[liveness-sim] no scenario "${id}" is loaded. GET /__sim/scenarios lists them.`,
      scenario: id,
    });
  }

  function getOne(_req: SimRequest, params: Record<string, string>): SimResponse {
    const id = idFrom(params);
    const scenario = engine.scenarios().get(id);
    return scenario ? jsonResponse(200, scenarioListing(scenario)) : unknown(id);
  }

  function add(req: SimRequest): SimResponse {
    const read = readScenario(req);
    if (!read.ok) return read.problem;
    const { scenario } = read;
    const existing = set.runtime(scenario.id) ?? set.fromFiles(scenario.id);
    if (existing) {
      return problemResponse({
        type: 'scenario-exists',
        title: 'Scenario exists',
        status: 409,
        detail: `[liveness-sim] "${scenario.id}" exists already (${existing.source === RUNTIME_SOURCE ? 'added through the admin API' : `defined by ${existing.source}`}): PUT /__sim/scenarios/${scenario.id} replaces it.`,
        scenario: scenario.id,
        source: existing.source,
      });
    }
    const put = set.put(scenario);
    if (!put) return full();
    return jsonResponse(201, scenarioListing(scenario));
  }

  function replace(req: SimRequest, params: Record<string, string>): SimResponse {
    const read = readScenario(req, idFrom(params));
    if (!read.ok) return read.problem;
    const put = set.put(read.scenario);
    if (!put) return full();
    return jsonResponse(put.created ? 201 : 200, scenarioListing(read.scenario));
  }

  function remove(_req: SimRequest, params: Record<string, string>): SimResponse {
    const id = idFrom(params);
    const removed = set.remove(id);
    if (removed) {
      const disarmed = removed.reload.ok ? removed.reload.disarmed.length : 0;
      return jsonResponse(200, { deleted: id, disarmed, restored: removed.restored ? scenarioListing(removed.restored) : null });
    }
    const fromFile = set.fromFiles(id);
    if (fromFile) {
      return problemResponse({
        type: 'scenario-from-file',
        title: 'Scenario from a file',
        status: 409,
        detail: `[liveness-sim] "${id}" is defined by ${fromFile.source}, not through the admin API: change or delete the file, or PUT /__sim/scenarios/${id} to replace it at run time.`,
        scenario: id,
        source: fromFile.source,
      });
    }
    if (!vendorIds().includes(id.split('/')[0] as never))
      return badRequest('vendor', `one of ${vendorIds().join(', ')} (the path is /__sim/scenarios/{vendor}/{name})`);
    return unknown(id);
  }

  /** `{vendor}/{name}`: never the `armed` routes'. */
  const one = /^\/__sim\/scenarios\/(?!armed\/)(?<vendor>[^/]+)\/(?<name>[^/]+)$/;
  return [
    { method: 'POST', pattern: /^\/__sim\/scenarios$/, handler: add },
    { method: 'GET', pattern: one, handler: getOne },
    { method: 'PUT', pattern: one, handler: replace },
    { method: 'DELETE', pattern: one, handler: remove },
  ];
}
