import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    setupFiles: ["__tests__/setup.ts"],
    testTimeout: 60_000,
    // Suites that synthesize, init and apply with the real terraform do it once in beforeAll: on a loaded
    // two-core machine that takes longer than vitest's 10 s default for hooks.
    hookTimeout: 120_000,
  },
});
