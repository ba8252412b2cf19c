import type { ArmedScenario, Scenario } from './types.js';

/**
 * The scenarios a simulator serves, in two layers: the files' (the shipped catalogue and the
 * user's folders, loaded and validated whole, swapped whole on a reload) and the runtime ones
 * added through the admin API, which are tried first and survive file reloads. Every change
 * hands the engine one complete new list (a request sees the old set or the new one, never
 * half) and is reported to the listeners, as is a reload that was refused.
 * Pure: the file watching that calls `replaceFiles` lives at the Node edge (simulator/reload/).
 */

/** What changed the set: a reload of the scenario files, or an admin call. */
export type ReloadTrigger = 'files' | 'admin';

export type ScenarioReload =
  | {
      ok: true;
      trigger: ReloadTrigger;
      /** Scenarios served now. */
      count: number;
      added: string[];
      changed: string[];
      removed: string[];
      /** Armed scenarios whose definition is gone: disarmed. */
      disarmed: ArmedScenario[];
    }
  | {
      ok: false;
      trigger: ReloadTrigger;
      /** Scenarios still served (the last good set). */
      count: number;
      /** Each problem, as `liveness-sim validate` words it. */
      errors: string[];
    };

/** Runtime scenarios kept at once (README "Limits"): one more is refused. */
export const RUNTIME_SCENARIO_CAPACITY = 1000;

/** Where a runtime scenario says it came from (GET /__sim/scenarios `source`). */
export const RUNTIME_SOURCE = 'admin';

export interface ScenarioSet {
  /** What is served, in selection order: runtime scenarios (newest first), then the files'. */
  list(): Scenario[];
  /** The scenario of the files' layer with this id, if any (shipped or from a folder). */
  fromFiles(id: string): Scenario | undefined;
  /** The runtime scenario with this id, if any. */
  runtime(id: string): Scenario | undefined;
  /**
   * Swaps the files' layer for a newly loaded, valid set. Nothing is reported when nothing
   * changed, unless `always` (the first good reload after a refused one: the log says it is fixed).
   */
  replaceFiles(list: readonly Scenario[], options?: { always?: boolean }): ScenarioReload | undefined;
  /** Reports a reload that was refused; the set is unchanged. */
  refuse(trigger: ReloadTrigger, errors: string[]): ScenarioReload;
  /** Adds or replaces a runtime scenario (it becomes the newest); `undefined` when the capacity is reached. */
  put(scenario: Scenario): { created: boolean; reload: ScenarioReload } | undefined;
  /** Removes a runtime scenario; a file scenario with its id answers again (`restored`). */
  remove(id: string): { reload: ScenarioReload; restored: Scenario | undefined } | undefined;
  /** Called after every change and every refusal; returns the unsubscribe. */
  onReload(listener: (reload: ScenarioReload) => void): () => void;
}

/**
 * `swap` installs a complete list in the engine and returns the armed entries it disarmed
 * (Engine.replaceScenarios). `files`: the list the engine was built with.
 */
export function createScenarioSet(files: readonly Scenario[], swap: (list: readonly Scenario[]) => ArmedScenario[]): ScenarioSet {
  let fileLayer: readonly Scenario[] = files;
  let fileIndex = new Map(files.map((s) => [s.id, s]));
  /** Insertion order is age: the newest is last. */
  const runtimeLayer = new Map<string, Scenario>();
  const listeners = new Set<(reload: ScenarioReload) => void>();

  const effective = (): Scenario[] => [...[...runtimeLayer.values()].reverse(), ...fileLayer.filter((s) => !runtimeLayer.has(s.id))];

  function report(reload: ScenarioReload): ScenarioReload {
    for (const listener of listeners) {
      try {
        listener(reload);
      } catch (error) {
        // A listener (a log, a metric) must not stop the set from serving.
        console.error('[liveness-sim] a scenario reload listener failed:', error);
      }
    }
    return reload;
  }

  /** Runs a change of the layers, installs the result whole, and says what it changed. */
  function change(trigger: ReloadTrigger, mutate: () => void, always = false): ScenarioReload | undefined {
    const before = fingerprints(effective());
    mutate();
    const next = effective();
    const after = fingerprints(next);
    const added = [...after.keys()].filter((id) => !before.has(id));
    const removed = [...before.keys()].filter((id) => !after.has(id));
    const changed = [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id));
    if (!always && added.length + removed.length + changed.length === 0) return undefined;
    const disarmed = swap(next);
    return report({ ok: true, trigger, count: next.length, added, changed, removed, disarmed });
  }

  return {
    list: effective,
    fromFiles: (id) => fileIndex.get(id),
    runtime: (id) => runtimeLayer.get(id),
    replaceFiles(list, options = {}) {
      return change(
        'files',
        () => {
          fileLayer = list;
          fileIndex = new Map(list.map((s) => [s.id, s]));
        },
        options.always,
      );
    },
    refuse: (trigger, errors) => report({ ok: false, trigger, count: effective().length, errors }),
    put(scenario) {
      const created = !runtimeLayer.has(scenario.id) && !fileIndex.has(scenario.id);
      if (!runtimeLayer.has(scenario.id) && runtimeLayer.size >= RUNTIME_SCENARIO_CAPACITY) return undefined;
      const reload = change(
        'admin',
        () => {
          runtimeLayer.delete(scenario.id);
          runtimeLayer.set(scenario.id, scenario);
        },
        true,
      )!;
      return { created, reload };
    },
    remove(id) {
      if (!runtimeLayer.has(id)) return undefined;
      const reload = change('admin', () => runtimeLayer.delete(id), true)!;
      return { reload, restored: fileIndex.get(id) };
    },
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** One text per scenario id: two definitions that serialize alike answer alike. */
function fingerprints(list: readonly Scenario[]): Map<string, string> {
  return new Map(list.map((s) => [s.id, JSON.stringify(s)]));
}

/** One log line for a change or a refusal (without the `[liveness-sim]` prefix). */
export function describeReload(reload: ScenarioReload): string {
  if (!reload.ok) {
    const what = reload.trigger === 'files' ? 'scenario files not reloaded' : 'scenario refused through the admin API';
    return `${what}, the last good set (${reload.count} scenarios) keeps serving: ${reload.errors.join('; ')}`;
  }
  const parts = [
    reload.added.length > 0 ? `added ${reload.added.join(', ')}` : '',
    reload.changed.length > 0 ? `changed ${reload.changed.join(', ')}` : '',
    reload.removed.length > 0 ? `removed ${reload.removed.join(', ')}` : '',
  ].filter(Boolean);
  const disarmed = reload.disarmed.map(
    (a) =>
      `; ${a.scenarioId} was armed (armId ${a.armId}, ${a.credential === null ? 'for everyone' : `for ${a.credential}`}) and is disarmed: its definition is gone`,
  );
  const what = reload.trigger === 'files' ? 'scenario files reloaded' : 'scenarios changed through the admin API';
  return `${what}: ${reload.count} served${parts.length > 0 ? ` (${parts.join('; ')})` : ', nothing changed'}${disarmed.join('')}`;
}
