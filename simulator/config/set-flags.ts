import { parse as parseYaml } from 'yaml';
import { didYouMean } from '../scenarios/suggest.js';
import { CONFIG_KEYS } from './schema.js';

/** `--set armedCapacity=500` (a top-level key: no vendor prefix) → values; the rest are vendor settings. */
export function topLevelFlags(flags: readonly string[]): { values: Record<string, unknown>; unknown: string[]; vendorFlags: string[] } {
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  const vendorFlags: string[] = [];
  for (const flag of flags) {
    const found = /^([A-Za-z]+)=(.*)$/s.exec(flag);
    if (!found) {
      vendorFlags.push(flag);
      continue;
    }
    const [, key, raw] = found as unknown as [string, string, string];
    const known = CONFIG_KEYS.filter((k) => k !== 'vendors') as readonly string[];
    if (!known.includes(key))
      unknown.push(
        `--set ${flag}: ${key} is not a setting${suggestion(key, known)} (known: ${known.join(', ')}); vendor settings are --set <vendor>.<key>=<value>`,
      );
    else values[key] = readValue(raw, STRING_KEYS.includes(key));
  }
  return { values, unknown, vendorFlags };
}

/** Keys whose value is text, whatever it looks like (`--set adminToken=1234`, `HOST=::`). */
export const STRING_KEYS: readonly string[] = ['adminToken', 'host'];

/** A value from the command line or the environment, read as YAML like a config file's, unless it is text by nature. */
export function readValue(raw: string, text = false): unknown {
  if (text && !/^\s*["']/.test(raw)) return raw;
  try {
    return parseYaml(raw);
  } catch {
    return raw;
  }
}

function suggestion(name: string, known: readonly string[]): string {
  const near = didYouMean(name, known);
  return near ? ` (did you mean ${near}?)` : '';
}
