import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";
import { binOf, CommandError, runNode } from "./run.ts";
import type { Vendor } from "./vendors.ts";

/** model-apis-codegen, run in `root` (its own process: it finds the repository root from its working folder). */
export async function runCodegen(root: string, args: string[]): Promise<string> {
  const { stdout } = await runNode(binOf("@model-apis/codegen", "model-apis-codegen"), args, { cwd: root });
  return stdout;
}

/**
 * The release diffs the committed spec and reports on the committed packages, so both must be what the sources
 * produce: normalize --check for the specs, and each package's header naming the spec's sha256.
 */
export async function assertGenerated(root: string, vendors: Vendor[]): Promise<void> {
  await runCodegen(root, ["normalize", "--check", ...vendors.map((v) => v.slug)]).catch((error: unknown) => {
    const detail = error instanceof CommandError ? error.stderr.trim().split("\n").pop() : String(error);
    throw new CodegenError("specs", undefined, `a spec is not what its sources produce; run npm run generate first (${detail})`);
  });
  for (const vendor of vendors) {
    for (const dir of [vendor.client.dir, vendor.mock.dir]) {
      const file = join(dir, "package.json");
      const head = existsSync(file) ? readFileSync(file, "utf8").slice(0, 400) : "";
      if (!head.includes(`(sha256 ${vendor.specSha256})`)) {
        throw new CodegenError(
          relative(root, file),
          undefined,
          `was not generated from the current specs/${vendor.slug}/openapi.yaml; run npm run generate first`,
        );
      }
    }
  }
}
