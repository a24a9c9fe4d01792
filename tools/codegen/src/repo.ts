import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/** The monorepo root: the nearest folder upward with a package.json that has workspaces. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && "workspaces" in (JSON.parse(readFileSync(pkg, "utf8")) as object)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no model-apis repository root above ${from}`);
    dir = parent;
  }
}

/** When run inside specs/<vendor>/ (as turbo does), that vendor. */
export function vendorFromCwd(root: string, cwd = process.cwd()): string | undefined {
  const parts = relative(root, cwd).split(sep);
  return parts[0] === "specs" && parts[1] ? parts[1] : undefined;
}

/** The house-style config: the repository's redocly.yaml, or this checkout's when linting a fixture tree. */
export function redoclyConfigPath(root: string): string {
  const own = join(root, "redocly.yaml");
  return existsSync(own) ? own : join(import.meta.dirname, "..", "..", "..", "redocly.yaml");
}
