import { parseArgs } from "node:util";
import { CodegenError } from "./errors.ts";
import { runGenerate } from "./commands/generate.ts";
import { runLint } from "./commands/lint.ts";
import { runNormalize } from "./commands/normalize.ts";
import { runNewVendor } from "./commands/new-vendor.ts";
import { checkWorkspaces } from "./commands/check-workspaces.ts";
import { findRepoRoot, vendorFromCwd } from "./repo.ts";
import { listVendors } from "./vendor-config.ts";
import { join } from "node:path";
import { timingReport } from "./timings.ts";
import type { CommandContext } from "./command-context.ts";

const USAGE = `usage: model-apis-codegen <command> [vendor...] [options]

commands:
  normalize [vendor...]   upstream + overlay -> specs/<vendor>/openapi.yaml
  lint [vendor|file...]   house-style lint of the normalized specs (redocly.yaml)
  generate [vendor...]    normalize + lint + write packages/clients/<vendor> and packages/mocks/<vendor>
  check                   normalize --check and generate --check for every vendor (CI drift check)
  new-vendor <slug>       scaffold specs/<slug>/ (vendor.yaml, overlay.yaml, package.json, turbo.json)

options:
  --check      write nothing; exit 1 and list the files that differ from what would be written
  --verbose    print stack traces of errors
  --timings    print how long each stage took
  --lint-warn-only  generate even when the house-style lint fails (vendor.yaml lint: imported is the lasting way)
  --help`;

const OPTIONS = {
  check: { type: "boolean", default: false },
  verbose: { type: "boolean", default: false },
  timings: { type: "boolean", default: false },
  "lint-warn-only": { type: "boolean", default: false },
  help: { type: "boolean", default: false },
} as const;

const COMMANDS = ["normalize", "lint", "generate", "check", "new-vendor"];

/** parseArgs, with its long messages ("…place it at the end of the command after '--'…") made one short line. */
function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message)?.[1];
    const what = unknown ? `unknown option ${unknown}` : (message.split(/\.\s|\n/)[0] ?? message).replace(/\.$/, "");
    throw Object.assign(new CodegenError("model-apis-codegen", undefined, `${what} (see model-apis-codegen --help)`), {
      code: "ERR_PARSE_ARGS_UNKNOWN_OPTION",
    });
  }
}

/** The vendors named on the command line, each of which must exist (a slug; lint also takes file paths). */
function knownVendors(command: string, args: string[], all: string[]): string[] {
  for (const arg of args) {
    if (command === "lint" && /[./\\]/.test(arg)) continue;
    if (command !== "new-vendor" && !all.includes(arg)) {
      throw new CodegenError("model-apis-codegen", undefined, `no vendor "${arg}" in specs/ (known: ${all.join(", ") || "none"})`);
    }
  }
  return args;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  if (!COMMANDS.includes(command))
    throw new CodegenError("model-apis-codegen", undefined, `unknown command "${command}" (commands: ${COMMANDS.join(", ")}; see --help)`);
  const root = findRepoRoot();
  const all = listVendors(join(root, "specs"));
  const fromCwd = vendorFromCwd(root);
  const vendors = args.length ? knownVendors(command, args, all) : fromCwd ? [fromCwd] : all;
  const ctx: CommandContext = {
    root,
    vendors,
    check: values.check,
    verbose: values.verbose,
    lintWarnOnly: values["lint-warn-only"],
    log: (line) => console.log(line),
  };
  switch (command) {
    case "normalize":
      return finish(await runNormalize(ctx), values.timings);
    case "lint":
      return runLint(ctx);
    case "generate":
      return finish(await runGenerate(ctx), values.timings);
    case "check": {
      const checkCtx = { ...ctx, vendors: args.length ? args : all, check: true };
      return checkWorkspaces(checkCtx) || (await runNormalize(checkCtx)) || (await runGenerate(checkCtx));
    }
    case "new-vendor":
      return runNewVendor(ctx, args[0]);
    default:
      return 2;
  }
}

function finish(code: number, timings: boolean): number {
  if (timings) console.error(`stage timings:\n${timingReport()}`);
  return code;
}

/**
 * The one-line report of an error (its stack only with --verbose), and the exit code it means: 2 for a mistake
 * in the command line, 1 otherwise.
 */
export function reportError(error: unknown, verbose: boolean): number {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message.split("\n")[0]}`);
  if (verbose && error instanceof Error) {
    console.error(error.stack);
    if (error.cause instanceof Error) console.error(`caused by: ${error.cause.stack}`);
  }
  return (error as { code?: string })?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? 2 : 1;
}

/**
 * The command line as a function: arguments in, exit code out, output on stdout/stderr, relative to the working
 * directory. bin/model-apis-codegen.js runs it once; the broken-corpus test runs many cases through it in one
 * process (test/cli-batch.ts).
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    return reportError(error, argv.includes("--verbose"));
  }
}
