import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The files `npm publish` would ship (no build: the list is what matters). */
function packedFiles(): string[] {
  const result = spawnSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(result.status).toBe(0);
  return (JSON.parse(result.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
}

describe('the package a user installs', () => {
  const files = packedFiles();

  it('ships the MIT licence package.json names, and no source maps pointing at sources it does not ship', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).license).toBe('MIT');
    expect(files).toContain('LICENSE');
    const licence = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License/);
    expect(licence).toContain('liveness-sim contributors');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('its docs stand alone: every relative link resolves to a shipped file, and none points outside the repo', () => {
    const docs = files.filter((f) => f.endsWith('.md'));
    expect(docs).toEqual(
      expect.arrayContaining(['README.md', 'simulator/vendors/fpt/README.md', 'simulator/vendors/verihubs/README.md', 'simulator/vendors/advance/README.md']),
    );
    for (const doc of docs) {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      expect(text, doc).not.toMatch(/\.\.\/shared|\/work\/shared/);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue;
        expect(files, `${doc} links ${target}`).toContain(normalize(join(dirname(doc), target!)));
      }
    }
  });

  it('says what "the seed" means before using the word', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const defined = readme.indexOf('called *the seed*');
    expect(defined).toBeGreaterThan(-1);
    expect(readme.search(/the seed(?!\*)|the seed's/)).toBeGreaterThan(defined);
  });
});
