/**
 * check (part of npm run check): every vendor has a release state that matches its spec, its internal ranges
 * include the hand-written packages' versions, its committed API report is the one of its version and is what the
 * built client gives; every public package's internal ranges include the workspace versions; the hand-written
 * packages have a changelog. Lists every problem, one line each, then exits 1.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { releaseDir, STATE_FILE } from "@model-apis/codegen/src/release-state.ts";
import semver from "semver";
import { apiReportPath, computeApiReport, sha256 } from "../api-report.ts";
import { buildPackages } from "../build.ts";
import { handWrittenPackages } from "../hand-written.ts";
import { loadVendors, releasedSpec, type Vendor } from "../vendors.ts";
import { listWorkspaces } from "../workspaces.ts";
import type { ReleaseContext } from "./context.ts";

export async function runCheck(ctx: ReleaseContext, options: { apiReports: boolean }): Promise<number> {
  const problems: string[] = [];
  const vendors = loadVendors(ctx.root, ctx.vendors);
  for (const vendor of vendors) problems.push(...stateProblems(ctx.root, vendor));
  problems.push(...rangeProblems(ctx.root));
  for (const pkg of handWrittenPackages(ctx.root)) {
    if (!existsSync(join(pkg.dir, "CHANGELOG.md"))) problems.push(`${pkg.rel}/CHANGELOG.md: missing (changeset version writes it)`);
  }
  if (options.apiReports)
    problems.push(
      ...(await reportProblems(
        ctx.root,
        vendors.filter((v) => v.state),
      )),
    );
  for (const problem of problems) console.error(`error: ${problem}`);
  if (problems.length) return 1;
  ctx.log(`release state: ${vendors.length} vendor(s) match their last version${options.apiReports ? "; API reports current" : ""}`);
  return 0;
}

function stateProblems(root: string, vendor: Vendor): string[] {
  const stateFile = relative(root, join(releaseDir(vendor.config.dir), STATE_FILE));
  const state = vendor.state;
  if (!state) return [`${stateFile}: missing; ${vendor.config.package} has never been released (npm run release gives it its first version)`];
  const out: string[] = [];
  try {
    releasedSpec(vendor);
  } catch (error) {
    out.push((error as Error).message);
  }
  if (vendor.specSha256 !== state.specSha256) {
    out.push(
      `${relative(root, vendor.specFile)}: changed since ${vendor.config.package} ${state.version} (${stateFile}#/specSha256) and no version bump is pending: run npm run release`,
    );
  }
  for (const [name, range] of Object.entries(state.dependencies)) {
    const pkg = listWorkspaces(root).find((p) => p.name === name);
    if (pkg && !semver.satisfies(pkg.version, range)) {
      out.push(
        `${stateFile}#/dependencies/${name.replace("/", "~1")}: ${range} does not include ${name} ${pkg.version} (${pkg.rel}/package.json): run npm run release`,
      );
    }
  }
  const report = apiReportPath(vendor.client);
  const committed = existsSync(report) ? sha256(readFileSync(report, "utf8")) : undefined;
  if (committed !== state.apiReportSha256) {
    out.push(
      `${relative(root, report)}: ${committed ? "differs from the API report of" : "missing; it is part of"} ${vendor.config.package} ${state.version} (${stateFile}#/apiReportSha256): run npm run release`,
    );
  }
  return out;
}

/** Every @model-apis dependency of a public workspace package must include the version that workspace has. */
function rangeProblems(root: string): string[] {
  const packages = listWorkspaces(root);
  const versions = new Map(packages.map((p) => [p.name, p.version]));
  const out: string[] = [];
  for (const pkg of packages.filter((p) => !p.private)) {
    for (const [name, range] of Object.entries(pkg.json.dependencies ?? {})) {
      const version = versions.get(name);
      if (version !== undefined && !semver.satisfies(version, range)) {
        out.push(
          `${pkg.rel}/package.json#/dependencies/${name.replace("/", "~1")}: ${range} does not include the workspace's ${name} ${version}: run npm run release`,
        );
      }
    }
  }
  return out;
}

/** Builds the released clients (turbo-cached in the repository) and compares their API reports with the committed ones. */
async function reportProblems(root: string, vendors: Vendor[]): Promise<string[]> {
  await buildPackages(
    root,
    vendors.map((v) => v.client),
  );
  const out: string[] = [];
  for (const vendor of vendors) {
    const file = apiReportPath(vendor.client);
    const committed = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (committed !== undefined && computeApiReport(vendor.client, root) !== committed) {
      out.push(`${relative(root, file)}: stale, the built client's TypeScript surface differs: run npm run api-report, then npm run release`);
    }
  }
  return out;
}
