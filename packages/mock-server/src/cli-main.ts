/** runMockCli: the model-apis-mock command line, also used by each generated <vendor>-mock bin. */
import { resolve } from "node:path";
import { parseCliArgs, usage, UsageError } from "./cli-args.js";
import { displayPath, nameForSpecFile, resolveSpecArgument, type ResolvedSpec } from "./resolve-spec.js";

export interface MockCliDefaults {
  /** Spec to serve when no positional argument is given (a generated package passes its own openapi.json). */
  spec?: string;
  /** Program name for usage and messages, e.g. "cuadra-mock"; a trailing "-mock" is dropped in the listening line. */
  name?: string;
}

/** Where the CLI talks to; process streams and signals in production, fakes in tests. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  /** Resolves when the server should shut down (SIGINT or SIGTERM). */
  untilStopped(): Promise<void>;
}

function chooseSpec(target: string | undefined, defaults: MockCliDefaults, cwd: string): ResolvedSpec {
  if (target !== undefined) return resolveSpecArgument(target, cwd);
  if (defaults.spec === undefined) throw new UsageError("missing the <vendor | spec path> argument");
  const name = defaults.name?.replace(/-mock$/, "") || nameForSpecFile(defaults.spec);
  return { file: defaults.spec, name };
}

/** Runs the CLI and returns its exit code: 0 after a clean shutdown or --help, 1 on errors, 2 on usage mistakes. */
export async function runCli(argv: readonly string[], defaults: MockCliDefaults, io: CliIo): Promise<number> {
  const program = defaults.name ?? "model-apis-mock";
  const specOptional = defaults.spec !== undefined;
  let spec: ResolvedSpec;
  let args;
  try {
    args = parseCliArgs(argv);
    if (args.help) {
      io.out(usage(program, specOptional));
      return 0;
    }
    spec = chooseSpec(args.target, defaults, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) return fail(io, program, error);
    io.err(`${program}: ${error.message}`);
    io.err(usage(program, specOptional));
    return 2;
  }

  let server;
  try {
    // Loaded here so that --help and usage errors answer without loading Prism (over a second).
    const { startMock } = await import("./start-mock.js");
    server = await startMock(spec.file, {
      port: args.port,
      host: args.host,
      dynamic: args.dynamic,
      seed: args.seed,
      errors: args.errors,
      stateless: args.stateless,
      state: typeof args.state === "object" ? { file: resolve(io.cwd, args.state.file) } : args.state,
      ...(args.snapshot ? { snapshotFile: resolve(io.cwd, args.snapshot) } : {}),
      ...(args.tokens ? { tokens: args.tokens } : {}),
      logLevel: args.verbose ? "info" : "silent",
    });
  } catch (error) {
    return fail(io, program, error);
  }
  io.out(`${spec.name} mock listening on ${server.url} (spec: ${displayPath(spec.file, io.cwd)})`);
  await io.untilStopped();
  try {
    await server.close();
  } catch (error) {
    return fail(io, program, error);
  }
  return 0;
}

function fail(io: CliIo, program: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${program}: ${message.split("\n")[0]}`);
  return 1;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/**
 * The command line: `<program> <vendor | spec path> [--port N] [--host H] [--stateless] [--state S] [--snapshot F] [--token T] [--dynamic] [--seed N] [--no-errors] [--verbose]`.
 * Prints one "listening" line to stdout, serves until SIGINT/SIGTERM, then closes the server and resolves
 * with process.exitCode 0. Errors go to stderr as one line (exit code 1; 2 with the usage for a bad argument).
 * It never rejects and never calls process.exit, so a bin is just `await runMockCli(process.argv.slice(2), {...})`.
 */
export async function runMockCli(argv: readonly string[], defaults: MockCliDefaults = {}): Promise<void> {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    untilStopped: untilSignal,
  };
  process.exitCode = await runCli(argv, defaults, io);
}
