/** 6. Contract suite wall time: `npm run test:contract` (every client operation against its in-process mock). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./paths.ts";
import { repeat, runProcess } from "./run-process.ts";
import { seconds, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize } from "./stats.ts";

const CASE = "contract · npm run test:contract (wall)";

export async function contractSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const skip = (why: string): SectionResult => ({ rows: [{ case: CASE, ours: `skipped: ${why}`, baseline: "—", target: "—", status: "skipped" }], notes: [] });
  if (!scripts["test:contract"]) return skip("the root package.json has no test:contract script yet");
  if (process.env.CONTRACT_TARGET === "live") return skip("CONTRACT_TARGET=live would run the suite against real servers");

  const env = { TURBO_TELEMETRY_DISABLED: "1", SCARF_ANALYTICS: "false" };
  // One unmeasured run first (vitest's transform cache, disk cache), except in a smoke test.
  const results = repeat(runs, quick ? 0 : 1, () => runProcess("npm", ["run", "--silent", "test:contract"], { cwd: ROOT, env, allowFail: true }));
  const failed = results.filter((r) => r.code !== 0);
  const summary = summarize(results.map((r) => r.seconds));
  const tests = /Tests\s+(\d+ passed[^\n]*)/.exec(results.at(-1)?.stdout.replace(/\x1b\[[0-9;]*m/g, "") ?? "")?.[1]?.trim();
  return {
    rows: [
      {
        case: CASE,
        ours: failed.length ? `${seconds(summary)}, ${failed.length} of ${results.length} runs failed (exit ${failed[0]!.code})` : seconds(summary),
        baseline: "—",
        target: "—",
        ...(failed.length ? { status: "error" as const } : {}),
      },
    ],
    notes: [`contract: the whole npm script, process start to exit${tests ? ` (${tests})` : ""}; no target is set for it.`],
  };
}
