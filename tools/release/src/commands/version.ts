/**
 * version (npm run release): bump the hand-written packages by their changesets, then every vendor whose spec,
 * dependency ranges or TypeScript surface changed since its last version, by the spec diff; write its state,
 * released spec, changelog and API report; regenerate its packages; refresh package-lock.json.
 * Everything is computed before the first write, so a refusal (a surface change without a level) writes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CHANGELOG, RELEASED_SPEC, releaseDir, releaseStateText, STATE_FILE } from "@model-apis/codegen/src/release-state.ts";
import { apiReportPath, computeApiReport, sha256 } from "../api-report.ts";
import { buildPackages } from "../build.ts";
import type { Level } from "../bump.ts";
import { changelogEntry, prependEntry } from "../changelog.ts";
import { assertGenerated, runCodegen } from "../codegen.ts";
import { applyChangesets, pendingChangesets, plannedHandWrittenVersions } from "../hand-written.ts";
import { planRelease, type VendorRelease } from "../plan.ts";
import { run } from "../run.ts";
import { loadVendors, releasedSpec, type Vendor } from "../vendors.ts";
import type { ReleaseContext } from "./context.ts";

export async function runVersion(ctx: ReleaseContext, bumps: Map<string, Level>): Promise<number> {
  const vendors = loadVendors(ctx.root, ctx.vendors);
  for (const slug of bumps.keys()) {
    if (slug !== "all" && !vendors.some((v) => v.slug === slug))
      throw new Error(`--bump ${slug}: no such vendor among ${vendors.map((v) => v.slug).join(", ")}`);
  }
  await assertGenerated(ctx.root, vendors);

  const changesets = pendingChangesets(ctx.root);
  const handWritten = await plannedHandWrittenVersions(ctx.root);

  await buildPackages(
    ctx.root,
    vendors.map((v) => v.client),
  );
  const planned: { vendor: Vendor; release: VendorRelease; report: string }[] = [];
  for (const vendor of vendors) {
    const report = computeApiReport(vendor.client, ctx.root);
    const release = planRelease({
      vendor,
      releasedSpec: vendor.state ? releasedSpec(vendor) : undefined,
      handWritten,
      apiReport: { file: relative(ctx.root, apiReportPath(vendor.client)), sha256: sha256(report) },
      requested: bumps.get(vendor.slug) ?? bumps.get("all"),
    });
    planned.push({ vendor, release, report });
  }

  const released = planned.filter((p) => p.release.to !== undefined);
  if (changesets.length) {
    await applyChangesets(ctx.root);
    ctx.log(`changesets: applied ${changesets.join(", ")}; see the CHANGELOG.md of packages/spec-model, runtime and mock-server`);
  }
  for (const { vendor, release, report } of released) writeRelease(vendor, release, report);
  // changesets also rewrites the ranges in every generated package.json; generating all of them puts back the states'
  if (changesets.length) await runCodegen(ctx.root, ["generate"]);
  else if (released.length) await runCodegen(ctx.root, ["generate", ...released.map((p) => p.vendor.slug)]);
  if ((released.length || changesets.length) && existsSync(join(ctx.root, "package-lock.json"))) {
    await run("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], { cwd: ctx.root });
  }

  for (const { vendor, release } of planned) {
    const pkg = vendor.config.package;
    if (!release.to) {
      ctx.log(`${vendor.slug.padEnd(22)} ${pkg}@${release.from}: unchanged since its release`);
      continue;
    }
    const why = release.from === undefined ? "first version" : `${release.level}; ${release.changes.length} change(s)`;
    ctx.log(
      `${vendor.slug.padEnd(22)} ${pkg} and ${pkg}-mock: ${release.from ?? "unreleased"} -> ${release.to} (${why}, in ${relative(ctx.root, join(releaseDir(vendor.config.dir), CHANGELOG))})`,
    );
    if (ctx.verbose) for (const change of release.changes) ctx.log(`  - ${change.text}: ${change.kind}`);
  }
  return 0;
}

/** The release files of one vendor: state, the spec of this version, its changelog entry and API report. */
function writeRelease(vendor: Vendor, release: VendorRelease, report: string): void {
  const dir = releaseDir(vendor.config.dir);
  mkdirSync(dir, { recursive: true });
  const changelogFile = join(dir, CHANGELOG);
  const existing = existsSync(changelogFile) ? readFileSync(changelogFile, "utf8") : undefined;
  writeFileSync(join(dir, RELEASED_SPEC), vendor.specText);
  writeFileSync(apiReportPath(vendor.client), report);
  writeFileSync(changelogFile, prependEntry(existing, vendor, changelogEntry(release, vendor)));
  writeFileSync(join(dir, STATE_FILE), releaseStateText(release.state!));
}
