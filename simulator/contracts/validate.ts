import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { OPERATIONS, type OperationName } from './operations.js';
import { CONTRACTS_BASE, schemas, type SchemaName } from './schemas.js';

/** One way a body breaks its contract: the JSON Pointer of the value, and what is wrong, in words. */
export interface ContractError {
  path: string;
  message: string;
}

export type ValidationResult = { valid: true; errors: [] } | { valid: false; errors: ContractError[] };

let ajv: Ajv2020 | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

/** Compiled on first use: the simulator pays for it only when something validates. */
function validatorOf(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    ajv ??= new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, allowUnionTypes: true, schemas: Object.values(schemas) });
    validate = ajv.getSchema(`${CONTRACTS_BASE}${name}.schema.json`);
    if (!validate) throw new Error(`no contract schema ${name}`);
    compiled.set(name, validate);
  }
  return validate;
}

/** Validates a parsed JSON body against one schema by name (e.g. 'verihubs/liveness.response.any-typing'). */
export function validateAgainst(name: SchemaName, body: unknown): ValidationResult {
  const validate = validatorOf(name);
  if (validate(body)) return { valid: true, errors: [] };
  return { valid: false, errors: describeErrors(validate.errors ?? [], body) };
}

/** The operation's response contract: every body it may answer, success or the vendor's error. */
export function validateResponse(operation: OperationName, body: unknown): ValidationResult {
  return validateAgainst(OPERATIONS[operation].response, body);
}

/** The operation's request contract (a JSON body, a GET's query parameters, or FPT's form parts by name). */
export function validateRequest(operation: OperationName, body: unknown): ValidationResult {
  return validateAgainst(OPERATIONS[operation].request, body);
}

/** One line per error: `/liveness/is_live: must be one of "true", "false", "N/A"; saw true`. */
export function formatErrors(errors: readonly ContractError[]): string {
  return errors.map((e) => `${e.path || '(the body)'}: ${e.message}`).join('\n');
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value).slice(0, 80));

function valueAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/**
 * ajv's errors in words a person acts on, each naming the JSON path that broke. `if` errors and
 * the branches of a failed anyOf are folded into one line per path, so a reader sees what the
 * contract wants there, not how the schema is written.
 */
function describeErrors(errors: readonly ErrorObject[], body: unknown): ContractError[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const insideAnyOf = (e: ErrorObject) =>
    anyOfs.some((a) => a !== e && e.schemaPath.startsWith(`${a.schemaPath}/`) && e.instancePath.startsWith(a.instancePath));
  const out: ContractError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    const key = `${path}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path, message });
  };
  for (const e of errors) {
    if (e.keyword === 'if' || insideAnyOf(e)) continue;
    const here = valueAt(body, e.instancePath);
    switch (e.keyword) {
      case 'required':
        add(`${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}`, 'is missing (the contract requires it)');
        break;
      case 'additionalProperties':
        add(
          `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`,
          'is not in the contract: strict clients (Jackson, Go, C# records) fail on an unknown key',
        );
        break;
      case 'type':
        add(e.instancePath, `must be ${(e.params as { type: string }).type}; saw ${show(here)} (${here === null ? 'null' : typeof here})`);
        break;
      case 'enum':
        add(e.instancePath, `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ')}; saw ${show(here)}`);
        break;
      case 'const':
        add(e.instancePath, `must be ${show((e.params as { allowedValue: unknown }).allowedValue)}; saw ${show(here)}`);
        break;
      case 'anyOf':
      case 'oneOf': {
        const branches = errors.filter((b) => b !== e && b.schemaPath.startsWith(`${e.schemaPath}/`) && b.instancePath === e.instancePath);
        const wants = [...new Set(branches.map(branchWants))].join(' or ');
        add(e.instancePath, `must be ${wants || 'one of the allowed forms'}; saw ${show(here)}`);
        break;
      }
      default:
        add(e.instancePath, `${e.message ?? 'breaks the contract'}; saw ${show(here)}`);
    }
  }
  return out;
}

function branchWants(e: ErrorObject): string {
  if (e.keyword === 'type') return (e.params as { type: string }).type;
  if (e.keyword === 'enum') return `one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ')}`;
  if (e.keyword === 'const') return show((e.params as { allowedValue: unknown }).allowedValue);
  if (e.keyword === 'pattern') return `a string matching ${(e.params as { pattern: string }).pattern}`;
  return e.message ?? 'another form';
}
