import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.ts";
import { runProcess, type ProcessRun } from "./run-process.ts";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/**
 * Strict tsc over a generated client and mock in `root` (a scratch repository): the client package's own settings,
 * with the workspace packages they import mapped to their sources. Errors are in the result, not thrown.
 */
export function typecheckPackages(root: string, slug: string): ProcessRun {
  writeFileSync(
    join(root, "tsconfig.typecheck.json"),
    JSON.stringify({
      extends: `./packages/clients/${slug}/tsconfig.json`,
      compilerOptions: {
        noEmit: true,
        rootDir: "/",
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules", "@types")],
        paths: Object.fromEntries(["runtime", "mock-server", "spec-model"].map((p) => [`@model-apis/${p}`, [join(ROOT, "packages", p, "src", "index.ts")]])),
      },
      include: [`packages/clients/${slug}/src`, `packages/mocks/${slug}/src`],
    }),
  );
  return runProcess(process.execPath, [TSC, "-p", "tsconfig.typecheck.json"], { cwd: root, allowFail: true });
}
