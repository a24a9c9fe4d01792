import { rmSync } from "node:fs";
import { join, relative } from "node:path";
import type { CommandContext } from "../cli.ts";
import { lintNormalized, planVendor, type VendorPlan } from "../generate.ts";
import { timed } from "../timings.ts";
import { normalizeVendor } from "../normalize/index.ts";
import { listVendors, loadVendorConfig } from "../vendor-config.ts";
import { assertGenerated, diffPackage, orphanPackages, writePackage } from "../write-package.ts";
import { sameContent, writeFileAtomic } from "../write.ts";

/**
 * generate [vendor...] [--check]: normalize + lint + emit, all vendors planned in memory first, so a bad
 * spec stops the run before any file is written. Then each package is swapped in atomically.
 */
export async function runGenerate(ctx: CommandContext): Promise<number> {
  const started = performance.now();
  const plans: { plan: VendorPlan; ms: number }[] = [];
  for (const slug of ctx.vendors) {
    const t0 = performance.now();
    const config = loadVendorConfig(join(ctx.root, "specs"), slug);
    // The house-style lint includes the structural rules, so normalize skips its own structural pass here;
    // only when the lint finds a structural problem does normalize run it, to name the upstream or overlay file.
    const normalized = await normalizeVendor(config, ctx.root, { structureCheck: false });
    const linted = lintNormalized(normalized, ctx.root, { warnOnly: ctx.lintWarnOnly, explainStructure: () => normalizeVendor(config, ctx.root) });
    const plan = await planVendor(config, normalized, ctx.root).finally(() => linted.catch(() => undefined));
    await timed("lint (house style, waited)", () => linted);
    for (const pkg of plan.packages) assertGenerated(pkg.dir, ctx.root);
    plans.push({ plan, ms: performance.now() - t0 });
  }
  const orphans = orphanPackages(ctx.root, new Set(listVendors(join(ctx.root, "specs"))));
  for (const dir of orphans) assertGenerated(dir, ctx.root);

  const stale: string[] = [];
  let written = 0;
  for (const { plan, ms } of plans) {
    const t0 = performance.now();
    const specChanged = !sameContent(plan.normalized.file, plan.normalized.text);
    let changedFiles = specChanged ? 1 : 0;
    let unchangedFiles = specChanged ? 0 : 1;
    if (specChanged) {
      if (ctx.check) stale.push(relative(ctx.root, plan.normalized.file));
      else writeFileAtomic(plan.normalized.file, plan.normalized.text);
    }
    for (const pkg of plan.packages) {
      const diff = diffPackage(pkg);
      const differing = [...diff.changed, ...diff.added, ...diff.removed];
      changedFiles += differing.length;
      unchangedFiles += diff.unchanged;
      if (!differing.length) continue;
      if (ctx.check) stale.push(...differing.map((f) => `${relative(ctx.root, pkg.dir)}/${f}`));
      else writePackage(pkg);
    }
    written += changedFiles;
    const verb = ctx.check ? "differ" : "written";
    const ms2 = Math.round(ms + performance.now() - t0);
    ctx.log(`${plan.slug.padEnd(22)} ${String(plan.operations).padStart(3)} operations  ${String(changedFiles).padStart(2)} files ${verb}, ${String(unchangedFiles).padStart(2)} unchanged  ${ms2} ms`);
  }
  for (const dir of orphans) {
    if (ctx.check) stale.push(`${relative(ctx.root, dir)}/ (no vendor in specs/)`);
    else {
      rmSync(dir, { recursive: true, force: true });
      ctx.log(`removed ${relative(ctx.root, dir)} (no specs/${relative(join(dir, ".."), dir)} any more)`);
    }
  }
  ctx.log(`total: ${plans.length} vendor(s), ${plans.reduce((n, p) => n + p.plan.operations, 0)} operations, ${written} file(s) ${ctx.check ? "differ" : "written"}, ${Math.round(performance.now() - started)} ms`);
  if (stale.length) {
    console.error(`error: generated output is stale; run npm run generate. Differing: ${stale.join(", ")}`);
    return 1;
  }
  return 0;
}
