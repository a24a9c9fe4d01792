import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { normalizeVendor } from "../src/normalize/index.ts";
import { loadVendorConfig } from "../src/vendor-config.ts";

export const FIXTURES = join(import.meta.dirname, "fixtures");
export const TINY_REPO = join(FIXTURES, "tiny-repo");

/** A throwaway copy of a fixture repo, removed by the returned cleanup. */
export function tempRepo(from = TINY_REPO): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "model-apis-codegen-"));
  cpSync(from, root, { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function writeYaml(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === "string" ? value : stringify(value));
}

export async function normalizeIn(root: string, slug = "tiny") {
  return normalizeVendor(loadVendorConfig(join(root, "specs"), slug), root);
}
