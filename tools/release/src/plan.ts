/**
 * What a release does to one vendor: the changes since its last version (spec diff, dependency ranges, the
 * client's TypeScript surface), the level they add up to, and the version and state that follow. Pure: the
 * caller reads the files and writes the result.
 */
import type { ReleaseState } from "@model-apis/codegen/src/release-state.ts";
import semver from "semver";
import { parse } from "yaml";
import { caret, FIRST_VERSION, type Level, maxLevel, nextVersion } from "./bump.ts";
import { type Change, specChanges } from "./spec-diff.ts";
import type { Vendor } from "./vendors.ts";

export interface HandWrittenVersions {
  "@model-apis/runtime": string;
  "@model-apis/mock-server": string;
}

export interface PlanInput {
  vendor: Vendor;
  /** The released spec's text (undefined before the first release). */
  releasedSpec: string | undefined;
  handWritten: HandWrittenVersions;
  /** The client's API report as it is now. */
  apiReport: { file: string; sha256: string };
  /** A level the maintainer asked for (npm run release -- --bump <vendor>=<level>). */
  requested?: Level;
}

export interface VendorRelease {
  slug: string;
  from: string | undefined;
  /** Undefined when nothing changed: no new version. */
  to: string | undefined;
  level: Level | undefined;
  /** Every reason, most severe first, each one line in plain words. */
  changes: Change[];
  /** Which inputs of the spec changed since the last version. */
  causes: string[];
  /** True when the normalized spec differs from the released one. */
  specChanged: boolean;
  state: ReleaseState | undefined;
}

export class NeedsLevelError extends Error {}

export function planRelease(input: PlanInput): VendorRelease {
  const { vendor, handWritten, apiReport, requested } = input;
  const previous = vendor.state;
  const dependencies = {
    "@model-apis/runtime": wantedRange(previous?.dependencies["@model-apis/runtime"], handWritten["@model-apis/runtime"]),
    "@model-apis/mock-server": wantedRange(previous?.dependencies["@model-apis/mock-server"], handWritten["@model-apis/mock-server"]),
  };
  const next = (version: string): ReleaseState => ({
    version,
    specSha256: vendor.specSha256,
    upstream: vendor.config.upstream.map((u) => ({ url: u.url, file: u.file, retrieved: u.retrieved })),
    inputs: vendor.inputs,
    dependencies,
    apiReportSha256: apiReport.sha256,
  });
  if (!previous) {
    // the changelog's first entry names the upstream sources; there is nothing to compare with
    return { slug: vendor.slug, from: undefined, to: FIRST_VERSION, level: "minor", changes: [], causes: [], specChanged: false, state: next(FIRST_VERSION) };
  }

  const changes: Change[] = [];
  const specChanged = vendor.specSha256 !== previous.specSha256;
  if (specChanged) {
    const found = specChanges(parse(input.releasedSpec ?? "") as Record<string, unknown>, parse(vendor.specText) as Record<string, unknown>);
    changes.push(
      ...(found.length
        ? found
        : [{ level: "patch", kind: "documentation", text: "The spec's text changed with no change to the API it describes", path: "#" } satisfies Change]),
    );
  }
  for (const name of ["@model-apis/runtime", "@model-apis/mock-server"] as const) {
    const was = previous.dependencies[name];
    if (dependencies[name] !== was) {
      changes.push({
        level: "major",
        kind: "breaking",
        text: `Depends on ${name} ${dependencies[name]} (was ${was}): a version outside the old range`,
        path: "#",
      });
    }
  }
  if (apiReport.sha256 !== previous.apiReportSha256 && !specChanged) {
    if (!requested) {
      throw new NeedsLevelError(
        `${apiReport.file}: the client's TypeScript surface changed since ${previous.version} with no spec change (a generator or runtime change); say how much: npm run release -- --bump ${vendor.slug}=patch|minor|major`,
      );
    }
    changes.push({ level: requested, kind: "chosen", text: `The client's TypeScript surface changed with no spec change (see ${apiReport.file})`, path: "#" });
  } else if (requested) {
    changes.push({ level: requested, kind: "chosen", text: "A new version without a change that requires one", path: "#" });
  }

  const level = maxLevel(changes.map((c) => c.level));
  if (!level) return { slug: vendor.slug, from: previous.version, to: undefined, level: undefined, changes, causes: [], specChanged, state: previous };
  const to = nextVersion(previous.version, level, { graduate: requested === "major" });
  return { slug: vendor.slug, from: previous.version, to, level, changes, causes: specChanged ? causes(previous, vendor) : [], specChanged, state: next(to) };
}

/** The range dependants keep while the package's version is inside it, and a new caret range once it is not. */
function wantedRange(current: string | undefined, version: string): string {
  if (current && semver.validRange(current) && semver.satisfies(version, current)) return current;
  return caret(version);
}

/** Which inputs changed since the last version, in words: upstream files with their URL and retrieval date. */
function causes(previous: ReleaseState, vendor: Vendor): string[] {
  const out: string[] = [];
  const now = vendor.inputs;
  for (const file of [...new Set([...Object.keys(previous.inputs), ...Object.keys(now)])].sort()) {
    if (previous.inputs[file] === now[file]) continue;
    const verb = !previous.inputs[file] ? "added" : !now[file] ? "removed" : "changed";
    const source = vendor.config.upstream.find((u) => u.file === file || u.page === file);
    const was = previous.upstream.find((u) => u.file === source?.file);
    const retrieved = source
      ? `, ${source.url} retrieved ${source.retrieved}${was && was.retrieved !== source.retrieved ? ` (was ${was.retrieved})` : ""}`
      : "";
    out.push(`\`${file}\` ${verb}${retrieved}`);
  }
  return out;
}
