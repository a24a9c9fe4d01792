import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = join(import.meta.dirname, "..");

/**
 * In-repo packages resolve to their TypeScript sources, so the suites need no build step (the registry test publishes the built packages).
 * Each alias matches one module specifier exactly (a plain key would also rewrite its subpaths, such as
 * @model-apis/spec-model/pointer, into paths under index.ts).
 */
function sourceAliases(): { find: RegExp; replacement: string }[] {
  const sources: Record<string, string> = {
    "@model-apis/runtime": "packages/runtime/src/index.ts",
    "@model-apis/mock-server": "packages/mock-server/src/index.ts",
    "@model-apis/mock-server/cli": "packages/mock-server/src/cli-main.ts",
    "@model-apis/spec-model": "packages/spec-model/src/index.ts",
    "@model-apis/spec-model/pointer": "packages/spec-model/src/pointer.ts",
  };
  for (const [kind, suffix] of [
    ["clients", ""],
    ["mocks", "-mock"],
  ] as const) {
    const dir = join(root, "packages", kind);
    if (!existsSync(dir)) continue;
    for (const slug of readdirSync(dir)) {
      if (existsSync(join(dir, slug, "src/index.ts"))) sources[`@model-apis/${slug}${suffix}`] = join("packages", kind, slug, "src/index.ts");
    }
  }
  const exactly = (specifier: string) => new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
  return Object.entries(sources).map(([specifier, file]) => ({ find: exactly(specifier), replacement: join(root, file) }));
}

/**
 * Five projects: `contract` (every operation of every vendor, plus the scenarios, against the mocks started
 * once in globalSetup, or a live server), `suite` (tests of the contract suite itself: it fails against a
 * deliberately broken server, and an interrupted run leaves no port open), `replay` (each vendor's own UI or client
 * requests, from test/replay/data, against its mock), `release` (publish to a local verdaccio, install by version
 * outside the repo, type-check and run a program there, semver of a breaking and a documentation change) and
 * `cache` (turbo's remote cache through a local turborepo-remote-cache: fresh clones get REMOTE hits, and a
 * wrong token, a missing key or a tampered artifact do not).
 * `vitest run --project contract` runs one.
 * One worker per core (vitest's default leaves one core out): most of these tests wait on child processes (npm,
 * tsc, turbo, the CLIs), and the release test alone is a chain of them as long as all the other files together,
 * so it starts first (vitest would run the projects in the order of their names).
 */
class ReleaseFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => f.project.name === "release"), ...sorted.filter((f) => f.project.name !== "release")];
  }
}

export default defineConfig({
  resolve: { alias: sourceAliases() },
  test: {
    maxWorkers: availableParallelism(),
    sequence: { sequencer: ReleaseFirst },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "contract", include: ["contract/**/*.test.ts"], globalSetup: ["contract/global-setup.ts"] } },
      { extends: true, test: { name: "suite", include: ["suite/**/*.test.ts"] } },
      { extends: true, test: { name: "replay", include: ["replay/**/*.test.ts"] } },
      { extends: true, test: { name: "release", include: ["release/**/*.test.ts"] } },
      { extends: true, test: { name: "cache", include: ["cache/**/*.test.ts"] } },
    ],
  },
});
