import type { VendorId } from '../engine/types.js';
import type { AnyVendor } from '../engine/vendor.js';
import type { ThrottleRules } from '../engine/throttle.js';
import { CONFIG_KEYS, EDITOR_KEYS } from './schema.js';
import { resolveSettings, type SettingsLayer } from './settings.js';
import { peelThrottle } from './throttle.js';
import { mergeTopLevel, readTopLevel, type TopLevelSettings } from './top-level.js';

/**
 * One source of configuration, shaped like the config file (top-level keys, `vendors.<id>.<key>`):
 * the file itself, one environment variable, the flags. `source` names it in every message (the
 * file's path, `SIM_JOURNAL_CAPACITY`, `--set`), and in `liveness-sim config`.
 */
export interface ConfigLayer {
  source: string;
  values: Record<string, unknown>;
}

export interface ResolvedConfig extends TopLevelSettings {
  /** Each vendor's settings: its defaults, then every layer's `vendors.<id>`. */
  settings: Partial<Record<VendorId, unknown>>;
  throttle: ThrottleRules;
}

/**
 * The layers, in order of precedence (config file < environment < flags), checked and merged.
 * Every problem of every layer is collected, so one start names them all.
 */
export function resolveConfig(
  vendors: readonly AnyVendor[],
  layers: readonly ConfigLayer[],
): { ok: true; config: ResolvedConfig } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const top: TopLevelSettings[] = [];
  const settingsLayers: SettingsLayer[] = [];
  const known: readonly string[] = CONFIG_KEYS;
  for (const { source, values } of layers) {
    for (const key of Object.keys(values).filter((k) => !known.includes(k) && !(EDITOR_KEYS as readonly string[]).includes(k)))
      problems.push(`${source}: ${key}: not a setting (known: ${CONFIG_KEYS.join(', ')})`);
    top.push(readTopLevel(values, source, problems));
    const own = values.vendors;
    if (own === undefined || own === null) continue;
    if (typeof own !== 'object' || Array.isArray(own))
      problems.push(`${source}: vendors: a map of vendor ids (${vendors.map((v) => v.id).join(', ')}) to settings`);
    else settingsLayers.push({ source, values: own });
  }
  // `throttle` is every vendor's setting, read apart from the vendor's own schema.
  const peeled = peelThrottle(vendors, settingsLayers, problems);
  const settings = resolveSettings(vendors, peeled.layers);
  if (!settings.ok) problems.push(...settings.errors);
  if (problems.length > 0 || !settings.ok) return { ok: false, problems };
  return { ok: true, config: { ...mergeTopLevel(top), settings: settings.settings, throttle: peeled.throttle } };
}
