import { parseArgs } from "node:util";
import { findRepoRoot } from "@model-apis/codegen/src/repo.ts";
import { LEVELS, type Level } from "./bump.ts";
import type { ReleaseContext } from "./commands/context.ts";

const USAGE = `usage: model-apis-release <command> [vendor...] [options]

commands:
  version [vendor...]     npm run release: apply the changesets of the hand-written packages, then bump each vendor's
                          client and mock by the diff of its spec against its last version; write
                          specs/<vendor>/release/ (state.json, openapi.yaml, CHANGELOG.md, the API report), regenerate
  diff [vendor...]        the classified changes since each vendor's last version, and the bump they make (writes nothing)
  check [vendor...]       fail when a spec changed without a version bump, an internal range or an API report is stale
  api-report [vendor...]  build the clients and write their API reports (after a generator or runtime change)
  publish [package...]    npm publish each public package the @model-apis:registry of the npm config lacks

options:
  --bump <vendor|all>=<patch|minor|major>   version: at least this level (major on 0.x gives 1.0.0)
  --no-api-reports                          check: skip building the clients and comparing their API reports
  --tag <dist-tag>                          publish: the dist-tag (default latest)
  --verbose                                 list every change; stack traces of errors
  --help`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      bump: { type: "string", multiple: true, default: [] },
      "no-api-reports": { type: "boolean", default: false },
      tag: { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const ctx: ReleaseContext = { root: findRepoRoot(), vendors: args, verbose: values.verbose, log: (line) => console.log(line) };
  // each command loads its own modules: publish needs none of api-extractor, changesets or the spec diff
  switch (command) {
    case "version":
      return (await import("./commands/version.ts")).runVersion(ctx, parseBumps(values.bump));
    case "diff":
      return (await import("./commands/diff.ts")).runDiff(ctx);
    case "check":
      return (await import("./commands/check.ts")).runCheck(ctx, { apiReports: !values["no-api-reports"] });
    case "api-report":
      return (await import("./commands/api-report.ts")).runApiReport(ctx);
    case "publish":
      return (await import("./commands/publish.ts")).runPublish(ctx, { tag: values.tag });
    default:
      throw new Error(`model-apis-release: unknown command "${command}" (try --help)`);
  }
}

function parseBumps(values: string[]): Map<string, Level> {
  const bumps = new Map<string, Level>();
  for (const value of values) {
    const match = /^([a-z][a-z0-9-]*)=(patch|minor|major)$/.exec(value);
    if (!match) throw new Error(`--bump ${value}: expected <vendor|all>=<${LEVELS.join("|")}>`);
    bumps.set(match[1]!, match[2] as Level);
  }
  return bumps;
}

/** One line per error (its stack only with --verbose), and the exit code it means: 2 for a bad command line, else 1. */
export function reportError(error: unknown, verbose: boolean): number {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message.split("\n")[0]}`);
  if (verbose && error instanceof Error) console.error(error.stack);
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS") ? 2 : 1;
}

/**
 * The command line as a function: arguments in, exit code out, output on stdout/stderr, relative to the working
 * directory. bin/model-apis-release.js runs it once; the tests run many command lines through it in one process
 * (tools/codegen/test/cli-host.ts).
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    return reportError(error, argv.includes("--verbose"));
  }
}
