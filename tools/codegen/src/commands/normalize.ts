import { relative } from "node:path";
import type { CommandContext } from "../command-context.ts";
import { asCodegenError } from "../errors.ts";
import { normalizeVendor } from "../normalize/index.ts";
import { operations } from "../openapi.ts";
import { loadVendorConfig } from "../vendor-config.ts";
import { sameContent, writeFileAtomic } from "../write.ts";
import { join } from "node:path";

/** normalize [--check]: one line per vendor; with --check, exit 1 listing stale openapi.yaml files. */
export async function runNormalize(ctx: CommandContext): Promise<number> {
  const stale: string[] = [];
  for (const slug of ctx.vendors) {
    const started = performance.now();
    const config = loadVendorConfig(join(ctx.root, "specs"), slug);
    const result = await normalizeVendor(config, ctx.root).catch((error: unknown) => {
      throw asCodegenError(error, relative(ctx.root, config.dir), "normalize failed");
    });
    const rel = relative(ctx.root, result.file);
    const unchanged = sameContent(result.file, result.text);
    if (!unchanged && ctx.check) stale.push(rel);
    else if (!unchanged) writeFileAtomic(result.file, result.text);
    const ops = operations(result.doc).length;
    const state = unchanged ? "unchanged" : ctx.check ? "STALE" : "written";
    ctx.log(`${slug.padEnd(22)} ${String(ops).padStart(3)} operations  ${rel} ${state}  ${Math.round(performance.now() - started)} ms`);
  }
  if (stale.length) {
    console.error(`error: ${stale.length} normalized spec(s) are stale; run npm run normalize: ${stale.join(", ")}`);
    return 1;
  }
  return 0;
}
