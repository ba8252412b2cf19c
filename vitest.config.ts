import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pact (later) needs a real process per file; forks also isolates servers' ports and state.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
