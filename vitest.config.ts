import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{shared,daemon,status-site,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Database tests start PGlite (2–3 s each) and real sockets: generous, not flaky.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
