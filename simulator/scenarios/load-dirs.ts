import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyVendor } from '../engine/vendor.js';
import type { VendorId } from '../engine/types.js';
import { parseScenarioText } from './parse.js';
import { shippedScenarios } from './shipped.js';
import type { Scenario } from './types.js';

/** What loading scenario folders gives. */
export interface LoadedScenarios {
  scenarios: Scenario[];
  /** Problems of files. */
  errors: string[];
  /** Folders that do not exist or cannot be read: a mistake of the configuration, not of a file. */
  folderErrors: string[];
  replaced: Array<{ scenario: Scenario; was: Scenario }>;
}

/**
 * The file-system edge of scenarios: reads every *.yaml / *.yml below the given folders and hands
 * the text to the one parser. Later folders win: a scenario with an id already loaded from an
 * earlier folder replaces it (a user's folder can replace a shipped scenario), and the list comes
 * back in selection order, later folders first, so a user's `when` is tried before a shipped one.
 * The same id twice in one folder is an error. Hidden files and folders (a leading dot) are skipped.
 */
export function loadScenarioDirs(dirs: readonly string[], vendors: ReadonlyMap<VendorId, AnyVendor>): LoadedScenarios {
  return mergeFolders(dirs.map((dir) => readFolder(dir, vendors)));
}

/**
 * The shipped catalogue (unless `shipped` is false), then the given folders, as loadScenarioDirs
 * loads `[shippedScenariosDir(), ...folders]`, the same scenarios with the same sources, but the
 * catalogue comes parsed and checked at build time (shipped.ts): no file of it is read.
 */
export function loadScenarioFolders(
  { shipped, folders }: { shipped: boolean; folders: readonly string[] },
  vendors: ReadonlyMap<VendorId, AnyVendor>,
): LoadedScenarios {
  const catalogue = shipped ? [{ scenarios: shippedScenariosOnNode(vendors), errors: [] }] : [];
  return mergeFolders([...catalogue, ...folders.map((dir) => readFolder(dir, vendors))]);
}

/** The shipped catalogue, each scenario's source its file as the folder loader names it. */
export function shippedScenariosOnNode(vendors: ReadonlyMap<VendorId, AnyVendor>): Scenario[] {
  const dir = shippedScenariosDir();
  return shippedScenarios(vendors, (file) => displayPath(join(dir, file)));
}

/** One folder's scenarios in file order; the same id twice in it is an error. */
interface FolderScenarios {
  scenarios: Scenario[];
  errors: string[];
  folderError?: string;
}

function readFolder(dir: string, vendors: ReadonlyMap<VendorId, AnyVendor>): FolderScenarios {
  const scenarios: Scenario[] = [];
  const errors: string[] = [];
  const seenHere = new Map<string, string>();
  let files: string[];
  try {
    files = yamlFilesBelow(dir);
  } catch (error) {
    return { scenarios, errors, folderError: `${dir}: cannot read the scenario folder: ${(error as Error).message}` };
  }
  for (const file of files) {
    const source = displayPath(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // Deleted between the listing and the read (a reload racing an editor): it is gone, not broken.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      errors.push(`${source}: cannot read the file: ${(error as Error).message}`);
      continue;
    }
    const parsed = parseScenarioText(text, source, vendors);
    if (!parsed.ok) {
      // A scenario of a vendor that is switched off is skipped, not an error.
      errors.push(...parsed.errors.filter((e) => !e.includes('is not enabled')));
      continue;
    }
    const { scenario } = parsed;
    const earlier = seenHere.get(scenario.id);
    if (earlier) {
      errors.push(`${source}: /id: "${scenario.id}" is already defined by ${earlier}`);
      continue;
    }
    seenHere.set(scenario.id, source);
    scenarios.push(scenario);
  }
  return { scenarios, errors };
}

/** Later folders win an id and come first; within a folder, file order. */
function mergeFolders(folders: readonly FolderScenarios[]): LoadedScenarios {
  const byId = new Map<string, { scenario: Scenario; dir: number; order: number }>();
  const replaced: Array<{ scenario: Scenario; was: Scenario }> = [];
  let order = 0;
  folders.forEach((folder, dirIndex) => {
    for (const scenario of folder.scenarios) {
      const was = byId.get(scenario.id);
      if (was) replaced.push({ scenario, was: was.scenario });
      byId.set(scenario.id, { scenario, dir: dirIndex, order: order++ });
    }
  });
  const scenarios = [...byId.values()].sort((a, b) => b.dir - a.dir || a.order - b.order).map((e) => e.scenario);
  return {
    scenarios,
    errors: folders.flatMap((f) => f.errors),
    folderErrors: folders.flatMap((f) => (f.folderError ? [f.folderError] : [])),
    replaced,
  };
}

function yamlFilesBelow(dir: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new Error('no such folder');
  }
  if (!isFolder) throw new Error('not a folder');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.ya?ml$/i.test(name) && !isHidden(name))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Hidden files and folders are not scenarios: editors' temporary and lock files (`.#x.yaml`, a
 * dangling link), and a Kubernetes ConfigMap volume's `..2024_…` folders, whose files the
 * volume also shows through links at the top (loading both would define every id twice).
 */
function isHidden(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((part) => part.startsWith('.'));
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
