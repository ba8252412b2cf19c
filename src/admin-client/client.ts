import type { ArmedScenario } from '../../simulator/scenarios/types.js';
import type { JournalEntry } from '../../simulator/engine/journal.js';
import type { ScenarioListing } from '../../simulator/admin/scenarios.js';

export type { ScenarioListing };

/**
 * A small typed client for the admin API (README "Admin API"): the same calls whether they travel
 * over HTTP (`startSimulator` in liveness-sim/testing) or straight into an in-process simulator
 * (liveness-sim/msw). Only the transport differs; every check and answer is the admin API's own.
 * Browser-safe: it imports nothing from Node.
 *
 * Defaults for a suite that has the simulator to itself: without `credential`, a call is for
 * everyone, and the client says so (`"credential": "*"`), since the admin API refuses a change that
 * names no scope. A team sharing a simulator passes its own `credential` to every call that
 * changes something (README "Sharing one simulator between teams").
 */
export interface AdminClient {
  /** Arms a scenario for the next `times` requests (default: until disarmed), for one credential or (default) everyone. */
  arm(scenario: string, options?: { times?: number; credential?: string }): Promise<ArmedScenario>;
  /** Disarms what is armed for `credential` (default: everything armed, everyone's included); returns how many. */
  disarm(options?: { credential?: string }): Promise<number>;
  /** The journal, newest first (GET /__sim/requests). */
  journal(query?: JournalFilter): Promise<JournalEntry[]>;
  /** Moves the simulator's clock forward: milliseconds or a duration ("90s", "15m", "24h", "2d"). The clock is shared: this moves it for everyone. */
  advanceClock(by: number | string): Promise<ClockState>;
  /** The simulator's clock. */
  clock(): Promise<ClockState>;
  /**
   * Default: forgets everyone's state, armed scenarios and faults, sequences and the journal; the
   * clock returns to real time. With `credential`: only that credential's (the clock stays).
   */
  reset(options?: { credential?: string }): Promise<void>;
  /** The loaded scenarios (GET /__sim/scenarios), optionally one vendor's. */
  scenarios(options?: { vendor?: string }): Promise<ScenarioListing[]>;
  /**
   * Adds a runtime scenario (POST /__sim/scenarios): a scenario file's content as an object, or
   * its YAML text. Refused (`AdminError`, 409) when the id exists; 400 lists every problem.
   */
  addScenario(scenario: object | string): Promise<ScenarioListing>;
  /** Adds or replaces the runtime scenario `id` (PUT /__sim/scenarios/{id}); the body's `id` may be left out. */
  putScenario(id: string, scenario: object | string): Promise<ScenarioListing>;
  /** Deletes a runtime scenario (DELETE /__sim/scenarios/{id}); returns how many armings went with it. */
  deleteScenario(id: string): Promise<{ deleted: string; disarmed: number; restored: ScenarioListing | null }>;
}

export interface JournalFilter {
  vendor?: string;
  path?: string;
  credential?: string;
  scenario?: string;
  limit?: number;
}

export interface ClockState {
  now: string;
  nowMs: number;
  offsetMs: number;
}

/** One admin call as the transport carries it; `body` is text (JSON unless `contentType` says otherwise) or absent. */
export type AdminSend = (method: string, path: string, body?: string, contentType?: string) => Promise<{ status: number; text: string }>;

/** An admin call the simulator refused: the admin API's problem+json, kept whole. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    const detail = (problem as { detail?: unknown } | null)?.detail;
    super(typeof detail === 'string' ? detail : `[liveness-sim] admin call failed with HTTP ${status}`);
  }
}

/** The admin API's scope for everyone (simulator/admin/scope.ts). */
const EVERYONE = '*';

export function createAdminClient(send: AdminSend): AdminClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    // A string body is a scenario's YAML text; anything else travels as JSON.
    const answer = await (typeof body === 'string'
      ? send(method, path, body, 'application/yaml')
      : send(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? undefined : 'application/json'));
    let parsed: unknown;
    try {
      parsed = answer.text === '' ? null : JSON.parse(answer.text);
    } catch {
      parsed = answer.text;
    }
    if (answer.status >= 400) throw new AdminError(answer.status, parsed);
    return parsed as T;
  }
  const queryString = (query: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const text = params.toString();
    return text === '' ? '' : `?${text}`;
  };
  return {
    arm: (scenario, options = {}) =>
      call('POST', '/__sim/scenarios/armed', { scenario, times: options.times ?? null, credential: options.credential ?? EVERYONE }),
    disarm: async (options = {}) =>
      (await call<{ disarmed: number }>('DELETE', `/__sim/scenarios/armed${queryString({ credential: options.credential ?? EVERYONE })}`)).disarmed,
    journal: async (query = {}) => (await call<{ requests: JournalEntry[] }>('GET', `/__sim/requests${queryString({ ...query })}`)).requests,
    advanceClock: (by) => call('POST', '/__sim/clock', { advance: by, credential: EVERYONE }),
    clock: () => call('GET', '/__sim/clock'),
    reset: async (options = {}) => {
      await call('POST', '/__sim/reset', { credential: options.credential ?? EVERYONE });
    },
    scenarios: async (options = {}) =>
      (await call<{ scenarios: ScenarioListing[] }>('GET', `/__sim/scenarios${queryString({ vendor: options.vendor })}`)).scenarios,
    addScenario: (scenario) => call('POST', '/__sim/scenarios', scenario),
    putScenario: (id, scenario) => call('PUT', `/__sim/scenarios/${id}`, scenario),
    deleteScenario: (id) => call('DELETE', `/__sim/scenarios/${id}`),
  };
}
