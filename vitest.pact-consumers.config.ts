import { defineConfig } from 'vitest/config';
import { reporters } from './vitest.reporters.js';

// The example consumers' Pact tests (examples/consumers/): they write contracts/pacts/, which the
// provider run (vitest.pact-provider.config.ts) verifies afterwards, in a separate run. Pact's
// native core needs a real process: forks, never the vm pools.
// Pact's telemetry stays off on every machine, not only in CI.
process.env.PACT_DO_NOT_TRACK ??= 'true';

export default defineConfig({
  test: {
    include: ['examples/consumers/**/*.pact.test.ts'],
    pool: 'forks',
    reporters: reporters('pact-consumers'),
    fileParallelism: false,
    testTimeout: 30_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
