/**
 * The real CLI entry (src/cli.ts runCli, what bin/model-apis-codegen.js runs; or the module named by the first
 * argument, e.g. tools/release/src/cli.ts, which exports the same two functions) as a long-lived process, so the
 * tests pay node + tsx + module start-up once per process instead of once per command line. test/cli-host.ts starts
 * it (through cli-batch-entry.mjs, which registers tsx as the bins do) and talks to it. Reads one JSON request per
 * line on stdin, {id, cwd, args}; per request it changes into cwd (messages are relative to it, as in a shell), runs
 * the command line as bin/model-apis-codegen.js does (source maps only with --verbose, an unawaited rejection
 * reported once as the run's error, the same exit code), captures everything written to stdout and stderr
 * meanwhile, and answers one JSON line {id, code, stdout, stderr} on stdout. Requests run one at a time. Module
 * state lives on from run to run, as it does from vendor to vendor in one run: loaded libraries, an idle lint worker
 * (a big spec's run may find one warm), --timings figures (they add up; no test uses them).
 */
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";

const entry = process.argv[2] ? pathToFileURL(resolve(process.argv[2])).href : "../src/cli.ts";
const { reportError, runCli } = (await import(entry)) as typeof import("../src/cli.ts");

interface Request {
  id: number;
  cwd: string;
  args: string[];
}

interface Current {
  args: string[];
  /** As the bin's `reported`: an error was reported (or the run failed), later rejections are its consequences. */
  reported: boolean;
  exit?: number;
  stdout: string;
  stderr: string;
}

const answer = process.stdout.write.bind(process.stdout);
const strayErr = process.stderr.write.bind(process.stderr);
let current: Current | undefined;

/** Everything the CLI writes goes to the current run; a stray write between runs to this process's stderr. */
function capture(stream: "stdout" | "stderr") {
  return ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (current) current[stream] += text;
    else strayErr(`cli-batch: output between runs: ${text}`);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") queueMicrotask(() => done());
    return true;
  }) as typeof process.stdout.write;
}
process.stdout.write = capture("stdout");
process.stderr.write = capture("stderr");

// as the bin does: the first unawaited rejection of a run is reported as its error
process.on("unhandledRejection", (error) => {
  if (!current || current.reported) return;
  current.reported = true;
  current.exit = reportError(error, current.args.includes("--verbose"));
});

async function runOne(req: Request): Promise<void> {
  const run: Current = { args: req.args, reported: false, stdout: "", stderr: "" };
  current = run;
  // the bin turns source maps off unless --verbose (tsx turned them on)
  process.setSourceMapsEnabled(req.args.includes("--verbose"));
  process.chdir(req.cwd);
  const code = await runCli(req.args);
  if (!run.reported) run.exit = code;
  if (code !== 0) run.reported = true;
  // let a rejection that nobody awaited surface before the run ends, as it would before the process exits
  await new Promise((resolve) => setImmediate(resolve));
  current = undefined;
  answer(`${JSON.stringify({ id: req.id, code: run.exit, stdout: run.stdout, stderr: run.stderr })}\n`);
}

let queue = Promise.resolve();
createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const req = JSON.parse(line) as Request;
  queue = queue.then(() => runOne(req));
});
// the tests' process is gone (or closed the host): end, whatever a library keeps open
process.stdin.on("end", () => void queue.then(() => process.exit(0)));
