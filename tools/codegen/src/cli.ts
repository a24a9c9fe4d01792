import { parseArgs } from "node:util";
import { CodegenError } from "./errors.ts";
import { runGenerate } from "./commands/generate.ts";
import { runLint } from "./commands/lint.ts";
import { runNormalize } from "./commands/normalize.ts";
import { runNewVendor } from "./commands/new-vendor.ts";
import { findRepoRoot, vendorFromCwd } from "./repo.ts";
import { listVendors } from "./vendor-config.ts";
import { join } from "node:path";
import { timingReport } from "./timings.ts";

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
  --lint-warn-only  generate even when the house-style lint fails (foreign specs, benchmarks)
  --help`;

export interface CommandContext {
  root: string;
  vendors: string[];
  check: boolean;
  verbose: boolean;
  lintWarnOnly?: boolean;
  log: (line: string) => void;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      check: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      timings: { type: "boolean", default: false },
      "lint-warn-only": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const root = findRepoRoot();
  const all = listVendors(join(root, "specs"));
  const fromCwd = vendorFromCwd(root);
  const vendors = args.length ? args : fromCwd ? [fromCwd] : all;
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
      return (await runNormalize(checkCtx)) || (await runGenerate(checkCtx));
    }
    case "new-vendor":
      return runNewVendor(ctx, args[0]);
    default:
      throw new CodegenError("model-apis-codegen", undefined, `unknown command "${command}" (try --help)`);
  }
}

function finish(code: number, timings: boolean): number {
  if (timings) console.error(`stage timings:\n${timingReport()}`);
  return code;
}

const verbose = process.argv.includes("--verbose");
let failed = false;

/** The one-line report of the first error (its stack only with --verbose); later errors are consequences of it. */
function fail(error: unknown): void {
  process.exitCode = (error as { code?: string })?.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? 2 : 1;
  if (failed) return;
  failed = true;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message.split("\n")[0]}`);
  if (verbose && error instanceof Error) {
    console.error(error.stack);
    if (error.cause instanceof Error) console.error(`caused by: ${error.cause.stack}`);
  }
}

// A library that rejects a promise nobody awaits must not end the process with a raw stack trace.
process.on("unhandledRejection", fail);
main(process.argv.slice(2)).then((code) => {
  if (!failed) process.exitCode = code;
}, fail);
