import { Ajv, type ErrorObject } from 'ajv';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import schema from '../../contracts/scenario.schema.json' with { type: 'json' };
import type { AnyVendor } from '../engine/vendor.js';
import type { SimFault, VendorId } from '../engine/types.js';
import { checkOverrides } from './overrides.js';
import { closest } from './suggest.js';
import type { Scenario, ScenarioStepDef } from './types.js';

/**
 * The one parser of scenario files: start-up, reload, the CLI and msw all come through here
 * (it reads no file; the caller hands it the text and says where it came from).
 */

/** Facts every request has, whatever its vendor. */
export const ENGINE_FACTS = ['credential', 'method', 'path'] as const;

const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

interface ScenarioFileV1 {
  version: 1;
  id: string;
  description: string;
  outcome?: string;
  set?: Record<string, unknown>;
  sequence?: { outcome: string; set?: Record<string, unknown>; latency?: number; fault?: SimFault }[];
  loop?: boolean;
  latency?: number;
  fault?: SimFault;
  when?: Record<string, string | string[]>;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function parseScenarioText(
  text: string,
  source: string,
  vendors: ReadonlyMap<VendorId, AnyVendor>,
): ParseResult {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    return { ok: false, errors: [`${source}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  return parseScenarioObject(data, source, vendors);
}

export function parseScenarioObject(
  data: unknown,
  source: string,
  vendors: ReadonlyMap<VendorId, AnyVendor>,
): ParseResult {
  if (!validate(data)) {
    return { ok: false, errors: describeSchemaErrors(validate.errors ?? []).map((e) => `${source}: ${e}`) };
  }
  const file = data as unknown as ScenarioFileV1;
  const vendorId = file.id.split('/')[0] as VendorId;
  const vendor = vendors.get(vendorId);
  if (!vendor) return { ok: false, errors: [`${source}: /id: vendor "${vendorId}" is not enabled`] };

  const steps: ScenarioStepDef[] = file.sequence
    ? file.sequence.map((s) => ({ outcome: s.outcome, set: s.set ?? {}, latencyMs: s.latency ?? file.latency, fault: s.fault ?? file.fault }))
    : [{ outcome: file.outcome!, set: file.set ?? {}, latencyMs: file.latency, fault: file.fault }];

  const errors: string[] = [];
  steps.forEach((step, i) => {
    const at = file.sequence ? `/sequence/${i}` : '';
    if (!Object.hasOwn(vendor.outcomes, step.outcome)) {
      const near = closest(step.outcome, Object.keys(vendor.outcomes)).join('", "');
      errors.push(`${source}: ${at}/outcome: "${step.outcome}" is not a ${vendorId} outcome (closest: "${near}")`);
      return;
    }
    for (const problem of checkOverrides(vendor.exampleBody(step.outcome), step.set)) {
      errors.push(`${source}: ${at}/set/${problem}`);
    }
  });
  const when = file.when ? normaliseWhen(file.when) : undefined;
  const factNames = [...ENGINE_FACTS, ...vendor.factNames];
  for (const key of Object.keys(when ?? {})) {
    if (!factNames.includes(key)) {
      errors.push(`${source}: /when/${key}: ${vendorId} requests have no fact "${key}" (known: ${factNames.join(', ')})`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const scenario: Scenario = { id: file.id, vendor: vendorId, description: file.description, steps, loop: file.loop ?? false, source };
  if (when) scenario.when = when;
  return { ok: true, scenario };
}

function normaliseWhen(when: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(when).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
}

function describeSchemaErrors(errors: ErrorObject[]): string[] {
  // The oneOf on outcome/sequence restates the real problem; keep it only when alone.
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && !(e.keyword === 'required' && e.schemaPath.startsWith('#/oneOf')));
  const chosen = specific.length > 0 ? specific : errors;
  return chosen.map((e) => {
    const at = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') return `${at}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === 'oneOf') return `${at}: give exactly one of "outcome" or "sequence"`;
    if (e.keyword === 'enum') return `${at}: ${e.message} (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
    return `${at}: ${e.message}`;
  });
}
