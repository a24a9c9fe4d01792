import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Environment for every tool this one starts: no telemetry, no install scripts, no update checks. */
export const QUIET_ENV = {
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  SCARF_ANALYTICS: "false",
  DO_NOT_TRACK: "1",
  npm_config_ignore_scripts: "true",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
};

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    // the first line that says what went wrong (not a stack frame), else the last line
    const lines = (stderr.trim() || stdout.trim()).split("\n").filter((l) => l.trim() && !/^\W*\s*(error\s+)?at /.test(l));
    const tail = lines.find((l) => /error|ERR!/i.test(l)) ?? lines.slice(-1)[0] ?? "";
    super(`${command} exited with ${code ?? "a signal"}${tail ? `: ${tail}` : ""}`);
  }
}

/**
 * Runs a command without a shell and collects its output; on a non-zero exit, rejects with the first line of its
 * output that reports an error. Asynchronous, so a server in this process (the registry test's) keeps answering
 * meanwhile.
 */
export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string | undefined>; echo?: boolean }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...QUIET_ENV, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError([command, ...args].join(" "), code, stdout, stderr));
    });
  });
}

const require = createRequire(import.meta.url);

/** The JavaScript entry of a dependency's bin, run with this Node (no PATH lookup, no shell). */
export function binOf(pkg: string, bin: string): string {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const json = require(`${pkg}/package.json`) as { bin?: string | Record<string, string> };
  const rel = typeof json.bin === "string" ? json.bin : json.bin?.[bin];
  if (!rel) throw new Error(`${pkg} has no bin "${bin}"`);
  return join(dir, rel);
}

export function runNode(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; echo?: boolean },
): Promise<RunResult> {
  return run(process.execPath, [script, ...args], options);
}
