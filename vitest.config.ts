import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pact's provider verification runs after the consumers, in its own run (npm run test:pact).
    exclude: ['test/pact/**'],
    // Pact (later) needs a real process per file; forks also isolates servers' ports and state.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
