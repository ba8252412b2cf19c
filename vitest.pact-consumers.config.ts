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
    // Pact JS 16.3-16.5's mock server (pact-ffi before 0.5.6) can record a request after it has
    // answered it: on a busy machine executeTest then reads "expected but not received" for a
    // request the client got its answer to (pact-foundation/pact-core-mock-server#13; about one
    // run in 30 on Node 22 here, and a failed CI). The fix needs Pact JS 17, which needs Node 22,
    // and this project still tests on Node 20. A real mismatch fails every try.
    retry: 2,
    env: { PACT_DO_NOT_TRACK: 'true' },
  },
});
