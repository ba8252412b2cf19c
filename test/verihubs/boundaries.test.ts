import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md "Layout": vendor code imports no HTTP library and no node:* module, so the engine
 * runs in a browser (msw). The only way out to the network is the injected fetcher, which
 * index.ts loads with a dynamic import.
 */
const DIR = new URL('../../simulator/vendors/verihubs/', import.meta.url);
const sources = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
const staticImports = (file: string) =>
  [...readFileSync(new URL(file, DIR), 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

describe('verihubs vendor import boundaries', () => {
  it.each(sources)('%s imports no node:* module, HTTP library or the Node fetcher', (file) => {
    const forbidden = staticImports(file).filter(
      (spec) => /^node:|^(express|multer|msw|http|https|fs)$/.test(spec) || spec.endsWith('/net/fetch-image.js') || spec.endsWith('/net/guarded-lookup.js'),
    );
    expect(forbidden).toEqual([]);
  });

  it('imports only types from simulator/net', () => {
    for (const file of sources) {
      const text = readFileSync(new URL(file, DIR), 'utf8');
      for (const line of text.split('\n').filter((l) => /from '\.\.\/\.\.\/net\//.test(l))) expect(line).toMatch(/^import type /);
    }
  });
});
