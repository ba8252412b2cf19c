import { closest } from '../scenarios/suggest.js';

/**
 * Pact provider states as liveness-sim understands them (README "Pact"): `scenario: <id>` or the
 * bare scenario id arms that scenario for the interaction; a state's params `{"scenario": ...,
 * "credential": ...}` name the scenario (winning over the name) and arm it for one credential only;
 * `realistic` (or a state with neither) arms nothing: the simulator's realistic behaviour.
 */
export const REALISTIC_STATE = 'realistic';

export interface StateArming {
  /** The scenario to arm, or null for realistic behaviour. */
  scenario: string | null;
  credential: string | null;
}

export type StateResolution = { ok: true; arming: StateArming } | { ok: false; message: string };

export function resolveProviderState(name: string, params: Record<string, unknown> | undefined, scenarioIds: readonly string[]): StateResolution {
  const credential = typeof params?.credential === 'string' ? params.credential : null;
  const fromParams = typeof params?.scenario === 'string' ? params.scenario : undefined;
  const fromName = /^\s*scenario\s*:\s*(.+?)\s*$/i.exec(name)?.[1] ?? name.trim();
  const wanted = fromParams ?? fromName;
  if (fromParams === undefined && fromName.toLowerCase() === REALISTIC_STATE) return { ok: true, arming: { scenario: null, credential } };
  if (scenarioIds.includes(wanted)) return { ok: true, arming: { scenario: wanted, credential } };
  const near = closest(wanted, scenarioIds, 3);
  return {
    ok: false,
    message: `provider state "${name}"${fromParams !== undefined ? ` (params.scenario "${fromParams}")` : ''} names no loaded scenario; closest: ${near.join(', ')}. Name a state "scenario: <vendor>/<name>", a scenario id, or "${REALISTIC_STATE}"`,
  };
}
