import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const VITEST = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

export interface ContractRun {
  child: ChildProcess;
  /** This run's results folder (targets.json, outcome rows), apart from any other run's. */
  resultsDir: string;
  /** Resolves with the exit code (null when killed by a signal) and everything the run printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

/** Runs the contract project (or some of its files) as a child vitest process, the way a user would. */
export function runContract(files: string[], env: Record<string, string> = {}): ContractRun {
  const resultsDir = mkdtempSync(join(tmpdir(), "contract-run-"));
  const child = spawn(process.execPath, [VITEST, "run", "--project", "contract", ...files], {
    cwd: join(import.meta.dirname, ".."),
    env: { ...process.env, ...env, CONTRACT_RESULTS_DIR: resultsDir, NO_COLOR: "1", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, resultsDir, done };
}
