/** Command-line arguments of model-apis-mock (and of every generated <vendor>-mock bin). */
import { parseArgs } from "node:util";

export const DEFAULT_CLI_PORT = 4010;

export interface CliArgs {
  /** The positional argument: a vendor slug or a spec path. */
  target: string | undefined;
  port: number;
  host: string;
  dynamic: boolean;
  seed: number | undefined;
  errors: boolean;
  stateless: boolean;
  /** `examples`, `empty`, or a JSON file of resource name → records. */
  state: "examples" | "empty" | { file: string };
  snapshot: string | undefined;
  /** Bearer tokens the twin accepts (repeatable); none given: any token. */
  tokens: string[] | undefined;
  verbose: boolean;
  help: boolean;
}

/** A mistake in the command line: print it with the usage and exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function usage(program: string, specOptional: boolean): string {
  const target = specOptional ? "[<vendor | spec path>]" : "<vendor | spec path>";
  return [
    `Usage: ${program} ${target} [--port N] [--host H] [--stateless] [--state S] [--snapshot F] [--token T] [--dynamic] [--seed N] [--no-errors] [--verbose]`,
    "",
    "Serves a mock of an OpenAPI spec until SIGINT or SIGTERM: a twin (stateful: what a create stores, get, list,",
    "update and delete read and change) for the resources the spec declares, Prism's examples for the rest.",
    "  <vendor>       a slug: the installed @model-apis/<vendor>-mock, else specs/<vendor>/openapi.yaml above the cwd",
    "  <spec path>    an OpenAPI JSON or YAML file",
    `  --port, -p N   port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)`,
    "  --host H       interface to listen on (default 127.0.0.1)",
    "  --stateless    serve Prism's stateless mock (the spec's examples) for every operation",
    "  --state S      the twin's first state: examples (default), empty, or a JSON file {resource: [records]}",
    "  --snapshot F   write the twin's state as JSON to F on shutdown",
    "  --token T      a bearer token the twin accepts (repeatable); others get the spec's 401 (default: any)",
    "                 POST /__twin__/reset puts the state back; GET /__twin__/state shows it",
    "  --dynamic, -d  generate responses from the schemas instead of serving the examples",
    "  --seed N       make generated responses repeatable (integer)",
    "  --no-errors    serve responses that violate their schema as they are, instead of a 500",
    "  --verbose, -v  log requests and validation to stderr",
    "  --help, -h     show this help",
  ].join("\n");
}

function integer(flag: string, text: string, range?: [number, number]): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  const [min, max] = range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const expected = range ? `an integer from ${min} to ${max}` : "an integer";
    throw new UsageError(`--${flag} must be ${expected}, got "${text}"`);
  }
  return value;
}

function nonEmpty(flag: string, text: string): string {
  if (text.trim() === "") throw new UsageError(`--${flag} must not be empty`);
  return text;
}

/** node:util's messages run long ("…place it at the end of the command after '--'…"): keep the first sentence. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  return (message.split(/\.\s|\n/)[0] ?? message).replace(/\.$/, "");
}

/** Parses argv (without node and the script). Throws UsageError with a one-line message. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        dynamic: { type: "boolean", short: "d" },
        seed: { type: "string" },
        "no-errors": { type: "boolean" },
        stateless: { type: "boolean" },
        state: { type: "string" },
        snapshot: { type: "string" },
        token: { type: "string", multiple: true },
        verbose: { type: "boolean", short: "v" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) {
    throw new UsageError(`expected one vendor or spec path, got ${positionals.length}: ${positionals.join(" ")}`);
  }
  const host = values.host ?? "127.0.0.1";
  if (host.trim() === "") throw new UsageError("--host must not be empty");
  return {
    target: positionals[0],
    port: values.port === undefined ? DEFAULT_CLI_PORT : integer("port", values.port, [0, 65535]),
    host,
    dynamic: values.dynamic ?? false,
    seed: values.seed === undefined ? undefined : integer("seed", values.seed),
    errors: !(values["no-errors"] ?? false),
    stateless: values.stateless ?? false,
    state:
      values.state === undefined || values.state === "examples" ? "examples" : values.state === "empty" ? "empty" : { file: nonEmpty("state", values.state) },
    snapshot: values.snapshot === undefined ? undefined : nonEmpty("snapshot", values.snapshot),
    tokens: values.token === undefined ? undefined : values.token.map((t) => nonEmpty("token", t)),
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
}
