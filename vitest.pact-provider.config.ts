import { defineConfig } from 'vitest/config';
import { reporters } from './vitest.reporters.js';

// Pact's telemetry stays off on every machine, not only in CI.
process.env.PACT_DO_NOT_TRACK ??= 'true';

// Provider verification (test/pact/): a separate run after the example consumers wrote
// contracts/pacts/ (vitest.pact-consumers.config.ts). Forks, never the vm pools.
export default defineConfig({
  test: {
    include: ['test/pact/**/*.test.ts'],
    pool: 'forks',
    reporters: reporters('pact-provider'),
    fileParallelism: false,
    testTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
