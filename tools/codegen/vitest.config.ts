import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // the CLI hosts (test/cli-host.ts) belong to this process and end with the run
    globalSetup: ["test/cli-hosts.global.ts"],
    // one worker per core, each running its share of the files in one process: TypeScript, redocly and a CLI host
    // start once per worker instead of once per file (no file depends on a fresh module state)
    isolate: false,
  },
});
