import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface ProcessRun {
  seconds: number;
  /** Peak resident memory in MB (from GNU time), when available. */
  peakMb?: number;
  /** User + system CPU seconds of the process and the children it waited for (from GNU time), when available. */
  cpuSeconds?: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

const GNU_TIME = "/usr/bin/time";

/** Runs a command to completion and measures wall time and, with GNU time, peak RSS. Throws on failure. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; allowFail?: boolean /** env is the whole environment, not additions */; replaceEnv?: boolean },
): ProcessRun {
  const useTime = existsSync(GNU_TIME);
  const env = options.replaceEnv ? options.env : { ...process.env, ...options.env };
  const start = performance.now();
  const result = useTime
    ? spawnSync(GNU_TIME, ["-f", "__peak_kb=%M __cpu=%U+%S", command, ...args], {
        cwd: options.cwd,
        env,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
      })
    : spawnSync(command, args, { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  const peak = /__peak_kb=(\d+) __cpu=([\d.]+)\+([\d.]+)/.exec(result.stderr ?? "");
  const stderr = (result.stderr ?? "").replace(/^.*__peak_kb=.*$/m, "");
  if (result.status !== 0 && !options.allowFail) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
  }
  return {
    seconds,
    ...(peak ? { peakMb: Number(peak[1]) / 1024, cpuSeconds: Number(peak[2]) + Number(peak[3]) } : {}),
    stdout: result.stdout ?? "",
    stderr,
    code: result.status,
  };
}

/** Repeats a measurement `n` times (after `warmup` unmeasured runs). */
export function repeat<T>(n: number, warmup: number, fn: (i: number) => T): T[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  return Array.from({ length: n }, (_, i) => fn(i));
}
