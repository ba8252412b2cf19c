import { defineConfig } from 'vitest/config';
import { reporters } from './vitest.reporters.js';

/** msw 3 needs Node 22.12+: there, the msw tests and the parity suite run a second time against it. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const msw3Runs = major > 22 || (major === 22 && minor >= 12);

export default defineConfig({
  test: {
    // Pact (later) needs a real process per file; forks also isolates servers' ports and state.
    pool: 'forks',
    testTimeout: 20_000,
    reporters: reporters('main'),
    projects: [
      {
        extends: true,
        // Pact's provider verification runs after the consumers, in its own run (npm run test:pact).
        test: { name: 'main', include: ['test/**/*.test.ts'], exclude: ['test/pact/**', '**/node_modules/**'] },
      },
      ...(msw3Runs
        ? [
            {
              extends: true as const,
              // `msw` and `msw/node` resolve to msw 3 (installed as the dev alias `msw3`).
              resolve: { alias: [{ find: /^msw(\/.*)?$/, replacement: 'msw3$1' }] },
              test: { name: 'msw3', env: { LIVENESS_SIM_MSW_MAJOR: '3' }, include: ['test/parity/**/*.test.ts', 'test/msw/handlers.test.ts'] },
            },
          ]
        : []),
    ],
  },
});
