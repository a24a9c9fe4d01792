/** Options of {@link startMock}, their defaults and their validation. */

import type { TwinSeed } from "./twin/twin.js";

/** A path or URL (string or URL object) of an OpenAPI 3.x / Swagger 2 JSON or YAML file, or an already-parsed document. */
export type SpecInput = string | URL | object;

/** Log levels of Prism's pino logger. `silent` (the default) logs nothing. */
export const LOG_LEVELS = ["silent", "fatal", "error", "warn", "info", "debug", "trace"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface MockOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Generate every response from its schema instead of serving the spec's examples. Default `false`. */
  dynamic?: boolean;
  /**
   * Seed for generated (dynamic) responses: with a seed, the same operation and status give the same body
   * on every request and in every process. Applies to `dynamic: true` and to `Prefer: dynamic=true` requests;
   * a request's own `Prefer: seed=N` wins. Default: no seed (random output).
   */
  seed?: number;
  /** Turn a response that violates its own schema (e.g. a bad example) into a 500 problem+json. Default `true`. */
  errors?: boolean;
  /** Prism log level; logs go to stderr. Default `silent`. */
  logLevel?: LogLevel;
  /** Validate requests against the spec (invalid → 422 with an `sl-violations` header). Default `true`. */
  validateRequest?: boolean;
  /** Check the security requirements (missing or wrong credentials → 401). Default `true`. */
  checkSecurity?: boolean;
  /**
   * Let dynamic generation add random properties that the schema does not declare. Default `false`, because
   * they break `additionalProperties: false` / `unevaluatedProperties: false` schemas (and then errors mode
   * answers 500). Prism's own default is `true`. This setting is process-wide (json-schema-faker is a singleton).
   */
  fillProperties?: boolean;
  /**
   * Serve Prism's stateless mock (the spec's examples for every call) instead of the twin. Default `false`: when
   * the spec declares resources (x-model-apis-resources), their operations answer from the mock's own state.
   */
  stateless?: boolean;
  /**
   * Where the twin's state starts: `"examples"` (the records in the spec's examples, the default), `"empty"`,
   * `{ file: "state.json" }` or an object, both of resource name → records. Reference data that the spec seeds
   * itself (such as a catalog) is always loaded.
   */
  state?: TwinSeed;
  /** Write the twin's state as JSON to this file when the mock closes. */
  snapshotFile?: string;
  /**
   * Bearer tokens the twin accepts. Default: any token (Prism checks only that one is sent). With a list, a
   * secured operation called with another token gets the spec's 401, as a real server answers a bad token.
   */
  tokens?: string[];
}

export type ResolvedMockOptions = Required<Omit<MockOptions, "seed" | "snapshotFile" | "tokens">> & {
  seed: number | undefined;
  snapshotFile: string | undefined;
  tokens: string[] | undefined;
};

export const DEFAULT_MOCK_OPTIONS: ResolvedMockOptions = {
  port: 0,
  host: "127.0.0.1",
  dynamic: false,
  seed: undefined,
  errors: true,
  logLevel: "silent",
  validateRequest: true,
  checkSecurity: true,
  fillProperties: false,
  stateless: false,
  state: "examples",
  snapshotFile: undefined,
  tokens: undefined,
};

const BOOLEAN_KEYS = ["dynamic", "errors", "validateRequest", "checkSecurity", "fillProperties", "stateless"] as const;
const KNOWN_KEYS: readonly string[] = Object.keys(DEFAULT_MOCK_OPTIONS);

function fail(key: string, expected: string, value: unknown): never {
  throw new Error(`Invalid mock option "${key}": expected ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

/** Checks `options` and fills in the defaults. Throws a one-line Error naming the first bad option. */
export function resolveMockOptions(options: unknown = {}): ResolvedMockOptions {
  if (options === undefined || options === null) return { ...DEFAULT_MOCK_OPTIONS };
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new Error(`Invalid mock options: expected an object, got ${describe(options)}`);
  }
  const input = options as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new Error(`Unknown mock option "${key}" (known options: ${KNOWN_KEYS.join(", ")})`);
    }
  }
  const resolved: ResolvedMockOptions = { ...DEFAULT_MOCK_OPTIONS };
  const { port, host, seed, logLevel } = input;
  if (port !== undefined) {
    if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
      fail("port", "an integer from 0 to 65535", port);
    }
    resolved.port = port;
  }
  if (host !== undefined) {
    if (typeof host !== "string" || host.trim() === "") fail("host", "a non-empty host name or IP address", host);
    resolved.host = host;
  }
  if (seed !== undefined) {
    if (typeof seed !== "number" || !Number.isSafeInteger(seed)) fail("seed", "a (safe) integer", seed);
    resolved.seed = seed;
  }
  if (logLevel !== undefined) {
    if (typeof logLevel !== "string" || !(LOG_LEVELS as readonly string[]).includes(logLevel)) {
      fail("logLevel", `one of ${LOG_LEVELS.join(", ")}`, logLevel);
    }
    resolved.logLevel = logLevel as LogLevel;
  }
  const { state, snapshotFile, tokens } = input;
  if (tokens !== undefined) {
    if (!Array.isArray(tokens) || tokens.length === 0 || tokens.some((t) => typeof t !== "string" || t === ""))
      fail("tokens", "a non-empty list of non-empty strings", tokens);
    resolved.tokens = [...(tokens as string[])];
  }
  if (state !== undefined) {
    const ok = state === "examples" || state === "empty" || (typeof state === "object" && state !== null && !Array.isArray(state));
    if (!ok) fail("state", '"examples", "empty", { file } or an object of resource name to records', state);
    if (typeof state === "object" && state !== null && "file" in state && (typeof state.file !== "string" || state.file === ""))
      fail("state.file", "a file path", (state as { file: unknown }).file);
    resolved.state = state as TwinSeed;
  }
  if (snapshotFile !== undefined) {
    if (typeof snapshotFile !== "string" || snapshotFile === "") fail("snapshotFile", "a file path", snapshotFile);
    resolved.snapshotFile = snapshotFile;
  }
  for (const key of BOOLEAN_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== "boolean") fail(key, "true or false", value);
    resolved[key] = value;
  }
  return resolved;
}
