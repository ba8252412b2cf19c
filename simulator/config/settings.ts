import { Ajv, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { AnyVendor } from '../engine/vendor.js';
import type { VendorId } from '../engine/types.js';

/**
 * Vendor settings (quirks, credentials, limits): each vendor's defaults, then the config file's
 * `vendors.<id>`, then `--set <vendor>.<key>=<value>` flags, each checked against the vendor's
 * settings schema. Errors name where the bad value came from and the field.
 */
export type SettingsLayer = { source: string; values: Partial<Record<string, unknown>> };

const ajv = new Ajv({ allErrors: true, strict: false });

export function resolveSettings(
  vendors: readonly AnyVendor[],
  layers: readonly SettingsLayer[],
): { ok: true; settings: Partial<Record<VendorId, unknown>> } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const settings: Partial<Record<VendorId, unknown>> = {};
  const known = new Set<string>(vendors.map((v) => v.id));
  for (const layer of layers) {
    for (const id of Object.keys(layer.values)) {
      if (!known.has(id)) errors.push(`${layer.source}: vendors.${id}: no such vendor (known: ${[...known].join(', ')})`);
    }
  }
  for (const vendor of vendors) {
    // Compiled only for a vendor some layer sets: with no config, start-up compiles nothing here.
    let validate: ValidateFunction | undefined;
    let merged: unknown = vendor.settings.defaults;
    for (const layer of layers) {
      const values = layer.values[vendor.id];
      if (values === undefined) continue;
      validate ??= ajv.compile(vendor.settings.schema);
      if (!validate(values)) {
        for (const e of validate.errors ?? []) {
          const extra = e.keyword === 'additionalProperties' ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : '';
          const allowed = e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
          errors.push(`${layer.source}: vendors.${vendor.id}${e.instancePath.replaceAll('/', '.')}: ${e.message}${extra}${allowed}`);
        }
        continue;
      }
      merged = deepMerge(merged, values);
    }
    settings[vendor.id] = merged;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/**
 * `--set fpt.httpStatus=mirror` → a layer; the value is read as YAML (numbers, booleans, lists),
 * unless `isText` says the setting is text (`--set fpt.httpStatus=200` is the string "200").
 */
export function settingsFromFlags(
  flags: readonly string[],
  isText: (path: string[]) => boolean = () => false,
): { ok: true; layer: SettingsLayer } | { ok: false; errors: string[] } {
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const flag of flags) {
    const found = /^([a-z]+)\.([A-Za-z0-9_.]+)=(.*)$/s.exec(flag);
    if (!found) {
      errors.push(`--set ${flag}: expected <vendor>.<setting>=<value>, e.g. --set fpt.httpStatus=mirror`);
      continue;
    }
    const [, vendor, path, raw] = found as unknown as [string, string, string, string];
    const keys = path.split('.');
    let value: unknown = raw;
    if (!isText([vendor, ...keys]) || /^\s*["']/.test(raw)) {
      try {
        value = parseYaml(raw);
      } catch {
        value = raw;
      }
    }
    let node = (values[vendor] ??= {}) as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, layer: { source: '--set', values } };
}

function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = deepMerge(base[key], value);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
