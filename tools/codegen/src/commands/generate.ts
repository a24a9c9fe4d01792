import type { CommandContext } from "../cli.ts";

export async function runGenerate(ctx: CommandContext): Promise<number> {
  ctx.log("generate: not yet wired");
  return 1;
}
