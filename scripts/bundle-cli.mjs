// Bundles the CLI after tsc (npm run build): dist/simulator/cli/main.js, the `liveness-sim` bin,
// becomes one ES module with the server's own modules and its CommonJS dependencies (Express and
// its ~50 packages, Ajv, yaml, pino, busboy) inside it. Node then resolves, reads and links one
// file at start instead of ~160 modules and ~70 packages: spawn to the first answer took 340 ms of
// CPU unbundled and 220 ms bundled (docs/BENCHMARKS.md). Commands and modules loaded later
// (`import()`) become chunks beside it, loaded when asked for, as before. The FPT video worker
// (dist/simulator/workers/video-worker.js) is bundled the same way, with the container library in
// it: a worker thread starts from one file instead of ~80 (mediabunny alone is 71 modules). The
// library entries (dist/src) stay as tsc wrote them.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist/simulator/cli');
// The previous build's chunks (their names are hashes of their content).
for (const name of readdirSync(out)) if (name.startsWith('chunk-')) rmSync(join(out, name));

await build({
  absWorkingDir: root,
  entryPoints: ['dist/simulator/cli/main.js'],
  outdir: 'dist/simulator/cli',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded after the start or by one command only, and resolved by Node as before: the container
  // library (the video worker's), the token library, metrics, the pretty log format, Pact.
  external: ['mediabunny', 'jose', 'prom-client', 'pino-pretty', '@pact-foundation/pact', 'msw'],
  // The bundled CommonJS packages require Node's built-ins; an ES module has no `require` of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});

await build({
  absWorkingDir: root,
  entryPoints: ['dist/simulator/workers/video-worker.js'],
  outfile: 'dist/simulator/workers/video-worker.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
