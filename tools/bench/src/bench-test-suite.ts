/**
 * 9. The test suite as CI runs it: `npm test` in a fresh clone of the committed HEAD (`git clone`, then `npm ci`,
 * which is not timed: its time is in the note). The clone has no turbo cache and no built dist/, like a CI machine;
 * the npm cache is the machine's. Then the same with a warm remote cache: turborepo-remote-cache started as the
 * README's "Share turbo's cache across a team" starts it (test/cache/server.ts), one fresh clone's npm test to fill
 * it, and fresh clones timed against it.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startRemoteCache } from "../../../test/cache/server.ts";
import type { TaskSummary } from "../../../test/cache/turbo-run.ts";
import { ROOT } from "./paths.ts";
import { type ProcessRun, runProcess } from "./run-process.ts";
import { seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize } from "./stats.ts";

/** A fresh clone's npm test: at most 90 s on this machine; with a warm remote cache, at most 30 s. */
const FRESH_TARGET_S = 90;
const WARM_TARGET_S = 30;

const QUIET_ENV = {
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
  NO_UPDATE_NOTIFIER: "1",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

interface Clone {
  dir: string;
  install: ProcessRun;
  dispose: () => void;
}

/** `git clone` of the committed HEAD into the OS temp dir, then `npm ci` (from the npm cache where it can). */
function freshClone(label: string): Clone {
  const parent = mkdtempSync(join(tmpdir(), `model-apis-bench-${label}-`));
  const dir = join(parent, "repo");
  execFileSync("git", ["clone", "--quiet", ROOT, dir]);
  const install = runProcess("npm", ["ci", "--prefer-offline"], { cwd: dir, env: cloneEnv(), replaceEnv: true });
  return { dir, install, dispose: () => rmSync(parent, { recursive: true, force: true }) };
}

/**
 * This process's environment without what would reach into this checkout or another cache: the npm_* variables of
 * the outer `npm run bench`, and any TURBO_* (a developer's own remote cache); plus telemetry off and `extra`.
 */
function cloneEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(TURBO_|npm_|INIT_CWD$)/i.test(name)) env[name] = value;
  return { ...env, ...QUIET_ENV, ...extra };
}

/** `npm test` in a clone (turbo writes its run summary); a failing run is measured, and reported as failed. */
function npmTest(dir: string, env: Record<string, string> = {}): ProcessRun {
  return runProcess("npm", ["test", "--", "--summarize"], { cwd: dir, env: cloneEnv(env), replaceEnv: true, allowFail: true });
}

/** The turbo tasks of the clone's last run, longest first: a markdown table. */
function taskTable(dir: string, title: string): string | undefined {
  const runsDir = join(dir, ".turbo", "runs");
  if (!existsSync(runsDir)) return undefined;
  const last = readdirSync(runsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .at(-1);
  if (!last) return undefined;
  const summary = JSON.parse(readFileSync(join(runsDir, last), "utf8")) as { tasks: TaskSummary[] };
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

function suiteRow(name: string, runs: ProcessRun[], targetS: number): Row {
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

/** n fresh clones, each: npm ci, then the timed npm test; the task table of the last. */
function measureClones(label: string, n: number, env: Record<string, string>, title: string) {
  const runs: ProcessRun[] = [];
  const installs: number[] = [];
  let table: string | undefined;
  for (let i = 0; i < n; i++) {
    const clone = freshClone(label);
    try {
      installs.push(clone.install.seconds);
      runs.push(npmTest(clone.dir, env));
      if (i === n - 1) table = taskTable(clone.dir, title);
    } finally {
      clone.dispose();
    }
  }
  return { runs, installs, table };
}

const list = (xs: number[]) => xs.map((s) => `${s.toFixed(0)} s`).join(", ");

export async function testSuiteSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const n = quick ? 1 : Math.min(runs, 2);
  const rows: Row[] = [];
  const notes: string[] = [];
  const blocks: string[] = [];

  const fresh = measureClones("fresh", n, {}, "Turbo tasks of a fresh clone's npm test (the last run; tasks run side by side on two cores)");
  rows.push(suiteRow(`suite · fresh clone: npm test (n=${n})`, fresh.runs, FRESH_TARGET_S));
  if (fresh.table) blocks.push(fresh.table);
  notes.push(
    `suite: a fresh clone's npm test, process start to exit, after an untimed npm ci (${list(fresh.installs)}); CPU-s is user + system time of npm test and every process it waited for.`,
  );

  const storage = mkdtempSync(join(tmpdir(), "model-apis-bench-remote-cache-"));
  const token = randomBytes(24).toString("hex");
  const server = await startRemoteCache({ storage, token });
  try {
    const env = { TURBO_API: server.url, TURBO_TEAM: "bench", TURBO_TOKEN: token, TURBO_REMOTE_CACHE_SIGNATURE_KEY: randomBytes(32).toString("base64") };
    const fill = measureClones("fill", 1, env, "");
    if (fill.runs[0]!.code !== 0)
      throw new Error(`the npm test that fills the remote cache failed: ${fill.runs[0]!.stderr.trim().split("\n").slice(-2).join(" | ")}`);
    const warm = measureClones("warm", n, env, "Turbo tasks of a fresh clone's npm test with a warm remote cache (the last run)");
    rows.push(suiteRow(`suite · fresh clone, warm remote cache: npm test (n=${n})`, warm.runs, WARM_TARGET_S));
    if (warm.table) blocks.push(warm.table);
    notes.push(
      `suite: the remote cache was filled by one more fresh clone's npm test against the empty server (${list(fill.runs.map((r) => r.seconds))}, uploading signed artifacts); each timed clone then ran npm test against it after its own npm ci (${list(warm.installs)}).`,
    );
  } finally {
    await server.close();
    rmSync(storage, { recursive: true, force: true });
  }
  return { rows, notes, blocks };
}
