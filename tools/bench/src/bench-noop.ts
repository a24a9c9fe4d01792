import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ROOT, TURBO_BIN } from "./paths.ts";
import { repeat, runProcess } from "./run-process.ts";
import { seconds, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize, type Summary } from "./stats.ts";

const TARGET_S = 0.5;

/**
 * A scratch copy of the working tree (tracked and untracked, not ignored files), committed in its own git
 * repository, with node_modules linked to the real one. The bench never runs generate in the real tree: with
 * a stale cache that would rewrite specs/ and packages/ under the developer's feet.
 */
function scratchCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "model-apis-noop-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
    .split("\0")
    .filter((f) => f && existsSync(join(ROOT, f)) && lstatSync(join(ROOT, f)).isFile());
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(root, file));
  }
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@localhost", "-c", "commit.gpgsign=false", ...args], { cwd: root, stdio: "ignore" });
  git("init", "-q");
  appendFileSync(join(root, ".git", "info", "exclude"), "node_modules\n");
  git("add", "-A");
  git("commit", "-q", "-m", "bench scratch copy");
  return root;
}

/**
 * 2. No-op regenerate of the whole repository with everything cached: `npm run generate` after a warm run, and
 * `turbo run generate` alone (the difference is npm's own start-up).
 */
export function benchNoopGenerate(runs: number): { turbo: Summary; npm: Summary; fullTurbo: boolean } {
  const root = scratchCopy();
  try {
    const env = { TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off" };
    runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none"], { cwd: root, env });
    const turbo = repeat(runs, 1, () => runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none"], { cwd: root, env }));
    const npm = repeat(runs, 0, () => runProcess("npm", ["run", "--silent", "generate", "--", "--output-logs=none"], { cwd: root, env }));
    const fullTurbo = [...turbo, ...npm].every((r) => /FULL TURBO/.test(r.stdout));
    return { turbo: summarize(turbo.map((r) => r.seconds)), npm: summarize(npm.map((r) => r.seconds)), fullTurbo };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function noopSection({ runs }: SectionOptions): Promise<SectionResult> {
  const { turbo, npm, fullTurbo } = benchNoopGenerate(runs);
  return {
    rows: [
      {
        case: "noop · npm run generate, all cached",
        ours: seconds(npm),
        baseline: "—",
        target: `≤ ${TARGET_S} s`,
        met: npm.median <= TARGET_S,
        why: `turbo itself takes ${Math.round(turbo.median * 1000)} ms; the other ${Math.round((npm.median - turbo.median) * 1000)} ms are npm starting up and spawning turbo`,
      },
      { case: "noop · turbo run generate, all cached (no npm)", ours: seconds(turbo), baseline: "—", target: "—" },
    ],
    notes: [
      `noop: in a scratch git copy of the working tree after one warm run${fullTurbo ? "; every measured run was FULL TURBO" : "; NOT every run was FULL TURBO: a task missed the cache"}. ` +
        "The npm row includes npm's own start-up (the turbo row without it).",
    ],
  };
}
