import { ROOT, TURBO_BIN } from "./paths.ts";
import { repeat, runProcess } from "./run-process.ts";
import { summarize, type Summary } from "./stats.ts";

/**
 * 2. No-op regenerate of the whole repository with everything cached: `turbo run generate` after a warm run
 * (the npm script adds npm's own start-up, measured separately).
 */
export function benchNoopGenerate(runs: number): { turbo: Summary; npm: Summary; fullTurbo: boolean } {
  const env = { TURBO_TELEMETRY_DISABLED: "1" };
  runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none"], { cwd: ROOT, env });
  const turbo = repeat(runs, 1, () => runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none"], { cwd: ROOT, env }));
  const npm = repeat(runs, 0, () => runProcess("npm", ["run", "--silent", "generate", "--", "--output-logs=none"], { cwd: ROOT, env }));
  const fullTurbo = turbo.every((r) => /FULL TURBO/.test(r.stdout));
  return { turbo: summarize(turbo.map((r) => r.seconds)), npm: summarize(npm.map((r) => r.seconds)), fullTurbo };
}
