/**
 * Runs many command lines through the real CLI entry (src/cli.ts runCli, what bin/model-apis-codegen.js runs)
 * in one process, so the broken corpus pays node + tsx + module start-up once instead of once per run. Reads a
 * JSON list of {cwd, args} on stdin; per run it changes into cwd (messages are relative to it, as in a shell) and
 * captures stderr and the exit code; prints the JSON list of results on stdout.
 */
import { runCli, reportError } from "../src/cli.ts";

interface Run {
  cwd: string;
  args: string[];
}

const input = await new Promise<string>((resolve) => {
  let text = "";
  process.stdin
    .setEncoding("utf8")
    .on("data", (c: string) => (text += c))
    .on("end", () => resolve(text));
});
const runs = JSON.parse(input) as Run[];
const results: { args: string[]; code: number; stderr: string }[] = [];
const original = { log: console.log, error: console.error };
let stderr = "";
let current: Run | undefined;
// as the bin does: an unawaited rejection is reported once, as the run's error
let reported = false;
process.on("unhandledRejection", (error) => {
  if (current && !reported) {
    reported = true;
    reportError(error, current.args.includes("--verbose"));
  }
});
for (const run of runs) {
  current = run;
  reported = false;
  stderr = "";
  process.chdir(run.cwd);
  console.log = () => undefined;
  console.error = (...parts: unknown[]) => void (stderr += `${parts.map(String).join(" ")}\n`);
  const code = await runCli(run.args);
  // let a rejection that nobody awaited surface before the next run starts
  await new Promise((resolve) => setImmediate(resolve));
  console.log = original.log;
  console.error = original.error;
  results.push({ args: run.args, code: reported && code === 0 ? 1 : code, stderr });
}
process.stdout.write(JSON.stringify(results));
