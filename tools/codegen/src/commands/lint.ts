import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { CommandContext } from "../command-context.ts";
import { CodegenError } from "../errors.ts";
import { formatProblem, lintText, STRUCTURE_RULES } from "../lint.ts";
import { countByRule, describeCounts, isBlocking, type LintPolicy } from "../lint-policy.ts";
import { loadFile, locatePointer, type LoadedFile } from "../load.ts";
import { normalizeVendor } from "../normalize/index.ts";
import { loadOverlay } from "../normalize/overlay.ts";
import { findRefCycle } from "../normalize/refs.ts";
import { validateDocument } from "../normalize/validate-document.ts";
import { isObject } from "../openapi.ts";
import { redoclyConfigPath } from "../repo.ts";
import { loadVendorConfig } from "../vendor-config.ts";

/**
 * lint [vendor|file...]: redocly with redocly.yaml; any error OR warning fails (the house style is zero warnings),
 * except for a vendor whose vendor.yaml says `lint: imported`: its problems are all listed, and only those that
 * break the client or the mock fail (lint-policy.ts); the others are shown as warnings and counted.
 * A file that is not a usable OpenAPI document (syntax, size, structure, unresolved or cyclic $ref) fails with one
 * `error:` line, like normalize and generate. An Overlay file is checked by applying it to its vendor's upstream.
 */
export async function runLint(ctx: CommandContext): Promise<number> {
  let failed = 0;
  for (const target of ctx.vendors) {
    // a vendor slug has no dot or slash; anything else is a file (whatever its extension)
    const file = /[./\\]/.test(target) ? resolve(target) : join(ctx.root, "specs", target, "openapi.yaml");
    if (!existsSync(file)) throw new CodegenError(file, undefined, /[./\\]/.test(target) ? "file not found" : "no normalized spec yet (run npm run normalize)");
    const loaded = loadFile(file);
    if (isObject(loaded.data) && "overlay" in loaded.data) {
      await checkOverlay(ctx.root, file);
      ctx.log(`${target.padEnd(22)} overlay applies cleanly`);
      continue;
    }
    const policy = policyOf(ctx.root, file);
    const problems = await lintOpenApi(ctx.root, loaded);
    const blocking = problems.filter((p) => isBlocking(p.rule, policy));
    for (const p of problems) console.error(formatProblem(isBlocking(p.rule, policy) ? p : { ...p, line: p.line, col: p.col, severity: "warn" }, ctx.root));
    const style = countByRule(problems.filter((p) => !isBlocking(p.rule, policy)));
    const imported = `lint imported: ${blocking.length} blocking problem(s)${style.length ? `; ${describeCounts(style)} not blocking` : ""}`;
    ctx.log(`${target.padEnd(22)} ${problems.length === 0 ? "lint clean" : policy === "imported" ? imported : `${problems.length} problem(s)`}`);
    if (blocking.length) failed++;
  }
  return failed ? 1 : 0;
}

/** A vendor's specs/<vendor>/openapi.yaml is linted under its vendor.yaml's `lint:` policy; any other file is strict. */
function policyOf(root: string, file: string): LintPolicy {
  const dir = dirname(file);
  const specs = join(root, "specs");
  if (basename(file) !== "openapi.yaml" || dirname(dir) !== specs || !existsSync(join(dir, "vendor.yaml"))) return "strict";
  return loadVendorConfig(specs, basename(dir)).lint ?? "strict";
}

/** House-style problems of a usable document; throws a one-line CodegenError for an unusable one. */
async function lintOpenApi(root: string, { file, text, data }: LoadedFile) {
  const doc = validateDocument(file, text, data);
  const cycle = findRefCycle(doc);
  if (cycle) throw new CodegenError(file, locatePointer(text, cycle.keys) ?? cycle.pointer, cycle.message);
  const problems = await lintText(file, text, { configPath: redoclyConfigPath(root) });
  const structural = problems.filter((p) => p.severity === "error" && p.rule in STRUCTURE_RULES);
  const first = structural[0];
  if (!first) return problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : "";
  throw new CodegenError(file, `${first.line}:${first.col}`, `${first.message} [${first.rule}]${more}`);
}

/** specs/<vendor>/overlay.yaml is applied to that vendor's upstream in memory (nothing is written). */
async function checkOverlay(root: string, file: string): Promise<void> {
  const dir = dirname(file);
  if (basename(file) === "overlay.yaml" && existsSync(join(dir, "vendor.yaml"))) {
    await normalizeVendor(loadVendorConfig(dirname(dir), basename(dir)), root);
  } else {
    loadOverlay(file);
  }
}
