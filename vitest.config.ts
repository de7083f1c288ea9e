import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code (src/**/*.test.ts); tests that cross modules and need a
// database live in test/. The browser tests (test/e2e) belong to Playwright, not Vitest.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
