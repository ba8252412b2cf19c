import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md "Layout": the engine, scenarios, vendors and media import no HTTP library and read no
 * files (so the same engine runs in-process under msw, even in a browser); nothing in simulator/
 * imports the kit in src/. Read from the static import lines.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const filesBelow = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

const CORE = ['simulator/engine', 'simulator/scenarios', 'simulator/vendors', 'simulator/media', 'simulator/admin', 'simulator/contracts'];
/** Core files outside those folders: the composition of engine and admin API (msw will serve it too). */
const CORE_FILES = ['simulator/simulator.ts'];
/** What sits above the engine (DESIGN.md "Admin API": a layer above the engine, composed in simulator.ts). */
const ABOVE_ENGINE = [
  'simulator/admin/',
  'simulator/http/',
  'simulator/cli/',
  'simulator/observability/',
  'simulator/server.ts',
  'simulator/simulator.ts',
  'src/',
];
/** Static and dynamic relative imports of a file, as repository paths (`.js` read as the `.ts` source). */
const targetsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:^\s*(?:import|export)\s[^'"]*?from\s+|\bimport\s*\(\s*)['"](\.[^'"]+)['"]/gm)].map((m) =>
    relative(root, join(root, file, '..', m[1]!)).replace(/\.js$/, '.ts'),
  );
const FORBIDDEN = [
  /^express$/,
  /^multer$/,
  /^msw/,
  /^supertest$/,
  /^pino/,
  /^prom-client$/,
  /^(node:)?(fs|http|https|net|tls|dns|child_process|worker_threads)(\/|$)/,
];
/** The one file-system edge of the core: loading scenario folders (DESIGN.md "One schema, one loader"). */
const EDGES = new Set(['simulator/scenarios/load-dirs.ts']);

describe('architecture: dependencies point one way', () => {
  it('the core imports no HTTP library, no msw and no file-system or network module', () => {
    const offences = [...CORE.flatMap(filesBelow), ...CORE_FILES]
      .filter((file) => !EDGES.has(file))
      .flatMap((file) =>
        importsOf(file)
          .filter((spec) => FORBIDDEN.some((rule) => rule.test(spec)))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offences).toEqual([]);
  });

  it('the engine imports nothing above it: no admin API, transport, CLI, server or composition', () => {
    const offences = filesBelow('simulator/engine').flatMap((file) =>
      targetsOf(file)
        .filter((target) => ABOVE_ENGINE.some((above) => target === above || target.startsWith(above)))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it('the core gets Node-only services (the video worker pool, native hashing) only by injection: nothing in it imports simulator/workers or simulator/node', () => {
    const offences = [...CORE.flatMap(filesBelow), ...CORE_FILES].flatMap((file) =>
      targetsOf(file)
        .filter((target) => target.startsWith('simulator/workers/') || target.startsWith('simulator/node/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it('the core gets logs and metrics only from the edge: nothing in it imports simulator/observability', () => {
    const offences = [...CORE.flatMap(filesBelow), ...CORE_FILES].flatMap((file) =>
      targetsOf(file)
        .filter((target) => target.startsWith('simulator/observability/'))
        .map((target) => `${file} imports ${target}`),
    );
    expect(offences).toEqual([]);
  });

  it('nothing in simulator/ imports the kit in src/', () => {
    const offences = filesBelow('simulator').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && relative(root, join(root, file, '..', spec)).startsWith('src/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('no vendor imports another vendor', () => {
    const offences = filesBelow('simulator/vendors').flatMap((file) => {
      const vendor = file.split('/')[2];
      if (!vendor || vendor.endsWith('.ts')) return [];
      return (
        importsOf(file)
          .map((spec) => relative(root, join(root, file, '..', spec)))
          // simulator/vendors/<other>/… (a file inside another vendor's folder)
          .filter((target) => target.split('/').length > 3 && target.startsWith('simulator/vendors/') && target.split('/')[2] !== vendor)
          .map((target) => `${file} imports ${target}`)
      );
    });
    expect(offences).toEqual([]);
  });

  it('the browser msw entry and everything it imports, dynamic imports included, use no Node built-in and no server library', () => {
    // A bundler follows dynamic imports too (esbuild for the browser refuses a node: one), so the
    // Node-only image fetcher must not be reachable at all; Node gets it through src/msw/node.ts.
    const seen = new Set<string>();
    const queue = ['src/msw/index.ts'];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file) || !file.endsWith('.ts')) continue;
      seen.add(file);
      queue.push(...targetsOf(file));
    }
    const nodeOnly = (spec: string) =>
      spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!) || /^(express|multer|busboy|supertest|pino|pino-pretty|prom-client)$/.test(spec);
    const allImportsOf = (file: string) =>
      [...readFileSync(join(root, file), 'utf8').matchAll(/(?:^\s*(?:import|export)\s[^'"]*?from\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    const offences = [...seen].flatMap((file) =>
      allImportsOf(file)
        .filter((spec) => !spec.startsWith('.') && nodeOnly(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(seen.has('simulator/engine/engine.ts')).toBe(true);
    expect(seen.has('simulator/vendors/verihubs/vendor.ts')).toBe(true);
    expect(seen.has('simulator/net/fetch-image.ts')).toBe(false);
    expect(seen.has('src/msw/node.ts')).toBe(false);
    expect(offences).toEqual([]);
  });
});
