import { selectScenario, stepAt, toVendorStep, type Selection } from '../scenarios/select.js';
import { closest } from '../scenarios/suggest.js';
import type { ArmedScenario, Scenario, ScenarioStepDef } from '../scenarios/types.js';
import { createClock, type Clock } from './clock.js';
import { describeRequest } from './describe.js';
import { memoizedSha256, webSha256, type Sha256 } from './digest.js';
import { createFaultControl, type FaultControl } from './fault-control.js';
import { withFaults } from './faults.js';
import { createThrottle, type ThrottleRules } from './throttle.js';
import { createJournal, type CredentialMatch, type Journal } from './journal.js';
import { without } from './headers.js';
import { DEFAULT_LIMITS, MAX_SCENARIO_NAME, type EngineLimits } from './limits.js';
import { LruMap } from './lru.js';
import { originOf } from './origin.js';
import { problemResponse } from './problem.js';
import { compileRoutes, matchRoute } from './routes.js';
import { createMemoryStore, SHARED, type StateStore } from './store.js';
import type { SimRequest, SimResponse, VendorId } from './types.js';
import type { AnyVendor, AuthContext, RouteDef, ScenarioStep, VendorContext, VendorResult } from './vendor.js';

export const SCENARIO_HEADER = 'x-sim-scenario';

export interface EngineOptions {
  /** The vendors served; none by default (the library entry, src/index.ts, defaults to all). */
  vendors?: readonly AnyVendor[];
  scenarios?: readonly Scenario[];
  /** Per-vendor settings, already merged over the vendor's defaults (see config/settings.ts). */
  settings?: Partial<Record<VendorId, unknown>>;
  clock?: Clock;
  store?: StateStore;
  journalCapacity?: number;
  /** Caps on what the engine keeps (README "Limits"); each defaults to DEFAULT_LIMITS. */
  limits?: Partial<EngineLimits>;
  /** The simulator's own host[:port], for served URLs when a request's Host is missing or malformed. */
  ownHost?: () => string;
  /** Seed of the generator behind fault probabilities and latency draws; default: random. */
  seed?: number | undefined;
  /** Requests per window per credential, per vendor (config/throttle.ts); default: none. */
  throttle?: ThrottleRules;
  /** `--validate-responses`: sees every vendor answer before it is sent, may replace it (simulator/contracts/check-response.ts). */
  checkResponse?: (vendor: VendorId, route: string, response: SimResponse) => SimResponse;
  /** SHA-256 for the journal and the vendors (`ctx.sha256`); default WebCrypto. Node passes node:crypto (simulator/node/sha256.ts). */
  sha256?: Sha256;
}

/**
 * Whom a state-changing admin call concerns: everyone (`'*'`), or one credential (the key or its
 * label, as arming takes it), of any vendor or of `vendor` only. Teams sharing one simulator name
 * their own credential, so they never disturb each other (README "Sharing one simulator between teams").
 */
export type CredentialScope = '*' | { credential: string; vendor?: VendorId };

/** Thrown by `arm` when `armedCapacity` scenarios are already armed. */
export class ArmedCapacityError extends RangeError {
  constructor(readonly capacity: number) {
    super(`${capacity} scenarios are armed already (armedCapacity)`);
  }
}

export interface Engine {
  /**
   * Answers a vendor request, or the simulator's own 404/405. The admin API (`/__sim/...`) is a
   * layer above the engine (simulator/simulator.ts composes the two): the engine knows nothing of it.
   */
  handle(req: SimRequest): Promise<SimResponse>;
  readonly vendors: ReadonlyMap<VendorId, AnyVendor>;
  scenarios(): ReadonlyMap<string, Scenario>;
  /**
   * Swap the scenario set whole (start-up, reload): a request sees the old set or the new one,
   * never a mix. Armed scenarios whose id vanished are disarmed; they are returned.
   */
  replaceScenarios(list: readonly Scenario[]): ArmedScenario[];
  /** `credential` may be the key or its label; the entry keeps the label (credentialLabel). */
  arm(scenarioId: string, options?: { credential?: string | null; times?: number | null }): ArmedScenario;
  armed(): readonly ArmedScenario[];
  /** Disarms by id, or those armed for `credential` (the key or its label; of `vendor` only when given), or all; how many. */
  disarm(filter?: { armId?: string; credential?: string; vendor?: VendorId }): number;
  /** How the journal and the admin API show a vendor's credential: a label for a secret key, else as is. */
  credentialLabel(vendor: VendorId, credential: string): string;
  /** A test of whether a vendor's credential label is `credential` (the key or its label), of `vendor` only when given. */
  credentialMatch(credential: string, vendor?: VendorId): CredentialMatch;
  settings(vendor: VendorId): unknown;
  /** What a vendor handler sees of the engine for one request. */
  contextFor(vendor: AnyVendor, credential: string | undefined, req: SimRequest): VendorContext<unknown>;
  readonly journal: Journal;
  readonly clock: Clock;
  readonly store: StateStore;
  /** Armed faults, the fault headers and the seeded generator (engine/fault-control.ts). */
  readonly faults: FaultControl;
  /**
   * `'*'` (the default): forget all state, armed scenarios and faults, sequences, throttle windows
   * and the journal; the clock returns to real time and the fault generator restarts from its seed.
   * One credential: forget only its state partitions, sequence positions, throttle windows, the
   * scenarios and faults armed for it and its journal entries; what is armed for everyone, the
   * clock and the generator are shared and stay.
   */
  reset(scope?: CredentialScope): void;
  /** Every vendor route, for start-up banners and 404 answers. */
  routeList(): { vendor: VendorId; methods: readonly string[]; path: string }[];
}

/**
 * The pure engine: no file is read, nothing is assumed. With no options it serves no vendor (every
 * path is the simulator's 404); `createEngine` of the library entry (src/index.ts) brings the
 * vendors, their settings and the shipped scenarios.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const vendorList = options.vendors ?? [];
  const vendors = new Map(vendorList.map((v) => [v.id, v] as const));
  const settings = new Map(vendorList.map((v) => [v.id, options.settings?.[v.id] ?? v.settings.defaults] as const));
  const limits: EngineLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const clock = options.clock ?? createClock(Date.now, { maxOffsetMs: limits.maxClockOffsetMs });
  const store =
    options.store ?? createMemoryStore({ credentialCapacity: limits.credentialCapacity, partitionCapacity: limits.partitionCapacity, now: clock.now });
  const journal = createJournal(options.journalCapacity);
  const faults = createFaultControl({ seed: options.seed });
  const throttle = createThrottle(options.throttle);
  const sha256 = memoizedSha256(options.sha256 ?? webSha256);
  const vendorRoutes = compileRoutes(vendorList, (v) => v.routes);
  let scenarios = new Map<string, Scenario>();
  let armed: ArmedScenario[] = [];
  /** Armed entries by credential (null: everyone), so selection reads two short lists, not them all. */
  let armedIndex = new Map<string | null, ArmedScenario[]>();
  let nextArmId = 1;
  /** Uses of each scenario per credential label, for sequences; bounded like the credentials' state. */
  const sequenceCounts = new LruMap<string, { vendor: VendorId; label: string | undefined; count: number }>(limits.credentialCapacity);

  const engine: Engine = {
    vendors,
    clock,
    store,
    journal,
    faults,
    scenarios: () => scenarios,
    settings: (vendor): unknown => settings.get(vendor),
    replaceScenarios(list) {
      const next = new Map(list.map((s) => [s.id, s]));
      const dropped = armed.filter((a) => !next.has(a.scenarioId));
      scenarios = next;
      setArmed(armed.filter((a) => next.has(a.scenarioId)));
      return dropped;
    },
    arm(scenarioId, { credential = null, times = null } = {}) {
      if (!scenarios.has(scenarioId)) throw new RangeError(`unknown scenario "${scenarioId}"`);
      if (armed.length >= limits.armedCapacity) throw new ArmedCapacityError(limits.armedCapacity);
      const entry: ArmedScenario = {
        armId: String(nextArmId++),
        scenarioId,
        credential: credential === null ? null : labelOf(scenarios.get(scenarioId)!.vendor, credential),
        remaining: times,
        armedAt: new Date(clock.now()).toISOString(),
      };
      setArmed([...armed, entry]);
      return entry;
    },
    armed: () => armed,
    disarm(filter = {}) {
      const before = armed.length;
      const owned = filter.credential === undefined ? undefined : credentialMatch(filter.credential, filter.vendor);
      setArmed(armed.filter((a) => !((filter.armId === undefined || a.armId === filter.armId) && (owned === undefined || ownedArming(a, owned)))));
      return before - armed.length;
    },
    reset(scope = '*') {
      if (scope !== '*') return forget(credentialMatch(scope.credential, scope.vendor));
      store.clear();
      journal.clear();
      setArmed([]);
      sequenceCounts.clear();
      faults.reset();
      throttle.reset();
      clock.reset();
    },
    credentialLabel: (vendor, credential) => labelOf(vendor, credential),
    credentialMatch: (credential, vendor) => credentialMatch(credential, vendor),
    contextFor: (vendor, credential, req) => contextFor(vendor, credential, req),
    routeList: () =>
      vendorRoutes.filter(({ route }) => !route.fallback).map(({ vendor, route }) => ({ vendor: vendor.id, methods: route.methods, path: route.path })),
    handle: (req) => handleVendor(req),
  };
  engine.replaceScenarios(options.scenarios ?? []);

  /** `set`: the scenario set the request started with (handleVendor), so a reload mid-request cannot mix two sets. */
  function contextFor(
    vendor: AnyVendor,
    credential: string | undefined,
    req: SimRequest,
    set: ReadonlyMap<string, Scenario> = scenarios,
  ): VendorContext<unknown> {
    return {
      now: clock.now,
      clock,
      state: store.partition(vendor.id, credential),
      stateOf: (other) => store.partition(vendor.id, other),
      shared: store.partition(vendor.id, SHARED),
      scenarioStep(id) {
        const scenario = set.get(id);
        return scenario && scenario.vendor === vendor.id ? toVendorStep(scenario, stepAt(scenario, 0)) : undefined;
      },
      settings: settings.get(vendor.id),
      sha256,
      origin: originOf(req.headers, options.ownHost?.() ?? 'localhost'),
    };
  }

  function labelOf(vendorId: VendorId, credential: string): string {
    const vendor = vendors.get(vendorId);
    return vendor?.credentialLabel ? vendor.credentialLabel(credential, settings.get(vendorId)) : credential;
  }

  /** Labels are per vendor (an FPT key's label is a hash): compare under each vendor, once. */
  function credentialMatch(credential: string, only?: VendorId): CredentialMatch {
    const labels = new Map<VendorId, string>();
    return (vendor, label) => {
      if (only !== undefined && vendor !== only) return false;
      let own = labels.get(vendor);
      if (own === undefined) labels.set(vendor, (own = labelOf(vendor, credential)));
      return label === own;
    };
  }

  /** Whether an armed scenario is armed for a credential of the scope (never one armed for everyone). */
  function ownedArming(entry: ArmedScenario, owned: CredentialMatch): boolean {
    const vendor = scenarios.get(entry.scenarioId)?.vendor;
    return entry.credential !== null && vendor !== undefined && owned(vendor, entry.credential);
  }

  /** A reset of one team: what is kept for its credential goes; what everyone shares stays. */
  function forget(owned: CredentialMatch): void {
    for (const vendor of vendors.keys()) store.forget(vendor, (credential) => owned(vendor, labelOf(vendor, credential)));
    sequenceCounts.deleteWhere((_key, use) => use.label !== undefined && owned(use.vendor, use.label));
    throttle.forget(owned);
    setArmed(armed.filter((a) => !ownedArming(a, owned)));
    faults.disarm((a) => a.vendor !== null && a.credential !== null && owned(a.vendor, a.credential));
    journal.remove({ credential: owned });
  }

  function setArmed(list: ArmedScenario[]): void {
    armed = list;
    armedIndex = new Map();
    for (const entry of list) {
      const same = armedIndex.get(entry.credential);
      if (same) same.push(entry);
      else armedIndex.set(entry.credential, [entry]);
    }
  }

  /** The armed entries that may answer this credential, in arming order. */
  function armedFor(credential: string | undefined): ArmedScenario[] {
    const everyone = armedIndex.get(null) ?? [];
    const own = credential === undefined ? undefined : armedIndex.get(credential);
    return own ? [...everyone, ...own] : everyone;
  }

  /** What the gate sees: no partition is opened for a caller not yet verified. */
  function authContextFor(vendor: AnyVendor): AuthContext<unknown> {
    return { now: () => clock.now(), settings: settings.get(vendor.id) as unknown, stateOf: (other) => store.partition(vendor.id, other), sha256 };
  }

  /** The scenario named by the header, or the simulator's own 400 when it names none. */
  function scenarioFromHeader(name: string | undefined, vendor: AnyVendor, set: ReadonlyMap<string, Scenario>): Scenario | SimResponse | undefined {
    if (name === undefined) return undefined;
    const id = name.trim();
    if (id.length > MAX_SCENARIO_NAME) {
      // Refused before the "closest" search, whose cost grows with the name's length.
      return problemResponse({
        type: 'unknown-scenario',
        title: 'Unknown scenario',
        status: 400,
        detail: `[liveness-sim] X-Sim-Scenario is ${id.length} characters long; scenario ids are at most ${MAX_SCENARIO_NAME}. List them with GET /__sim/scenarios.`,
      });
    }
    const scenario = set.get(id);
    if (scenario && scenario.vendor === vendor.id) return scenario;
    const ofVendor = [...set.values()].filter((s) => s.vendor === vendor.id).map((s) => s.id);
    return problemResponse({
      type: 'unknown-scenario',
      title: 'Unknown scenario',
      status: 400,
      detail: scenario
        ? `[liveness-sim] X-Sim-Scenario "${id}" is a ${scenario.vendor} scenario, but this is a ${vendor.id} route. Use one of the ${vendor.id}/... ids.`
        : `[liveness-sim] X-Sim-Scenario "${id}" names no loaded scenario. List them with GET /__sim/scenarios.`,
      scenario: id,
      closest: closest(id, ofVendor),
    });
  }

  /** Counts one use of the scenario by the credential (its label) and returns the step it is at. */
  function takeStep(scenario: Scenario, label: string | undefined): ScenarioStepDef {
    const key = `${scenario.id}\u0000${label ?? ''}`;
    const count = sequenceCounts.get(key)?.count ?? 0;
    sequenceCounts.set(key, { vendor: scenario.vendor, label, count: count + 1 });
    return stepAt(scenario, count);
  }

  function useArmed(entry: ArmedScenario): void {
    if (entry.remaining === null) return;
    entry.remaining -= 1;
    if (entry.remaining <= 0) setArmed(armed.filter((a) => a !== entry));
  }

  async function handleVendor(original: SimRequest): Promise<SimResponse> {
    const started = performance.now();
    const match = matchRoute(vendorRoutes, original.method, original.path);
    if (match.kind === 'none') return notFound(original);
    if (match.kind === 'wrong-method' && !match.vendor.methodNotAllowed) {
      return problemResponse(
        {
          type: 'method-not-allowed',
          title: 'Method not allowed',
          status: 405,
          detail: `[liveness-sim] ${original.method} ${original.path}: this ${match.vendor.id} route takes ${match.allowed.join(', ')}.`,
        },
        { Allow: match.allowed.join(', ') },
      );
    }
    const { vendor, route } = match;
    const params = match.kind === 'found' ? match.params : {};
    // The set this request is answered from, whole, whatever a reload swaps in meanwhile.
    const set = scenarios;
    // The scenario header is the simulator's, never the vendor's: strip it before the vendor sees it.
    const scenarioName = original.headers[SCENARIO_HEADER];
    const faultHeaders = faults.fromHeaders(scenarioName === undefined ? original.headers : without(original.headers, SCENARIO_HEADER));
    if ('problem' in faultHeaders) return faultHeaders.problem;
    const req: SimRequest = faultHeaders.headers === original.headers ? original : { ...original, headers: faultHeaders.headers };

    let response: SimResponse;
    let code: string | undefined;
    let credential: string | undefined;
    let selection: Selection | undefined;
    let stepDef: ScenarioStepDef | undefined;
    let throttled = false;
    try {
      const outcome = match.kind === 'found' ? await runStages(vendor, route, params, req, scenarioName, set) : await answerWrongMethod(vendor, route, req);
      if ('problem' in outcome) return outcome.problem;
      ({ credential, selection, stepDef, throttled = false } = outcome);
      response = outcome.result.response;
      code = outcome.result.code;
      credential = outcome.result.credential ?? credential;
    } catch (error) {
      // A bug of ours, not a vendor answer: say so plainly and keep serving.
      console.error(`[liveness-sim] ${vendor.id} ${route.name} failed:`, error);
      response = problemResponse({
        type: 'internal',
        title: 'Simulator error',
        status: 500,
        detail: `[liveness-sim] the ${vendor.id} simulator failed on ${req.method} ${req.path}: ${(error as Error).message}`,
      });
    }
    if (options.checkResponse) response = options.checkResponse(vendor.id, route.name, response);
    // The journal and the armed faults know a credential by its label only: hash it once.
    const label = credential === undefined ? undefined : labelOf(vendor.id, credential);
    response = withFaults(response, faults.choose({ vendor: vendor.id, credential: label, headers: faultHeaders.plan, step: stepDef }));

    const journaled = journal.add({
      at: new Date(clock.now()).toISOString(),
      vendor: vendor.id,
      route: route.name,
      method: req.method,
      path: req.path,
      credential: label ?? null,
      scenario: selection?.scenario.id ?? null,
      throttled,
      status: response.status,
      code: code ?? null,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      request: await describeRequest(req, sha256),
    });
    return { ...response, journaled };
  }

  type StagesOutcome =
    { problem: SimResponse } | { result: VendorResult; credential: string | undefined; selection?: Selection; stepDef?: ScenarioStepDef; throttled?: boolean };

  /**
   * DESIGN.md "Outcomes, scenarios and realism", in this order: authenticate (a refused call gets
   * the vendor's auth failure, touches no state, uses up no scenario), then, when a scenario is
   * selected (header, armed, `when`), the vendor's structural checks of the request, then the
   * scenario; without one, realistic behaviour (the handler checks the request itself).
   */
  async function runStages(
    vendor: AnyVendor,
    route: RouteDef,
    params: Record<string, string>,
    req: SimRequest,
    scenarioName: string | undefined,
    set: ReadonlyMap<string, Scenario>,
  ): Promise<StagesOutcome> {
    const auth = await vendor.authenticate({ req, route, params, ctx: authContextFor(vendor) });
    if (!auth.ok) return { result: auth.result, credential: undefined };
    const { credential } = auth;
    const scenariosApply = route.scenarios !== false;
    const fromHeader = scenariosApply ? scenarioFromHeader(scenarioName, vendor, set) : undefined;
    if (fromHeader && !('id' in fromHeader)) return { problem: fromHeader };

    const ctx = contextFor(vendor, credential, req, set);
    const label = credential === undefined ? undefined : labelOf(vendor.id, credential);
    // Over its rate: the vendor renders the throttle's outcome like a scenario's; no scenario is used up.
    const over = label === undefined ? undefined : throttle.take(vendor.id, label, clock.now());
    if (over !== undefined) {
      const result = await vendor.handle({ req, route, params, credential, scenario: { scenarioId: 'throttle', outcome: over, set: {} }, ctx });
      return { result, credential, throttled: true };
    }
    // Armed entries keep labels, never secret keys; `when` patterns match the credential itself.
    const selection = scenariosApply
      ? selectScenario({
          vendor: vendor.id,
          credential: label,
          fromHeader,
          armed: armedFor(label),
          scenarios: set,
          facts: () => factsOf(vendor, req, credential),
        })
      : undefined;
    if (selection && !selection.scenario.skipRequestChecks) {
      // Only a well-formed request reaches a scenario; a malformed one uses none up.
      const malformed = await vendor.checkRequest?.({ req, route, params, credential, ctx });
      if (malformed) return { result: malformed, credential };
    }
    let step: ScenarioStep | undefined;
    let stepDef: ScenarioStepDef | undefined;
    if (selection) {
      if (selection.via === 'armed') useArmed(selection.armed);
      stepDef = takeStep(selection.scenario, label);
      step = toVendorStep(selection.scenario, stepDef);
    }
    const result = await vendor.handle({ req, route, params, credential, scenario: step, ctx });
    return { result, credential, selection, stepDef };
  }

  /** A vendor path with the wrong method: the vendor's own answer, before any gate, no scenario. */
  async function answerWrongMethod(vendor: AnyVendor, route: RouteDef, req: SimRequest): Promise<StagesOutcome> {
    const result = await vendor.methodNotAllowed!({
      req,
      route,
      params: {},
      credential: undefined,
      scenario: undefined,
      ctx: contextFor(vendor, undefined, req),
    });
    return { result, credential: undefined };
  }

  /** What a scenario's `when` can match: the vendor's facts plus the engine's own. */
  function factsOf(vendor: AnyVendor, req: SimRequest, credential: string | undefined): Record<string, string[]> {
    // Copied in a loop rather than spread: a spread of the vendor's object took 4 % of an ADVANCE.AI request.
    const facts: Record<string, string[]> = {};
    const own = vendor.facts(req);
    for (const name in own) facts[name] = own[name]!;
    facts.credential = credential === undefined ? [] : [credential];
    facts.method = [req.method];
    facts.path = [req.path];
    return facts;
  }

  function notFound(req: SimRequest): SimResponse {
    return problemResponse({
      type: 'no-route',
      title: 'No such route',
      status: 404,
      detail: `[liveness-sim] no vendor serves ${req.method} ${req.path}. See "routes" for what the simulator serves.`,
      routes: engine.routeList().map((r) => `${r.methods.join('|')} ${r.path} (${r.vendor})`),
    });
  }

  return engine;
}
