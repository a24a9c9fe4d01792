import { existsSync } from "node:fs";
import { join } from "node:path";
import { binOf, run, runNode } from "./run.ts";

/**
 * Builds packages (tsc to dist/). In the repository through turbo, so what is built already comes from its cache
 * and the hand-written packages they depend on are built first; in a tree without turbo.json (a copy of a few
 * packages, as the registry test makes) with each package's own `npm run build`.
 */
export async function buildPackages(root: string, packages: { name: string; dir: string }[]): Promise<void> {
  if (packages.length === 0) return;
  if (existsSync(join(root, "turbo.json"))) {
    await runNode(binOf("turbo", "turbo"), ["run", "build", "--output-logs=errors-only", ...packages.map((p) => `--filter=${p.name}`)], { cwd: root });
    return;
  }
  for (const pkg of packages) await run("npm", ["run", "build", "--silent"], { cwd: pkg.dir });
}
