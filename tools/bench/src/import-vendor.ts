import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PublishedSpec } from "./github-spec.ts";
import { CODEGEN_BIN } from "./paths.ts";
import { runProcess } from "./run-process.ts";

/**
 * The README's way to add a vendor, for a spec taken as published: `model-apis-codegen new-vendor <slug>` in the
 * repository at `root`, the vendor's file as upstream/openapi.yaml (JSON is YAML), and one edit to the scaffolded
 * vendor.yaml: `lint: imported`. No overlay, nothing else changed.
 */
export function importVendor(root: string, spec: PublishedSpec, file: string): string {
  runProcess(process.execPath, [CODEGEN_BIN, "new-vendor", spec.slug], { cwd: root });
  const dir = join(root, "specs", spec.slug);
  copyFileSync(file, join(dir, "upstream", "openapi.yaml"));
  const vendor = join(dir, "vendor.yaml");
  const text = readFileSync(vendor, "utf8");
  if (!/^version: .*$/m.test(text)) throw new Error(`${vendor}: the scaffold has no version line to put lint: after`);
  writeFileSync(vendor, text.replace(/^(version: .*)$/m, "$1\nlint: imported"));
  return dir;
}
