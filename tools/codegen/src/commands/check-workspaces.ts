import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CommandContext } from "../command-context.ts";
import { workspaceFiles } from "../vendor-workspace.ts";

/** check: every specs/<vendor>/package.json and turbo.json is the scaffolded shim; exit 1 listing those that are not. */
export function checkWorkspaces(ctx: CommandContext): number {
  const differing: string[] = [];
  for (const slug of ctx.vendors) {
    for (const [name, want] of Object.entries(workspaceFiles(slug))) {
      const file = join(ctx.root, "specs", slug, name);
      let have: string | undefined;
      try {
        have = readFileSync(file, "utf8");
      } catch {
        have = undefined;
      }
      if (have !== want) differing.push(`specs/${slug}/${name}`);
    }
  }
  if (differing.length) {
    console.error(`error: ${differing.length} vendor workspace shim(s) differ from what new-vendor scaffolds (restore them): ${differing.join(", ")}`);
    return 1;
  }
  ctx.log(`workspace shims: ${ctx.vendors.length} vendor(s) as scaffolded`);
  return 0;
}
