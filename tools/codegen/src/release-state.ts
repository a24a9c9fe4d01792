import { escapeToken } from "./spec-model.ts";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "./errors.ts";

/**
 * specs/<vendor>/release/state.json: what the vendor's last version was built from, written only by
 * `model-apis-release version` (npm run release) and read by `generate`, so package versions are committed data
 * and generating stays deterministic. No state file means the vendor was never versioned.
 */
export interface ReleaseState {
  /** The semver version of both @model-apis/<vendor> and @model-apis/<vendor>-mock. */
  version: string;
  /** sha256 of specs/<vendor>/openapi.yaml at that version (release/openapi.yaml is a copy of it). */
  specSha256: string;
  /** The upstream sources that version was built from, as vendor.yaml listed them then. */
  upstream: ReleasedUpstream[];
  /** sha256 of every input of the spec at that version, by path in the vendor folder (vendor.yaml, overlay.yaml, upstream files). */
  inputs: Record<string, string>;
  /** Ranges of the hand-written packages the generated ones depend on. */
  dependencies: { "@model-apis/runtime": string; "@model-apis/mock-server": string };
  /** sha256 of the client's API report (release/<name>.api.md) at that version. */
  apiReportSha256: string;
}

export interface ReleasedUpstream {
  url: string;
  file: string;
  retrieved: string;
}

export const RELEASE_DIR = "release";
export const STATE_FILE = "state.json";
/** The released copy of the normalized spec, the "before" of the next release's diff. */
export const RELEASED_SPEC = "openapi.yaml";
export const CHANGELOG = "CHANGELOG.md";
/** Ranges a never-versioned vendor's packages use: whatever version the workspace has. */
export const UNRELEASED = { version: "0.0.0", dependencies: { "@model-apis/runtime": "*", "@model-apis/mock-server": "*" } } as const;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const SHA256 = /^[0-9a-f]{64}$/;
const RANGE = /^(\^|~)?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEYS = ["version", "specSha256", "upstream", "inputs", "dependencies", "apiReportSha256"];

export function releaseDir(vendorDir: string): string {
  return join(vendorDir, RELEASE_DIR);
}

/** The vendor's release state, or undefined when it has none; a broken file is a one-line error at its place. */
export function loadReleaseState(vendorDir: string): ReleaseState | undefined {
  const file = join(releaseDir(vendorDir), STATE_FILE);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String((error as Error).message))?.[1];
    throw new CodegenError(file, position === undefined ? undefined : lineCol(text, Number(position)), `not valid JSON (${(error as Error).message})`);
  }
  return checkReleaseState(file, raw);
}

export function checkReleaseState(file: string, raw: unknown): ReleaseState {
  const fail = (where: string, message: string): never => {
    throw new CodegenError(file, `#/${where}`, message);
  };
  if (!isObject(raw)) return fail("", "must be a JSON object");
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) fail(key, `unknown key "${key}"`);
  const str = (value: unknown, where: string, pattern: RegExp, what: string): string =>
    typeof value === "string" && pattern.test(value) ? value : fail(where, `must be ${what}, not ${JSON.stringify(value) ?? "missing"}`);
  const version = str(raw.version, "version", SEMVER, "a semver version such as 0.1.0");
  const specSha256 = str(raw.specSha256, "specSha256", SHA256, "a sha256 (64 lower-case hex digits)");
  const apiReportSha256 = str(raw.apiReportSha256, "apiReportSha256", SHA256, "a sha256 (64 lower-case hex digits)");
  if (!Array.isArray(raw.upstream) || raw.upstream.length === 0) fail("upstream", "must list at least one upstream source");
  const upstream = (raw.upstream as unknown[]).map((u, i): ReleasedUpstream => {
    if (!isObject(u)) return fail(`upstream/${i}`, "must be an object");
    const nonEmpty = (key: string) =>
      typeof u[key] === "string" && u[key] !== "" ? (u[key] as string) : fail(`upstream/${i}/${key}`, "must be a non-empty string");
    return { url: nonEmpty("url"), file: nonEmpty("file"), retrieved: str(u.retrieved, `upstream/${i}/retrieved`, DATE, "a date YYYY-MM-DD") };
  });
  if (!isObject(raw.inputs)) return fail("inputs", "must map input files to their sha256");
  const inputs: Record<string, string> = {};
  for (const [path, sha] of Object.entries(raw.inputs)) inputs[path] = str(sha, `inputs/${escapeToken(path)}`, SHA256, "a sha256");
  if (!isObject(raw.dependencies)) return fail("dependencies", "must map @model-apis/runtime and @model-apis/mock-server to version ranges");
  const deps = raw.dependencies;
  for (const key of Object.keys(deps)) if (!(key in UNRELEASED.dependencies)) fail(`dependencies/${key.replace(/\//g, "~1")}`, `unknown package "${key}"`);
  const range = (name: keyof typeof UNRELEASED.dependencies) => str(deps[name], `dependencies/${name.replace(/\//g, "~1")}`, RANGE, "a range such as ^0.1.0");
  return {
    version,
    specSha256,
    upstream,
    inputs,
    dependencies: { "@model-apis/runtime": range("@model-apis/runtime"), "@model-apis/mock-server": range("@model-apis/mock-server") },
    apiReportSha256,
  };
}

/** The state file's text: stable key order, two-space indent, trailing newline. */
export function releaseStateText(state: ReleaseState): string {
  const ordered: ReleaseState = {
    version: state.version,
    specSha256: state.specSha256,
    upstream: state.upstream.map((u) => ({ url: u.url, file: u.file, retrieved: u.retrieved })),
    inputs: Object.fromEntries(Object.entries(state.inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    dependencies: {
      "@model-apis/runtime": state.dependencies["@model-apis/runtime"],
      "@model-apis/mock-server": state.dependencies["@model-apis/mock-server"],
    },
    apiReportSha256: state.apiReportSha256,
  };
  return JSON.stringify(ordered, null, 2) + "\n";
}

/** The vendor's changelog (release/CHANGELOG.md), which generate copies into both packages; undefined if none. */
export function loadChangelog(vendorDir: string): string | undefined {
  const file = join(releaseDir(vendorDir), CHANGELOG);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `${before.split("\n").length}:${offset - before.lastIndexOf("\n")}`;
}
