import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyVendor } from '../engine/vendor.js';
import type { VendorId } from '../engine/types.js';
import { parseScenarioText } from './parse.js';
import type { Scenario } from './types.js';

/**
 * The file-system edge of scenarios: reads every *.yaml / *.yml below the given folders and hands
 * the text to the one parser. Later folders override earlier ones by id (a user's folder can
 * replace a shipped scenario); the same id twice in one folder is an error.
 */
export function loadScenarioDirs(
  dirs: readonly string[],
  vendors: ReadonlyMap<VendorId, AnyVendor>,
): { scenarios: Scenario[]; errors: string[] } {
  const byId = new Map<string, Scenario>();
  const errors: string[] = [];
  for (const dir of dirs) {
    const seenHere = new Map<string, string>();
    let files: string[];
    try {
      files = yamlFilesBelow(dir);
    } catch (error) {
      errors.push(`${dir}: cannot read the scenario folder: ${(error as Error).message}`);
      continue;
    }
    for (const file of files) {
      const source = displayPath(file);
      const parsed = parseScenarioText(readFileSync(file, 'utf8'), source, vendors);
      if (!parsed.ok) {
        // A scenario of a vendor that is switched off is skipped, not an error.
        errors.push(...parsed.errors.filter((e) => !e.includes('is not enabled')));
        continue;
      }
      const earlier = seenHere.get(parsed.scenario.id);
      if (earlier) {
        errors.push(`${source}: /id: "${parsed.scenario.id}" is already defined by ${earlier}`);
        continue;
      }
      seenHere.set(parsed.scenario.id, source);
      byId.set(parsed.scenario.id, parsed.scenario);
    }
  }
  return { scenarios: [...byId.values()], errors };
}

function yamlFilesBelow(dir: string): string[] {
  if (!statSync(dir).isDirectory()) throw new Error('not a folder');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => join(dir, name));
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** The scenario catalogue shipped with the package (scenarios/ beside package.json). */
export function shippedScenariosDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      if (statSync(join(dir, 'package.json')).isFile() && statSync(join(dir, 'scenarios')).isDirectory()) return join(dir, 'scenarios');
    } catch {
      // keep climbing
    }
    dir = dirname(dir);
  }
  throw new Error('[liveness-sim] cannot find the shipped scenarios/ folder next to package.json');
}
