import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CommandContext } from "../cli.ts";
import { CodegenError } from "../errors.ts";
import { formatProblem, lintText } from "../lint.ts";
import { redoclyConfigPath } from "../repo.ts";

/** lint [vendor|file...]: redocly with redocly.yaml; any error OR warning fails (the house style is zero warnings). */
export async function runLint(ctx: CommandContext): Promise<number> {
  let failed = 0;
  for (const target of ctx.vendors) {
    const file = /\.(ya?ml|json)$/.test(target) ? resolve(target) : join(ctx.root, "specs", target, "openapi.yaml");
    if (!existsSync(file)) throw new CodegenError(file, undefined, "file not found (run npm run normalize first?)");
    const problems = await lintText(file, readFileSync(file, "utf8"), { configPath: redoclyConfigPath(ctx.root) });
    for (const p of problems) console.error(formatProblem(p, ctx.root));
    ctx.log(`${target.padEnd(22)} ${problems.length === 0 ? "lint clean" : `${problems.length} problem(s)`}`);
    if (problems.length) failed++;
  }
  return failed ? 1 : 0;
}
