import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Loading Prism takes 1-2 s; test files share a worker's module cache instead of loading it once per file.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env: { SCARF_ANALYTICS: "false" },
  },
});
