/**
 * 9. The test suite as CI runs it: `npm test` in a fresh clone of the committed HEAD (`git clone`, then `npm ci`,
 * which is not timed: its time is in the note). The clone has no turbo cache, no tsx transform cache of its own
 * files and no built dist/, like a CI machine; the npm cache is the machine's.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./paths.ts";
import { type ProcessRun, runProcess } from "./run-process.ts";
import { seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize } from "./stats.ts";

/** A fresh clone's npm test: at most 90 s on this machine. */
const FRESH_TARGET_S = 90;

export const QUIET_ENV = {
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
  NO_UPDATE_NOTIFIER: "1",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

export interface Clone {
  dir: string;
  install: ProcessRun;
  dispose: () => void;
}

/** `git clone` of the committed HEAD into the OS temp dir, then `npm ci` (from the npm cache where it can). */
export function freshClone(label: string): Clone {
  const parent = mkdtempSync(join(tmpdir(), `model-apis-bench-${label}-`));
  const dir = join(parent, "repo");
  execFileSync("git", ["clone", "--quiet", ROOT, dir]);
  const install = runProcess("npm", ["ci", "--prefer-offline"], { cwd: dir, env: QUIET_ENV });
  return { dir, install, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/** `npm test` in a clone (turbo writes its run summary); a failing run is measured, and reported as failed. */
export function npmTest(dir: string, env: Record<string, string> = {}): ProcessRun {
  return runProcess("npm", ["test", "--", "--summarize"], { cwd: dir, env: { ...QUIET_ENV, ...env }, allowFail: true });
}

interface TurboSummary {
  tasks: { taskId: string; cache: { status: string; source?: string }; execution?: { startTime: number; endTime: number } }[];
}

/** The turbo tasks of the clone's last run, longest first: a markdown table. */
export function taskTable(dir: string, title: string): string | undefined {
  const runsDir = join(dir, ".turbo", "runs");
  if (!existsSync(runsDir)) return undefined;
  const last = readdirSync(runsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .at(-1);
  if (!last) return undefined;
  const summary = JSON.parse(readFileSync(join(runsDir, last), "utf8")) as TurboSummary;
  const rows = summary.tasks
    .map((t) => ({
      id: t.taskId,
      s: t.execution ? (t.execution.endTime - t.execution.startTime) / 1000 : 0,
      cache: `${t.cache.status}${t.cache.source ? ` (${t.cache.source})` : ""}`,
    }))
    .sort((a, b) => b.s - a.s);
  return [`### ${title}`, "", "| turbo task | wall s | cache |", "|---|---|---|", ...rows.map((r) => `| ${r.id} | ${r.s.toFixed(1)} | ${r.cache} |`)].join(
    "\n",
  );
}

export function suiteRow(name: string, runs: ProcessRun[], targetS: number): Row {
  const summary = summarize(runs.map((r) => r.seconds));
  const failed = runs.filter((r) => r.code !== 0);
  const cpu = runs.map((r) => r.cpuSeconds).filter((c): c is number => c !== undefined);
  const ours = `${seconds(summary)}${cpu.length ? `, ${Math.round(summarize(cpu).median)} CPU-s` : ""}`;
  if (failed.length) {
    const tail = `${failed[0]!.stdout}\n${failed[0]!.stderr}`.trim().split("\n").slice(-2).join(" | ");
    return {
      case: name,
      ours: `${ours}; ${failed.length} of ${runs.length} runs failed: ${tail}`.slice(0, 300),
      baseline: "—",
      target: `≤ ${targetS} s`,
      status: "error",
    };
  }
  return {
    case: name,
    ours,
    baseline: "—",
    target: `≤ ${targetS} s`,
    met: summary.median <= targetS,
    why: "the suite's CPU time (column 'ours') over the machine's two cores: see the per-task table in RESULTS.md",
  };
}

export async function testSuiteSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const n = quick ? 1 : Math.min(runs, 2);
  const measured: ProcessRun[] = [];
  const installs: number[] = [];
  const blocks: string[] = [];
  for (let i = 0; i < n; i++) {
    const clone = freshClone("fresh");
    try {
      installs.push(clone.install.seconds);
      measured.push(npmTest(clone.dir));
      const table =
        i === n - 1 ? taskTable(clone.dir, "Turbo tasks of a fresh clone's npm test (the last run; tasks run side by side on two cores)") : undefined;
      if (table) blocks.push(table);
    } finally {
      clone.dispose();
    }
  }
  return {
    rows: [suiteRow(`suite · fresh clone: npm test (n=${n})`, measured, FRESH_TARGET_S)],
    blocks,
    notes: [
      `suite: a fresh clone's npm test, process start to exit, after an untimed npm ci (${installs.map((s) => `${s.toFixed(0)} s`).join(", ")}); CPU-s is user + system time of npm test and every process it waited for.`,
    ],
  };
}
