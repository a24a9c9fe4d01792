/**
 * publish (npm run release:publish, after a build): `npm publish` every public package whose version the
 * registry does not have yet, dependencies first. The registry is the one npm's config gives the @model-apis
 * scope (`@model-apis:registry=…` in .npmrc, with its auth token), never npm's default: without that line nothing
 * is published. A version the registry already has with the same tarball is skipped; with another tarball it is an
 * error (the contents changed without a version bump).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";
import { UNRELEASED } from "@model-apis/codegen/src/release-state.ts";
import { CommandError, run } from "../run.ts";
import { listWorkspaces, publishOrder, type WorkspacePackage } from "../workspaces.ts";
import type { ReleaseContext } from "./context.ts";

export async function runPublish(ctx: ReleaseContext, options: { tag?: string }): Promise<number> {
  const registry = (await run("npm", ["config", "get", "@model-apis:registry"], { cwd: ctx.root })).stdout.trim();
  if (!registry || registry === "undefined" || registry === "null") {
    throw new CodegenError(
      ".npmrc",
      undefined,
      "no @model-apis:registry in the npm config; add the line @model-apis:registry=<your registry URL> (and its auth token) first",
    );
  }
  const packages = publishOrder(listWorkspaces(ctx.root).filter((p) => !p.private));
  const selected = ctx.vendors.length
    ? packages.filter((p) => ctx.vendors.some((v) => p.name === v || p.name === `@model-apis/${v}` || p.name === `@model-apis/${v}-mock`))
    : packages;
  for (const pkg of selected) {
    if (pkg.version === UNRELEASED.version)
      throw new CodegenError(`${pkg.rel}/package.json`, "#/version", `${pkg.name} was never released (version ${pkg.version}): run npm run release`);
    const files = (pkg.json.files as string[] | undefined) ?? [];
    if (files.includes("dist") && !existsSync(join(pkg.dir, "dist")))
      throw new CodegenError(`${pkg.rel}/dist`, undefined, "missing: build first (npm run build)");
  }
  // what the registry has, asked for all packages at once, and the local tarballs of those it has, in one npm pack
  const remotes = await Promise.all(selected.map((pkg) => registryShasum(pkg)));
  const locals = await tarballShasums(
    ctx.root,
    selected.filter((_, i) => remotes[i] !== undefined),
  );
  let published = 0;
  for (const [i, pkg] of selected.entries()) {
    const remote = remotes[i];
    const id = `${pkg.name}@${pkg.version}`;
    if (remote !== undefined) {
      const local = locals.get(pkg.name);
      if (remote !== local) {
        throw new CodegenError(
          `${pkg.rel}/package.json`,
          "#/version",
          `${id} is on ${registry} with other contents (shasum ${remote}, here ${local}): the package changed without a version bump; run npm run release`,
        );
      }
      ctx.log(`${id.padEnd(44)} already on ${registry}`);
      continue;
    }
    await run("npm", ["publish", "--ignore-scripts", ...(options.tag ? ["--tag", options.tag] : [])], { cwd: pkg.dir });
    published++;
    ctx.log(`${id.padEnd(44)} published to ${registry}`);
  }
  ctx.log(`published ${published} of ${selected.length} package(s)`);
  return 0;
}

/** The shasum of each package's tarball as npm would publish it: one `npm pack --dry-run` over the workspaces. */
async function tarballShasums(root: string, packages: WorkspacePackage[]): Promise<Map<string, string>> {
  if (packages.length === 0) return new Map();
  const workspaces = packages.flatMap((pkg) => ["--workspace", pkg.rel]);
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", ...workspaces], { cwd: root });
  const packed = JSON.parse(stdout) as { name?: string; shasum?: string }[];
  const shasums = new Map(packed.flatMap((p) => (p.name && p.shasum ? [[p.name, p.shasum] as const] : [])));
  for (const pkg of packages) {
    if (!shasums.has(pkg.name)) throw new CodegenError(`${pkg.rel}/package.json`, undefined, "npm pack gave no shasum");
  }
  return shasums;
}

/** The shasum of the registry's tarball of this version, or undefined when the registry does not have it. */
async function registryShasum(pkg: WorkspacePackage): Promise<string | undefined> {
  try {
    const { stdout } = await run("npm", ["view", `${pkg.name}@${pkg.version}`, "dist.shasum", "--json"], { cwd: pkg.dir });
    const text = stdout.trim();
    return text ? (JSON.parse(text) as string) : undefined;
  } catch (error) {
    if (error instanceof CommandError && /E404|404 Not Found|is not in this registry/.test(error.stderr + error.stdout)) return undefined;
    throw error;
  }
}
