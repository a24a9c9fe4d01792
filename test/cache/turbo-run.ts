/**
 * Runs turbo in a clone with --summarize and reads what each task's cache did from the run summary
 * (.turbo/runs/<id>.json): turbo reports a remote cache that is down, refuses the token or the signature only as a
 * warning and exits 0, so the summary's cache.status and cache.source are the only reliable signal.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

export interface TaskSummary {
  taskId: string;
  task: string;
  package: string;
  hash: string;
  command: string;
  directory: string;
  logFile: string;
  cache: { status: "HIT" | "MISS"; source?: "LOCAL" | "REMOTE" };
  /** The files the task's outputs matched: written by the task on a miss, restored from the cache on a hit. */
  expandedOutputs?: string[];
  execution?: { exitCode: number | null; startTime: number; endTime: number };
}

export interface TurboRun {
  code: number | null;
  /** stdout and stderr, interleaved. */
  output: string;
  /** The tasks that have a command (turbo lists the others with "<NONEXISTENT>"). */
  tasks: TaskSummary[];
}

/**
 * The environment of the turbo processes: this process's, without any TURBO_* (a developer's own remote cache
 * settings) or npm_* variable (the outer npm run's, which would point npm at this checkout), plus telemetry off and
 * a global turbo config folder of the test's own (so turbo neither reads a developer's login nor writes to ~).
 */
export function turboEnv(configDir: string, settings: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^(TURBO_|npm_)/i.test(name)) env[name] = value;
  Object.assign(env, { TURBO_TELEMETRY_DISABLED: "1", TURBO_CONFIG_DIR_PATH: configDir, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false" });
  for (const [name, value] of Object.entries(settings)) if (value !== undefined) env[name] = value;
  return env;
}

/** `turbo run <args> --summarize` in the clone; resolves (whatever the exit code) with the run's summary. */
export function turboRun(clone: string, args: string[], env: Record<string, string>): Promise<TurboRun> {
  return new Promise((resolve, reject) => {
    const turbo = join(clone, "node_modules", ".bin", "turbo");
    const child = spawn(process.execPath, [turbo, "run", ...args, "--summarize", "--output-logs=errors-only", "--no-update-notifier"], {
      cwd: clone,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c));
    child.stderr.on("data", (c: Buffer) => (output += c));
    child.on("error", reject);
    child.on("close", (code) => {
      const file = /Summary:\s+(\S+\.json)/.exec(output)?.[1];
      if (!file) return resolve({ code, output, tasks: [] });
      const path = isAbsolute(file) ? file : join(clone, file);
      const summary = JSON.parse(readFileSync(path, "utf8")) as { tasks: TaskSummary[] };
      resolve({ code, output, tasks: summary.tasks.filter((t) => t.command !== "<NONEXISTENT>") });
    });
  });
}

/** Each task's cache result: "HIT REMOTE", "HIT LOCAL" or "MISS". */
export const cacheReport = (run: TurboRun): Record<string, string> =>
  Object.fromEntries(run.tasks.map((t) => [t.taskId, t.cache.status === "HIT" ? `HIT ${t.cache.source}` : t.cache.status]));

/**
 * Every output of the run's tasks: a file's mode and sha256, or "directory". Turbo's own task logs
 * (`.turbo/turbo-<task>.log`, which it stores with the outputs) are left out: what a tool printed is not what it
 * produced, and a restored log was seen empty on a loaded machine while the run that stored it had printed lines.
 */
export function outputDigests(clone: string, run: TurboRun): Record<string, string> {
  const digests: Record<string, string> = {};
  const produced = run.tasks.flatMap((t) => t.expandedOutputs ?? []).filter((file) => !/(^|\/)\.turbo\/turbo-[^/]+\.log$/.test(file));
  for (const file of produced.sort()) {
    const path = join(clone, file);
    const stat = statSync(path);
    digests[file] = stat.isDirectory() ? "directory" : `${(stat.mode & 0o777).toString(8)} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
  }
  return digests;
}
