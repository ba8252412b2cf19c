import type { ScenarioStep } from '../engine/vendor.js';
import type { ArmedScenario, Scenario, ScenarioStepDef } from './types.js';

/**
 * Which scenario answers a request, first match wins (DESIGN.md):
 * 1. the X-Sim-Scenario header, 2. armed for this credential, then for everyone (newest first),
 * 3. a `when` match, 4. none (realistic behaviour). A pure function of its inputs.
 */
export interface SelectionInput {
  vendor: string;
  credential: string | undefined;
  /** Already resolved from the header by the engine. */
  fromHeader: Scenario | undefined;
  armed: readonly ArmedScenario[];
  scenarios: ReadonlyMap<string, Scenario>;
  /** The request's facts, asked for only when a `when` scenario of the vendor is tried (they parse the body). */
  facts: () => Record<string, string[]>;
}

export type Selection =
  { via: 'header'; scenario: Scenario } | { via: 'armed'; scenario: Scenario; armed: ArmedScenario } | { via: 'when'; scenario: Scenario };

export function selectScenario(input: SelectionInput): Selection | undefined {
  if (input.fromHeader) return { via: 'header', scenario: input.fromHeader };
  const forVendor = (a: ArmedScenario) => input.scenarios.get(a.scenarioId)?.vendor === input.vendor;
  const newestFirst = [...input.armed].reverse().filter(forVendor);
  const armed = newestFirst.find((a) => a.credential !== null && a.credential === input.credential) ?? newestFirst.find((a) => a.credential === null);
  if (armed) return { via: 'armed', scenario: input.scenarios.get(armed.scenarioId)!, armed };
  let facts: Record<string, string[]> | undefined;
  for (const scenario of whenScenarios(input.scenarios, input.vendor)) {
    facts ??= input.facts();
    if (whenMatches(scenario.when!, facts)) return { via: 'when', scenario };
  }
  return undefined;
}

/** Each set's `when` scenarios by vendor, in the set's order; a set is replaced whole, never changed. */
const whenIndex = new WeakMap<ReadonlyMap<string, Scenario>, Map<string, Scenario[]>>();

function whenScenarios(set: ReadonlyMap<string, Scenario>, vendor: string): readonly Scenario[] {
  let byVendor = whenIndex.get(set);
  if (!byVendor) {
    byVendor = new Map();
    for (const scenario of set.values()) {
      if (!scenario.when) continue;
      const list = byVendor.get(scenario.vendor);
      if (list) list.push(scenario);
      else byVendor.set(scenario.vendor, [scenario]);
    }
    whenIndex.set(set, byVendor);
  }
  return byVendor.get(vendor) ?? [];
}

export function whenMatches(when: Record<string, string[]>, facts: Record<string, string[]>): boolean {
  // Every named fact has a value some pattern matches. Plain loops: tried on every request.
  for (const name in when) if (!someValueMatches(when[name]!, facts[name] ?? [])) return false;
  return true;
}

function someValueMatches(patterns: string[], values: string[]): boolean {
  for (const value of values) for (const pattern of patterns) if (globMatch(pattern, value)) return true;
  return false;
}

const compiled = new Map<string, RegExp>();

/** `*` matches any run of characters; everything else is literal, case-sensitive. */
export function globMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`, 's');
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/** The step a sequence is at after `count` earlier uses. */
export function stepAt(scenario: Scenario, count: number): ScenarioStepDef {
  const { steps } = scenario;
  const index = scenario.loop ? count % steps.length : Math.min(count, steps.length - 1);
  return steps[index]!;
}

export function toVendorStep(scenario: Scenario, step: ScenarioStepDef): ScenarioStep {
  return { scenarioId: scenario.id, outcome: step.outcome, set: step.set };
}
