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
import type { WorkerLint } from "./lint-worker.ts";
import type { Normalized } from "./normalize/index.ts";
import type { VendorConfig } from "./vendor-config.ts";
import { loadChangelog, loadReleaseState } from "./release-state.ts";
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
 * The lint's verdict on the normalized spec (linted in the worker, in parallel with planVendor). The first problem
 * that stops generate under the policy (under `strict` any house-style problem, under `imported` one that breaks the
 * client or the mock: lint-policy.ts) becomes a one-line error with file:line:col. A structural problem is first
 * explained by `explainStructure`, which names the upstream or overlay file it came from. With `warnOnly` nothing
 * stops generate.
 */
export async function checkLint(
  linted: Promise<WorkerLint>,
  file: string,
  root: string,
  options: { warnOnly?: boolean; explainStructure?: () => Promise<unknown> },
): Promise<void> {
  const lint = await linted.catch((error: unknown) => {
    throw asCodegenError(error, relative(root, file), "lint failed");
  });
  const { problems, blocking } = lint;
  const first = problems[0];
  if (!first) return;
  if (options.warnOnly) {
    console.error(`warning: ${relative(root, file)}: ${blocking} house-style problem(s) ignored (--lint-warn-only)`);
    return;
  }
  if (options.explainStructure && problems.some((p) => p.rule in STRUCTURE_RULES)) await options.explainStructure();
  const more = blocking > 1 ? ` (and ${blocking - 1} more; run npm run lint)` : "";
  const { line, col } = await lint.position(0);
  throw new CodegenError(relative(root, file), `${line}:${col}`, `${first.rule}: ${first.message}${more}`);
}

/** Stands for the header in the types until the spec's text (and so its sha256) is known. */
const HEADER_SLOT = "\u0000model-apis header\u0000";

/**
 * Everything generate writes for one vendor, computed in memory; nothing touches the disk here. The spec's text may
 * still be in the making (in the lint worker): the types, the longest step, do not need it, and get their header
 * (which holds the text's sha256) once it is there.
 */
export async function planVendor(
  config: VendorConfig,
  normalized: Omit<Normalized, "text"> & { text: string | Promise<string> },
  root: string,
): Promise<VendorPlan> {
  const doc = normalized.doc;
  const types = timed("types (openapi-typescript)", () => emitTypes(doc, HEADER_SLOT));
  types.catch(() => undefined); // awaited below, unless the text fails first
  const text = await normalized.text;
  const spec = specIdentity(relative(root, normalized.file).split("\\").join("/"), text);
  const header = headerText(spec);
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
    ["src/schema.ts", withHeader(await types, header)],
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
    normalized: { doc, file: normalized.file, text },
    packages: [
      { dir: join(root, "packages", "clients", config.slug), files: client },
      { dir: join(root, "packages", "mocks", config.slug), files: mock },
    ],
  };
}

/** The types with their real header in place of HEADER_SLOT. */
function withHeader(types: string, header: string): string {
  const at = types.indexOf(HEADER_SLOT);
  if (at < 0) throw new Error("the types lost their header line");
  return types.slice(0, at) + header + types.slice(at + HEADER_SLOT.length);
}
