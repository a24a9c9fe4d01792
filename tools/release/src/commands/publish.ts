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
  // what the registry has, asked for all packages at once; publishing then goes in dependency order
  const remotes = await Promise.all(selected.map((pkg) => registryShasum(pkg)));
  let published = 0;
  for (const [i, pkg] of selected.entries()) {
    const remote = remotes[i];
    const id = `${pkg.name}@${pkg.version}`;
    if (remote !== undefined) {
      const local = await tarballShasum(pkg);
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

async function tarballShasum(pkg: WorkspacePackage): Promise<string> {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: pkg.dir });
  const shasum = (JSON.parse(stdout) as { shasum?: string }[])[0]?.shasum;
  if (!shasum) throw new CodegenError(`${pkg.rel}/package.json`, undefined, "npm pack gave no shasum");
  return shasum;
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
