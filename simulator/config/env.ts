import { didYouMean } from '../scenarios/suggest.js';
import type { AnyVendor } from '../engine/vendor.js';
import type { ConfigLayer } from './resolve.js';
import { configSchema } from './schema.js';
import { readValue } from './set-flags.js';

/**
 * Every setting as an environment variable (README "Settings"): `SIM_` and the config key in
 * SCREAMING_SNAKE_CASE (`journalCapacity` → `SIM_JOURNAL_CAPACITY`), a vendor's settings as
 * `SIM_<VENDOR>_<KEY>` (`vendors.fpt.httpStatus` → `SIM_FPT_HTTP_STATUS`, nested keys joined:
 * `SIM_VERIHUBS_IMAGE_URL_TIMEOUT_MS`). The table is derived from the config file's schema, so a
 * new setting has its variable without a line here. Values are read as YAML like `--set`, except
 * text settings (taken as written) and switches (also 1/0, yes/no, on/off, as `SIM_CORS=1` always was).
 */
export interface EnvVariable {
  name: string;
  /** Where it goes in the config file's shape, e.g. ['vendors', 'fpt', 'httpStatus']. */
  path: string[];
  read: 'yaml' | 'text' | 'switch' | 'folders';
}

/** The config file's name: the CLI reads it itself, before any layer. */
export const CONFIG_FILE_VARIABLE = 'SIM_CONFIG';

/** Variables the CLI reads itself: known, so never "did you mean" material. */
const READ_BY_THE_CLI = [CONFIG_FILE_VARIABLE];

/** `PORT` and `HOST` as platforms set them; `SIM_PORT` and `SIM_HOST` win over them. */
const PLAIN: Record<string, string> = { PORT: 'port', HOST: 'host' };

export const screamingSnake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

type Schema = { type?: string | string[]; enum?: unknown[]; anyOf?: Schema[]; properties?: Record<string, Schema> };

export function envVariables(vendors: readonly AnyVendor[]): EnvVariable[] {
  const root = configSchema(vendors) as Schema;
  const table: EnvVariable[] = [];
  for (const [key, schema] of Object.entries(root.properties ?? {})) {
    if (key === '$schema') continue;
    table.push({ name: `SIM_${screamingSnake(key)}`, path: [key], read: key === 'scenarios' ? 'folders' : readAs(schema) });
    if (key !== 'vendors') continue;
    for (const [vendor, own] of Object.entries(schema.properties ?? {})) walk(own, ['vendors', vendor], `SIM_${vendor.toUpperCase()}`);
  }
  function walk(schema: Schema, path: string[], prefix: string) {
    const object = schema.properties ? schema : schema.anyOf?.find((s) => s.properties);
    for (const [key, child] of Object.entries(object?.properties ?? {})) {
      const name = `${prefix}_${screamingSnake(key)}`;
      table.push({ name, path: [...path, key], read: readAs(child) });
      walk(child, [...path, key], name);
    }
  }
  return table;
}

/** Whether a vendor setting (`['fpt', 'httpStatus']`) is text, so `--set fpt.httpStatus=200` means "200". */
export function isTextSetting(vendors: readonly AnyVendor[]): (path: string[]) => boolean {
  const text = new Set(
    envVariables(vendors)
      .filter((v) => v.read === 'text' && v.path[0] === 'vendors')
      .map((v) => v.path.slice(1).join('.')),
  );
  return (path) => text.has(path.join('.'));
}

function readAs(schema: Schema): EnvVariable['read'] {
  if (schema.type === 'string' || (schema.enum?.length && schema.enum.every((v) => typeof v === 'string'))) return 'text';
  if (schema.type === 'boolean') return 'switch';
  return 'yaml';
}

const SWITCH: Record<string, boolean> = { '1': true, true: true, yes: true, on: true, '0': false, false: false, no: false, off: false };

/**
 * The environment as layers, one per variable set (so a message names the variable), in the
 * table's order; `PORT`/`HOST` before their `SIM_` names. An empty variable counts as unset. An
 * unknown `SIM_*` name close to a setting's gets a warning: other tools use the prefix too.
 */
export function envLayers(env: Readonly<Record<string, string | undefined>>, vendors: readonly AnyVendor[]): { layers: ConfigLayer[]; warnings: string[] } {
  const table = envVariables(vendors);
  const layers: ConfigLayer[] = [];
  for (const [name, key] of Object.entries(PLAIN)) {
    const raw = env[name];
    if (raw !== undefined && raw.trim() !== '') layers.push({ source: name, values: { [key]: readValue(raw, key === 'host') } });
  }
  for (const variable of table) {
    const raw = env[variable.name];
    if (raw === undefined || raw.trim() === '') continue;
    layers.push({ source: variable.name, values: nest(variable.path, read(variable, raw)) });
  }
  // Compared without the shared prefix, so SIM_ alone makes no name look close.
  const names = [...table.map((v) => v.name), ...READ_BY_THE_CLI];
  const known = names.map((n) => n.slice('SIM_'.length).toLowerCase());
  const warnings: string[] = [];
  for (const name of Object.keys(env)
    .filter((n) => n.startsWith('SIM_') && !names.includes(n))
    .sort()) {
    const near = didYouMean(name.slice('SIM_'.length).toLowerCase(), known);
    if (near) warnings.push(`${name} is not a setting (did you mean SIM_${near.toUpperCase()}?); it is ignored`);
  }
  return { layers, warnings };
}

function read(variable: EnvVariable, raw: string): unknown {
  switch (variable.read) {
    case 'text':
      return readValue(raw, true);
    case 'switch':
      return SWITCH[raw.trim().toLowerCase()] ?? readValue(raw);
    case 'folders':
      // A YAML list works too; otherwise folders separated by ':' like PATH.
      return raw.trim().startsWith('[') ? readValue(raw) : raw.split(':').filter((d) => d !== '');
    default:
      return readValue(raw);
  }
}

function nest(path: string[], value: unknown): Record<string, unknown> {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}
