import { Ajv2020 as Ajv, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument, type YAMLError } from 'yaml';
import schema from '../../contracts/scenario.schema.json' with { type: 'json' };
import type { AnyVendor } from '../engine/vendor.js';
import { faultRuleFrom, latencyRuleFrom } from '../engine/fault-spec.js';
import type { FaultRule, LatencyRule } from '../engine/faults.js';
import type { VendorId } from '../engine/types.js';
import { checkOverrides } from './overrides.js';
import { closest } from './suggest.js';
import type { Scenario, ScenarioStepDef } from './types.js';

/**
 * The one parser of scenario files: start-up, reload, the CLI and msw all come through here
 * (it reads no file; the caller hands it the text and says where it came from).
 */

/** Facts every request has, whatever its vendor. */
export const ENGINE_FACTS = ['credential', 'method', 'path'] as const;

/**
 * The schema is ours and fixed: checking it against the draft 2020-12 meta-schema (which Ajv
 * compiles first, two thirds of the compile) is a test's job (test/engine/scenario-files.test.ts), not
 * every start-up's. Compiled at the first file to check: a start with only the shipped catalogue
 * (parsed at build time, shipped.ts) checks none.
 */
let validator: ValidateFunction | undefined;

/** What the scenario schema says of `data`: no errors when it holds. */
function schemaErrorsOf(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
  return validator(data) ? [] : (validator.errors ?? []);
}

interface ScenarioFileV1 {
  version: 1;
  id: string;
  description?: string;
  outcome?: string;
  set?: Record<string, unknown>;
  sequence?: { outcome: string; set?: Record<string, unknown>; latency?: unknown; fault?: unknown }[];
  loop?: boolean;
  skipRequestChecks?: boolean;
  latency?: unknown;
  fault?: unknown;
  when?: Record<string, string | string[]>;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function parseScenarioText(text: string, source: string, vendors: ReadonlyMap<VendorId, AnyVendor>): ParseResult {
  const read = readScenarioYaml(text, source);
  return read.ok ? parseScenarioObject(read.value, source, vendors) : read;
}

const MAX_YAML_ERRORS = 5;

/** A scenario's YAML text as data, or one line per YAML error (before any check of the content). */
export function readScenarioYaml(text: string, source: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    // One broken bracket can make hundreds of follow-on errors: the first few say what to fix.
    const shown = doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => describeYamlError(e, text, source));
    const more = doc.errors.length - shown.length;
    return { ok: false, errors: more > 0 ? [...shown, `${source}: ${more} more YAML error(s) after these`] : shown };
  }
  try {
    return { ok: true, value: doc.toJS() };
  } catch (error) {
    // e.g. more alias expansions than the yaml library allows (a "billion laughs" document)
    return { ok: false, errors: [`${source}: not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
}

/**
 * One line per YAML error: `file:line:column: not valid YAML: <what>: <the offending line>`, the
 * way compilers print them (the yaml library's own text ends in "at line 4, column 1:" and a
 * multi-line excerpt, which reads badly in a log).
 */
function describeYamlError(error: YAMLError, text: string, source: string): string {
  const what = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '').split('\n')[0]!;
  const pos = error.linePos?.[0];
  if (!pos) return `${source}: not valid YAML: ${what}`;
  const lines = text.split(/\r?\n/);
  let at = { line: pos.line, col: pos.col };
  let problem = what;
  if ((lines[at.line - 1] ?? '').trim() === '') {
    // The file ended before the construct did: point at the last line that has text.
    const last = lines.slice(0, at.line - 1).findLastIndex((l) => l.trim() !== '');
    if (last < 0) return `${source}:${pos.line}:${pos.col}: not valid YAML: ${what}`;
    at = { line: last + 1, col: lines[last]!.length + 1 };
    problem = `${what} before the file ends`;
  }
  return `${source}:${at.line}:${at.col}: not valid YAML: ${problem}: ${quoteLine(lines[at.line - 1]!, at.col)}`;
}

/** The offending line, trimmed, and cut around the column when long: a one-line message stays one readable line. */
function quoteLine(line: string, col: number, room = 120): string {
  const text = line.trim();
  if (text.length <= room) return text;
  const start = Math.max(0, Math.min(col - 1 - (line.length - line.trimStart().length) - room / 2, text.length - room));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + room)}${start + room < text.length ? '…' : ''}`;
}

/**
 * Checks a scenario object and reports every problem at once: the schema's, then the vendor's
 * (outcomes, overrides, when facts) for each part the schema did not already refuse.
 */
export function parseScenarioObject(data: unknown, source: string, vendors: ReadonlyMap<VendorId, AnyVendor>): ParseResult {
  // Latency and fault are read by their own reader (shared with the headers and the admin API),
  // whose one-sentence messages say more than the schema's oneOf branches.
  const isRuleError = (e: ErrorObject) => /\/(latency|fault)(\/|$)/.test(e.instancePath);
  const schemaErrors = schemaErrorsOf(data).filter((e) => !isRuleError(e));
  const errors = describeSchemaErrors(schemaErrors).map((e) => `${source}: ${e}`);
  /** Paths the schema refused: the vendor checks skip them so one mistake is reported once. */
  const refused = (path: string) => schemaErrors.some((e) => e.instancePath === path || e.instancePath.startsWith(`${path}/`));
  if (data === null || data === undefined)
    return { ok: false, errors: [`${source}: the file is empty; a scenario needs at least version, id and outcome (or sequence)`] };
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, errors };
  const file = data as Partial<ScenarioFileV1>;
  const vendorId = typeof file.id === 'string' && !refused('/id') ? (file.id.split('/')[0] as VendorId) : undefined;
  const vendor = vendorId && vendors.get(vendorId);
  if (vendorId && !vendor) return { ok: false, errors: [`${source}: /id: vendor "${vendorId}" is not enabled`] };
  if (!vendor) return { ok: false, errors };

  const stepsAt: { at: string; outcome: unknown; set: unknown; latency?: unknown; fault?: unknown }[] = Array.isArray(file.sequence)
    ? file.sequence.map((s, i) => ({ at: `/sequence/${i}`, outcome: s?.outcome, set: s?.set, latency: s?.latency, fault: s?.fault }))
    : [{ at: '', outcome: file.outcome, set: file.set }];
  const rules = (at: string, latency: unknown, fault: unknown) => {
    const out: { latency?: LatencyRule; fault?: FaultRule } = {};
    if (latency !== undefined) {
      const rule = latencyRuleFrom(latency);
      if (rule.ok) out.latency = rule.value;
      else errors.push(`${source}: ${at}/latency: ${rule.error}`);
    }
    if (fault !== undefined) {
      const rule = faultRuleFrom(fault);
      if (rule.ok) out.fault = rule.value;
      else errors.push(`${source}: ${at}/fault: ${rule.error}`);
    }
    return out;
  };
  const fileRules = rules('', file.latency, file.fault);
  const stepRules = stepsAt.map(({ at, latency, fault }) => (at ? rules(at, latency, fault) : {}));
  for (const { at, outcome, set } of stepsAt) {
    if (typeof outcome !== 'string' || refused(`${at}/outcome`)) continue;
    if (!Object.hasOwn(vendor.outcomes, outcome)) {
      const near = closest(outcome, Object.keys(vendor.outcomes)).join('", "');
      errors.push(`${source}: ${at}/outcome: "${outcome}" is not a ${vendorId} outcome (closest: "${near}")`);
      continue;
    }
    if (set && typeof set === 'object' && !refused(`${at}/set`)) {
      for (const problem of checkOverrides(vendor.exampleBody(outcome), set as Record<string, unknown>)) {
        errors.push(`${source}: ${at}/set/${problem}`);
      }
    }
  }
  const factNames = [...ENGINE_FACTS, ...vendor.factNames];
  if (file.when && typeof file.when === 'object' && !Array.isArray(file.when)) {
    for (const key of Object.keys(file.when)) {
      if (!factNames.includes(key)) {
        errors.push(`${source}: /when/${key}: ${vendorId} requests have no fact "${key}" (known: ${factNames.join(', ')})`);
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const steps: ScenarioStepDef[] = (file.sequence ?? [{ outcome: file.outcome!, set: file.set }]).map((s, i) => {
    const step: ScenarioStepDef = { outcome: s.outcome, set: s.set ?? {} };
    const latency = stepRules[i]?.latency ?? fileRules.latency;
    const fault = stepRules[i]?.fault ?? fileRules.fault;
    if (latency) step.latency = latency;
    if (fault) step.fault = fault;
    return step;
  });
  const description = file.description ?? steps.map((s) => s.outcome).join(', then ');
  const scenario: Scenario = { id: file.id!, vendor: vendor.id, description, steps, loop: file.loop ?? false, source };
  if (file.skipRequestChecks) scenario.skipRequestChecks = true;
  if (file.when) scenario.when = normaliseWhen(file.when);
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
    if (e.keyword === 'const')
      return `${at}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)} (the only scenario format version)`;
    if (e.keyword === 'enum') return `${at}: ${e.message} (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`;
    return `${at}: ${e.message}`;
  });
}
