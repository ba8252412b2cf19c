// Builds the example into examples/browser/dist/: the page, its script bundled for browsers with
// esbuild, msw's worker script (`msw init`), and two media fixtures the page uploads.
// Needs the package built first (`npm run build`): the page imports `liveness-sim/msw`, which
// resolves to dist/ through package.json `exports`, as it does for a user of the package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const out = join(here, 'dist');

if (!existsSync(join(root, 'dist', 'src', 'msw', 'index.js'))) {
  throw new Error('examples/browser: run `npm run build` first (liveness-sim/msw resolves to dist/)');
}
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'fixtures'), { recursive: true });

// platform 'browser': esbuild refuses any Node built-in the bundle would pull in.
await build({
  entryPoints: [join(here, 'main.ts')],
  outfile: join(out, 'main.js'),
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
for (const name of ['video-720p-25fps-5s-live.webm', 'face-small-320x240.jpg']) {
  copyFileSync(join(root, 'test', 'fixtures', name), join(out, 'fixtures', name));
}
// What `npx msw init dist --no-save` does, with the msw this repository installed.
const mswCli = join(dirname(createRequire(import.meta.url).resolve('msw/package.json')), 'cli', 'index.js');
execFileSync(process.execPath, [mswCli, 'init', out, '--no-save'], { stdio: ['ignore', 'ignore', 'inherit'] });
