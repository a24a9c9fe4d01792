import { existsSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { CommandContext } from "../command-context.ts";
import { checkLint, planVendor, type VendorPlan } from "../generate.ts";
import { normalizeDocument, normalizedHeader, normalizeVendor } from "../normalize/index.ts";
import { asCodegenError } from "../errors.ts";
import { openInProcess } from "../lint-in-process.ts";
import { openInWorker, warmLintWorker, workerHeapMb } from "../lint-worker.ts";
import { redoclyConfigPath } from "../repo.ts";
import { timed } from "../timings.ts";
import { listVendors, loadVendorConfig, type VendorConfig } from "../vendor-config.ts";
import { assertGenerated, diffPackage, orphanPackages, writePackage } from "../write-package.ts";
import { sameContent, writeFileAtomic } from "../write.ts";
import { installWorkspaces, unlistedWorkspaces } from "../workspace-install.ts";

/**
 * generate [vendor...] [--check]: per vendor, normalize + lint + emit in memory, then swap each package in
 * atomically. A bad spec stops the run before anything of that vendor is written; vendors are handled one at a
 * time, so memory stays flat however many there are.
 */
export async function runGenerate(ctx: CommandContext): Promise<number> {
  const started = performance.now();
  // the lint worker boots (tsx, redocly, the house config) while the first vendor is normalized, if one is big
  const configs = new Map(ctx.vendors.map((slug) => [slug, loadVendorConfig(join(ctx.root, "specs"), slug)]));
  if ([...configs.values()].some(isBig)) warmLintWorker(redoclyConfigPath(ctx.root));
  const orphans = orphanPackages(ctx.root, new Set(listVendors(join(ctx.root, "specs"))));
  for (const dir of orphans) assertGenerated(dir, ctx.root);

  const stale: string[] = [];
  /** Package folders this run creates (a new vendor's): npm must learn about them. */
  const created: string[] = [];
  let written = 0;
  let operations = 0;
  const collect = fullGarbageCollection();
  /** The heap in use after the first vendor: libraries loaded, one vendor's garbage. */
  let baseline: number | undefined;
  for (const slug of ctx.vendors) {
    const t0 = performance.now();
    const plan = await planChecked(ctx, configs.get(slug)!);
    for (const pkg of plan.packages) if (!existsSync(pkg.dir)) created.push(pkg.dir);
    const { changed, unchanged, differing } = apply(plan, ctx.check);
    stale.push(...differing);
    // what earlier vendors left behind is collected once it is half as much again as the first one's heap
    const used = process.memoryUsage().heapUsed;
    baseline ??= used;
    if (used > HEAP_GROWTH * baseline) collect();
    written += changed;
    operations += plan.operations;
    const verb = ctx.check ? "differ" : "written";
    ctx.log(
      `${slug.padEnd(22)} ${String(plan.operations).padStart(3)} operations  ${String(changed).padStart(2)} files ${verb}, ${String(unchanged).padStart(2)} unchanged  ${Math.round(performance.now() - t0)} ms`,
    );
  }
  for (const dir of orphans) {
    if (ctx.check) stale.push(`${relative(ctx.root, dir)}/ (no vendor in specs/)`);
    else {
      rmSync(dir, { recursive: true, force: true });
      ctx.log(`removed ${relative(ctx.root, dir)} (its vendor is gone from specs/)`);
    }
  }
  ctx.log(
    `total: ${ctx.vendors.length} vendor(s), ${operations} operations, ${written} file(s) ${ctx.check ? "differ" : "written"}, ${Math.round(performance.now() - started)} ms`,
  );
  if (!ctx.check && created.length) {
    const unlisted = unlistedWorkspaces(ctx.root, created);
    if (unlisted.length) installWorkspaces(ctx.root, unlisted, ctx.log);
  }
  if (stale.length) {
    console.error(`error: generated output is stale; run npm run generate. Differing: ${stale.join(", ")}`);
    return 1;
  }
  return 0;
}

/**
 * V8's full collection, where this Node allows it (`--expose-gc` set after start-up gives the function to a new
 * context). V8 lets the heap grow rather than collect while a program allocates fast: a run over 100 vendors peaked
 * at 1.7 times the memory of one over 10, though nothing of a vendor outlives it (with the old generation capped at
 * 96 MB the same run took 1.13 times). A collection after every vendor kept it flat but doubled the time (about
 * 130 ms each). One when the heap has grown by HEAP_GROWTH comes every 15 to 20 small vendors: 100 vendors peaked at
 * 239 MB instead of 343 MB, in 11.6 s instead of 10.1 s.
 */
function fullGarbageCollection(): () => void {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    if (typeof gc === "function") return () => gc();
  } catch {}
  return () => undefined;
}

/** How much the heap in use may grow over the first vendor's before a full collection. */
const HEAP_GROWTH = 1.5;

/** Upstream size from which the YAML text and the lint are made in the worker, beside the types. */
const BIG_UPSTREAM_BYTES = 2 * 1024 * 1024;

function isBig(config: VendorConfig): boolean {
  return config.upstream.reduce((sum, u) => sum + statSync(join(config.dir, u.file)).size, 0) >= BIG_UPSTREAM_BYTES;
}

/**
 * Normalize, then the YAML text and the lint (under vendor.yaml's `lint:` policy): for a big spec in the lint worker,
 * at once, while this thread builds the types and code; for a small one here first (a worker takes longer to start
 * than they take). Throws before any write. The lint includes the structural rules, so normalize skips its own
 * structural pass: only when the lint finds a structural problem does normalize run it, to name the upstream or
 * overlay file. --lint-warn-only generates whatever the lint says.
 */
async function planChecked(ctx: CommandContext, config: VendorConfig): Promise<VendorPlan> {
  const normalizeFailed = (error: unknown) => {
    throw asCodegenError(error, relative(ctx.root, config.dir), "normalize failed");
  };
  const { doc, file } = await normalizeDocument(config, ctx.root, { structureCheck: false }).catch(normalizeFailed);
  const policy = config.lint ?? "strict";
  const big = isBig(config);
  const inThisThread = () => openInProcess(file, doc, normalizedHeader(config), redoclyConfigPath(ctx.root), policy);
  const opened = big
    ? // the worker gets the document as JSON text; this thread keeps no reference to the text
      openInWorker(file, await timed("JSON for the worker", () => JSON.stringify(doc)), normalizedHeader(config), redoclyConfigPath(ctx.root), policy, () => {
        console.error(
          `note: ${relative(ctx.root, file)}: too big for the lint worker's ${workerHeapMb()} MB heap (MODEL_APIS_WORKER_HEAP_MB); written and linted in the main thread`,
        );
        return inThisThread();
      })
    : inThisThread();
  try {
    const linted = checkLint(opened.lint, file, ctx.root, { warnOnly: ctx.lintWarnOnly, explainStructure: () => normalizeVendor(config, ctx.root) });
    linted.catch(() => undefined); // awaited below, unless the YAML text fails first
    // in this thread the lint goes first: a broken spec fails before openapi-typescript (and TypeScript) loads
    if (!big) await timed("lint", () => linted);
    const text = timed("write YAML", () => opened.text).catch(normalizeFailed);
    const planned = planVendor(config, { doc, file, text }, ctx.root).then(
      (plan) => ({ plan }),
      (error: unknown) => ({ error }),
    );
    // The lint result comes first: a spec the emitters choke on is explained by its lint error (file:line:col).
    await timed("lint (waited for)", () => linted);
    const result = await planned;
    if ("error" in result) throw asCodegenError(result.error, relative(ctx.root, file), "cannot generate");
    for (const pkg of result.plan.packages) assertGenerated(pkg.dir, ctx.root);
    return result.plan;
  } finally {
    opened.release();
  }
}

/** Writes (or, with --check, compares) one vendor's spec and packages. */
function apply(plan: VendorPlan, check: boolean): { changed: number; unchanged: number; differing: string[] } {
  const root = join(plan.normalized.file, "..", "..", "..");
  const differing: string[] = [];
  let changed = 0;
  let unchanged = 0;
  if (sameContent(plan.normalized.file, plan.normalized.text)) unchanged++;
  else {
    changed++;
    if (check) differing.push(relative(root, plan.normalized.file));
    else writeFileAtomic(plan.normalized.file, plan.normalized.text);
  }
  for (const pkg of plan.packages) {
    const diff = diffPackage(pkg);
    const files = [...diff.changed, ...diff.added, ...diff.removed];
    changed += files.length;
    unchanged += diff.unchanged;
    if (!files.length) continue;
    if (check) differing.push(...files.map((f) => `${relative(root, pkg.dir)}/${f}`));
    else writePackage(pkg);
  }
  return { changed, unchanged, differing };
}
