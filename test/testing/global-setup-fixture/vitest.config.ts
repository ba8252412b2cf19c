import { defineConfig } from 'vitest/config';

// A user's project in miniature: the simulator started once in globalSetup, its URL provided to tests.
export default defineConfig({
  test: { include: ['*.check.ts'], globalSetup: ['./global-setup.ts'], testTimeout: 20_000 },
});
