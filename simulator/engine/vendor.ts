import type { Clock } from './clock.js';
import type { Sha256 } from './digest.js';
import type { Partition } from './store.js';
import type { SimRequest, SimResponse, VendorId } from './types.js';

/** A vendor path the simulator serves. `path` is exact or has `:name` segments (`/x/:region/y`). */
export interface RouteDef {
  name: string;
  methods: readonly string[];
  path: string;
  /** false: scenarios never apply here (e.g. a vendor's CDN downloads); the header is still stripped. */
  scenarios?: false;
  /**
   * A catch-all: `path` ends in `/*` (any rest of the path, or none), every method matches, and it
   * is tried only when no other route matches the path, e.g. a vendor's own 404 for an unknown
   * path under its prefixes. Not listed in `routeList`.
   */
  fallback?: true;
}

/** One step a scenario asks for: a vendor outcome plus overrides of fields of the vendor's body. */
export interface ScenarioStep {
  scenarioId: string;
  outcome: string;
  /** Dotted paths into the vendor body (`liveness.spoof_prob`, `data.livenessScore`) → value. */
  set: Record<string, unknown>;
}

export interface VendorContext<S> {
  /** The engine clock, ms since the epoch. Never call Date.now() in vendor code. */
  now(): number;
  clock: Clock;
  /** State of the calling credential (undefined credential → the shared anonymous partition). */
  state: Partition;
  /** State of another credential of this vendor (e.g. ADVANCE.AI looks up the token's account). */
  stateOf(credential: string): Partition;
  /** State of the vendor as a whole, shared by every credential (e.g. media served without auth). */
  shared: Partition;
  /** The step a loaded scenario of this vendor would answer first (admin calls that take a scenario id). */
  scenarioStep(id: string): ScenarioStep | undefined;
  settings: S;
  /** SHA-256 as hex, for scores drawn from the input's bytes: native on Node, WebCrypto in browsers (engine/digest.ts). */
  sha256: Sha256;
  /** `http://host:port` the client used to reach the simulator, for URLs the simulator serves. */
  origin: string;
}

export interface VendorCall<S> {
  req: SimRequest;
  route: RouteDef;
  params: Record<string, string>;
  /** The verified credential (Vendor.authenticate); undefined on routes that carry none. */
  credential: string | undefined;
  /** Set when a scenario chose the outcome; the vendor renders it instead of deciding. */
  scenario: ScenarioStep | undefined;
  ctx: VendorContext<S>;
}

/** What the authentication stage sees: no credential's state yet, only what verifying needs. */
export type AuthContext<S> = Pick<VendorContext<S>, 'now' | 'settings' | 'stateOf' | 'sha256'>;

export interface AuthCall<S> {
  req: SimRequest;
  route: RouteDef;
  params: Record<string, string>;
  ctx: AuthContext<S>;
}

/**
 * The outcome of the vendor's gate (DESIGN.md "Outcomes, scenarios and realism": authenticate
 * first). Only a verified credential names a state partition, armed scenarios, a sequence position
 * or a journal entry.
 */
export type Authentication =
  /** Verified. `credential` is undefined on routes that carry none (e.g. ADVANCE.AI media URLs). */
  | { ok: true; credential: string | undefined }
  /** Refused: the vendor's own auth failure, answered as it is, whatever scenario was asked for. */
  | { ok: false; result: VendorResult };

export interface VendorResult {
  response: SimResponse;
  /** The vendor's own code in the body ("409", "FAIL_ON_6", "IAM_FAILED"), for the journal. */
  code?: string;
  /** The credential the vendor resolved while handling (e.g. the account behind a new token). */
  credential?: string;
}

export interface OutcomeInfo {
  description: string;
}

/**
 * What a vendor folder exports. The engine routes, runs the vendor's stages in order
 * (authenticate → scenario → handle), picks the scenario and journals; the vendor authenticates,
 * parses, decides and renders its exact bytes.
 */
export interface Vendor<S = unknown> {
  id: VendorId;
  title: string;
  routes: readonly RouteDef[];
  /** Admin routes of this vendor, served under `/__sim/<vendor>/...` (paths given without that prefix). */
  adminRoutes?: readonly RouteDef[];
  /** Every outcome a scenario may name. */
  outcomes: Readonly<Record<string, OutcomeInfo>>;
  /** The body an outcome renders to with fixed inputs, so scenario overrides can be checked at load. */
  exampleBody(outcome: string): unknown;
  /** Names of the request facts a scenario's `when` may match (beyond the engine's own). */
  factNames: readonly string[];
  /** Facts of a request, for `when` matching. Must not throw. */
  facts(req: SimRequest): Record<string, string[]>;
  /**
   * How the journal and the admin API show a credential that is a secret (FPT's api key): a stable
   * label, never the key. Must map a label to itself. Absent: the credential is an id, shown as is.
   */
  credentialLabel?(credential: string, settings: S): string;
  settings: {
    defaults: S;
    /** JSON Schema of the settings object (config file `vendors.<id>`), all keys optional. */
    schema: Record<string, unknown>;
  };
  /**
   * The vendor's gate, run before anything else on a vendor route: verifies the credential the
   * call presents (API key, key pair, signed token). A refused call gets the vendor's auth failure
   * whatever the scenario header says; it touches no state and uses up no armed scenario and no
   * sequence step. Must not write state.
   */
  authenticate(call: AuthCall<S>): Authentication | Promise<Authentication>;
  /**
   * The vendor's structural checks of the request (required parts and fields present, parseable,
   * right types), run after `authenticate` and before a scenario answers, so a scenario never
   * hides a malformed request (DESIGN.md "Outcomes, scenarios and realism"). The vendor's own
   * answer for the first problem, or undefined when the request is well formed. Content judgments
   * (is this a video, a face) are not checks: scenarios choose those. A malformed request uses up
   * no armed scenario and no sequence step. A scenario with `skipRequestChecks: true` skips this.
   * Without a scenario the handler checks the request itself, in the vendor's full order.
   */
  checkRequest?(call: Omit<VendorCall<S>, 'scenario'>): VendorResult | undefined | Promise<VendorResult | undefined>;
  handle(call: VendorCall<S>): Promise<VendorResult>;
  /** The vendor's own answer when a route's path matches but not its method; else the simulator's 405. */
  methodNotAllowed?(call: VendorCall<S>): VendorResult | Promise<VendorResult>;
  handleAdmin?(call: VendorCall<S>): Promise<SimResponse>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyVendor = Vendor<any>;
