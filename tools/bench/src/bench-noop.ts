import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
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
 * The turbo arguments of the root `generate` script, which must be one turbo command (the turbo-only row runs
 * exactly what npm runs, without npm).
 */
function generateTurboArgs(): string[] {
  const script = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.generate ?? "";
  const command = /^(?:\w+=\S+ )*turbo (.+)$/.exec(script)?.[1];
  if (!command || /[&|;]/.test(command)) throw new Error(`package.json#/scripts/generate: expected one turbo command, found "${script}"`);
  return command.split(" ").map((arg) => arg.replace(/'/g, ""));
}

/**
 * 2. No-op regenerate of the whole repository with everything cached: `npm run generate` after one warm run of it,
 * and the same turbo command alone (the difference is npm's own start-up).
 */
export function benchNoopGenerate(runs: number): { turbo: Summary; npm: Summary; fullTurbo: boolean } {
  const root = scratchCopy();
  try {
    const env = { TURBO_TELEMETRY_DISABLED: "1", REDOCLY_TELEMETRY: "off" };
    const args = [...generateTurboArgs(), "--output-logs=none"];
    const npmRun = () => runProcess("npm", ["run", "--silent", "generate", "--", "--output-logs=none"], { cwd: root, env });
    npmRun();
    const turbo = repeat(runs, 0, () => runProcess(TURBO_BIN, args, { cwd: root, env }));
    const npm = repeat(runs, 0, npmRun);
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
      { case: "noop · the same turbo command, all cached (no npm)", ours: seconds(turbo), baseline: "—", target: "—" },
    ],
    notes: [
      `noop: in a scratch git copy of the working tree after one warm run${fullTurbo ? "; every measured run was FULL TURBO" : "; NOT every run was FULL TURBO: a task missed the cache"}. ` +
        "The npm row includes npm's own start-up (the turbo row without it).",
    ],
  };
}
