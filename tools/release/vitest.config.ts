import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // the CLI hosts (tools/codegen/test/cli-host.ts) belong to this process and end with the run
    globalSetup: ["../codegen/test/cli-hosts.global.ts"],
    // the files share one worker process: the release's libraries and its CLI host load once
    isolate: false,
  },
});
