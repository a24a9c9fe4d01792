import { relative } from "node:path";
import { join } from "node:path";
import { asCodegenError, CodegenError } from "./errors.ts";
import { clientReservedNames, emitClient } from "./emit/client.ts";
import { headerText, specIdentity } from "./emit/header.ts";
import { emitMockBin, emitMockIndex } from "./emit/mock.ts";
import { operationModels, schemaNames } from "./emit/model.ts";
import { clientPackageJson, mockPackageJson, packageChangelog, packageRelease, packageTsconfig, statsJson } from "./emit/package.ts";
import { emitClientReadme, emitMockReadme } from "./emit/readme.ts";
import { emitTypes } from "./emit/types.ts";
import { STRUCTURE_RULES } from "./lint.ts";
import { lintInWorker } from "./lint-worker.ts";
import type { Normalized } from "./normalize/index.ts";
import type { VendorConfig } from "./vendor-config.ts";
import { loadChangelog, loadReleaseState } from "./release-state.ts";
import { redoclyConfigPath } from "./repo.ts";
import { timed } from "./timings.ts";

export interface PackagePlan {
  /** Absolute package folder, packages/clients/<slug> or packages/mocks/<slug>. */
  dir: string;
  /** Relative file path -> content. */
  files: Map<string, string>;
}

export interface VendorPlan {
  slug: string;
  operations: number;
  normalized: Normalized;
  packages: PackagePlan[];
}

/**
 * Lints the normalized spec with the house style (in a worker thread, in parallel with planVendor: it starts when
 * called, and the YAML text, only needed for line numbers, may still be in the making); the first
 * problem becomes a one-line error with file:line:col. A structural problem is first explained by
 * `explainStructure`, which names the upstream or overlay file it came from.
 */
export async function lintNormalized(
  normalized: Pick<Normalized, "doc" | "file"> & { text: string | Promise<string> },
  root: string,
  options: { warnOnly?: boolean; explainStructure?: () => Promise<unknown> } = {},
): Promise<void> {
  const json = JSON.stringify(normalized.doc);
  const lint = await lintInWorker(normalized.file, json, Promise.resolve(normalized.text), redoclyConfigPath(root)).catch((error: unknown) => {
    throw asCodegenError(error, relative(root, normalized.file), "lint failed");
  });
  try {
    const { problems, total } = lint;
    const first = problems[0];
    if (!first) return;
    if (options.warnOnly) {
      console.error(`warning: ${relative(root, first.file)}: ${total} house-style problem(s) ignored (--lint-warn-only)`);
      return;
    }
    if (options.explainStructure && problems.some((p) => p.rule in STRUCTURE_RULES)) await options.explainStructure();
    const more = total > 1 ? ` (and ${total - 1} more; run npm run lint)` : "";
    const { line, col } = await lint.position(0);
    throw new CodegenError(relative(root, first.file), `${line}:${col}`, `${first.rule}: ${first.message}${more}`);
  } finally {
    lint.release();
  }
}

/** Everything generate writes for one vendor, computed in memory; nothing touches the disk here. */
export async function planVendor(config: VendorConfig, normalized: Normalized, root: string): Promise<VendorPlan> {
  const spec = specIdentity(relative(root, normalized.file).split("\\").join("/"), normalized.text);
  const header = headerText(spec);
  const doc = normalized.doc;
  const ops = operationModels(doc, Object.values(config.clientHeaders ?? {}));
  const schemas = schemaNames(doc, clientReservedNames(config.clientName));
  const bundled = await timed("bundle JSON", () => JSON.stringify({ "x-generated": header, ...doc }, null, 2) + "\n");
  // versions and internal ranges come from the committed release state (npm run release writes it)
  const release = packageRelease(config, loadReleaseState(config.dir));
  const changelog = loadChangelog(config.dir);
  const stats = statsJson(spec, ops.length, schemas.length, release, String(doc.info?.version ?? ""));

  const client = new Map<string, string>([
    ["package.json", clientPackageJson(config, spec, release)],
    ["tsconfig.json", packageTsconfig(header, false)],
    ["openapi.json", bundled],
    ["stats.json", stats],
    ["README.md", emitClientReadme(doc, config, ops, header, release)],
    ["src/schema.ts", await timed("types (openapi-typescript)", () => emitTypes(doc, header))],
    ["src/index.ts", emitClient(doc, config, ops, schemas, header)],
  ]);
  const mock = new Map<string, string>([
    ["package.json", mockPackageJson(config, spec, release)],
    ["tsconfig.json", packageTsconfig(header, true)],
    ["openapi.json", bundled],
    ["stats.json", stats],
    ["README.md", emitMockReadme(config, ops, header, release)],
    ["src/index.ts", emitMockIndex(config, header)],
    ["bin.js", emitMockBin(config, header)],
  ]);
  if (release.released && changelog !== undefined) {
    client.set("CHANGELOG.md", packageChangelog(header, changelog));
    mock.set("CHANGELOG.md", packageChangelog(header, changelog));
  }
  return {
    slug: config.slug,
    operations: ops.length,
    normalized,
    packages: [
      { dir: join(root, "packages", "clients", config.slug), files: client },
      { dir: join(root, "packages", "mocks", config.slug), files: mock },
    ],
  };
}
