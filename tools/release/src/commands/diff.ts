/** diff [vendor...]: the classified changes of each vendor's spec since its last version, and the bump they make. Writes nothing. */
import { parse } from "yaml";
import { nextVersion } from "../bump.ts";
import { changesLevel, specChanges } from "../spec-diff.ts";
import { loadVendors, releasedSpec } from "../vendors.ts";
import type { ReleaseContext } from "./context.ts";

export async function runDiff(ctx: ReleaseContext): Promise<number> {
  for (const vendor of loadVendors(ctx.root, ctx.vendors)) {
    if (!vendor.state) {
      ctx.log(`${vendor.slug}: never released; npm run release gives it its first version`);
      continue;
    }
    const changes = vendor.specSha256 === vendor.state.specSha256 ? [] : specChanges(parse(releasedSpec(vendor)), parse(vendor.specText));
    const level = changesLevel(changes);
    ctx.log(
      `${vendor.slug}: ${changes.length} change(s) since ${vendor.state.version}${level ? `; ${level} -> ${nextVersion(vendor.state.version, level)}` : ""}`,
    );
    for (const change of changes) ctx.log(`  - ${change.text}: ${change.kind}${ctx.verbose ? `  ${change.path}` : ""}`);
  }
  return 0;
}
