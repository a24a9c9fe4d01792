import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";
import { loadReleaseState, RELEASED_SPEC, type ReleaseState, releaseDir } from "@model-apis/codegen/src/release-state.ts";
import { listVendors, loadVendorConfig, type VendorConfig } from "@model-apis/codegen/src/vendor-config.ts";
import { type ClientPackage, sha256 } from "./api-report.ts";

/** One vendor as the release sees it: its config, its last release, and what its spec and inputs are now. */
export interface Vendor {
  slug: string;
  config: VendorConfig;
  state: ReleaseState | undefined;
  client: ClientPackage;
  mock: { name: string; dir: string };
  specFile: string;
  specText: string;
  specSha256: string;
  /** sha256 of every input of the spec now, by path in the vendor folder. */
  inputs: Record<string, string>;
}

/** The vendors named (all under specs/ when none are); an unknown one is a one-line error naming the file it expected. */
export function loadVendors(root: string, names: string[]): Vendor[] {
  const specs = join(root, "specs");
  const slugs = names.length ? names : listVendors(specs);
  return slugs.map((slug) => loadVendor(root, slug));
}

export function loadVendor(root: string, slug: string): Vendor {
  const config = loadVendorConfig(join(root, "specs"), slug);
  const specFile = join(config.dir, "openapi.yaml");
  if (!existsSync(specFile)) throw new CodegenError(specFile, undefined, "missing: run npm run generate first");
  const specText = readFileSync(specFile, "utf8");
  return {
    slug,
    config,
    state: loadReleaseState(config.dir),
    client: { slug, name: config.package, dir: join(root, "packages", "clients", slug), vendorDir: config.dir },
    mock: { name: `${config.package}-mock`, dir: join(root, "packages", "mocks", slug) },
    specFile,
    specText,
    specSha256: sha256(specText),
    inputs: inputHashes(config),
  };
}

/** The files the normalized spec is made from: vendor.yaml, overlay.yaml (if any) and every upstream file and page. */
export function inputHashes(config: VendorConfig): Record<string, string> {
  const files = ["vendor.yaml", "overlay.yaml", ...config.upstream.flatMap((u) => [u.file, ...(u.page ? [u.page] : [])])];
  const out: Record<string, string> = {};
  for (const file of files) {
    const path = join(config.dir, file);
    if (existsSync(path)) out[file] = sha256(readFileSync(path, "utf8"));
  }
  return out;
}

/** The released copy of the spec, checked against the sha256 its state records. */
export function releasedSpec(vendor: Vendor): string {
  const state = vendor.state!;
  const file = join(releaseDir(vendor.config.dir), RELEASED_SPEC);
  if (!existsSync(file)) throw new CodegenError(file, undefined, `missing: the spec of ${vendor.config.package} ${state.version} (restore it from git)`);
  const text = readFileSync(file, "utf8");
  if (sha256(text) !== state.specSha256) {
    throw new CodegenError(
      file,
      undefined,
      `is not the spec of ${state.version}: its sha256 differs from release/state.json#/specSha256 (restore it from git)`,
    );
  }
  return text;
}
