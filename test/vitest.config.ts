import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

const root = join(import.meta.dirname, "..");

/** In-repo packages resolve to their TypeScript sources, so the suite needs no build step (except the pack test). */
function sourceAliases(): Record<string, string> {
  const aliases: Record<string, string> = {
    "@model-apis/runtime": join(root, "packages/runtime/src/index.ts"),
    "@model-apis/mock-server": join(root, "packages/mock-server/src/index.ts"),
  };
  for (const [kind, suffix] of [["clients", ""], ["mocks", "-mock"]] as const) {
    const dir = join(root, "packages", kind);
    if (!existsSync(dir)) continue;
    for (const slug of readdirSync(dir)) {
      if (existsSync(join(dir, slug, "src/index.ts"))) aliases[`@model-apis/${slug}${suffix}`] = join(dir, slug, "src/index.ts");
    }
  }
  return aliases;
}

export default defineConfig({
  resolve: { alias: sourceAliases() },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
