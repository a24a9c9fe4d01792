/**
 * Sections that load the in-repo packages from their TypeScript sources (the generated client and mock, the
 * runtime, the mock server) run in a child process under tsx with tools/bench/tsconfig.json, whose `paths` map
 * `@model-apis/runtime` and `@model-apis/mock-server` to their `src/index.ts` (the packages' exports point at
 * `dist/`, which needs a build). A child also gives each measurement a fresh heap and JIT.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./paths.ts";

export const BENCH_TSCONFIG = join(ROOT, "tools", "bench", "tsconfig.json");

function tsxArgs(script: string, args: string[]): string[] {
  return ["--import", "tsx", script, ...args];
}

function tsxEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TSX_TSCONFIG_PATH: BENCH_TSCONFIG, SCARF_ANALYTICS: "false" };
}

/** True in a process that bench files started as a child of themselves (`node --import tsx <file> --child ...`). */
export function isChild(moduleFile: string): boolean {
  return process.argv[1] === moduleFile && process.argv.includes("--child");
}

/** Runs `script --child ...args` to completion; the child prints its result as JSON on its last stdout line. */
export function runChildJson<T>(script: string, args: string[]): T {
  const result = spawnSync(process.execPath, tsxArgs(script, ["--child", ...args]), {
    cwd: ROOT,
    env: tsxEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const tail = (result.stderr || result.stdout || "").trim().split("\n").slice(-4).join(" | ");
    throw new Error(`${script} --child ${args.join(" ")} failed (${result.status ?? result.signal}): ${tail}`);
  }
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as T;
}

/** Starts `script --child ...args` and leaves it running; stdin is a pipe the child may watch for its end. */
export function spawnChild(script: string, args: string[]): ChildProcess {
  return spawn(process.execPath, tsxArgs(script, ["--child", ...args]), { cwd: ROOT, env: tsxEnv(), stdio: ["pipe", "pipe", "pipe"] });
}
