import semver from "semver";

/** How far a change moves a version. */
export type Level = "major" | "minor" | "patch";

export const LEVELS: readonly Level[] = ["patch", "minor", "major"];

export function maxLevel(levels: Iterable<Level | undefined>): Level | undefined {
  let max: Level | undefined;
  for (const level of levels) if (level && (!max || LEVELS.indexOf(level) > LEVELS.indexOf(max))) max = level;
  return max;
}

/**
 * The next version for a change of this level. While the version is 0.x a breaking change raises the minor version
 * (a caret range ^0.2.0 stops at 0.3.0, so it still keeps the break away), and so does an additive one; from 1.0.0
 * on it is semver as written. `graduate` (an explicit major request) takes a 0.x version to 1.0.0.
 */
export function nextVersion(current: string, level: Level, options: { graduate?: boolean } = {}): string {
  const parsed = semver.parse(current);
  if (!parsed) throw new Error(`"${current}" is not a semver version`);
  if (parsed.major === 0 && !(options.graduate && level === "major")) {
    return semver.inc(current, level === "patch" ? "patch" : "minor")!;
  }
  return semver.inc(current, level)!;
}

/** The version a package gets the first time it is released. */
export const FIRST_VERSION = "0.1.0";

/** The caret range internal dependants use for a hand-written package at this version. */
export function caret(version: string): string {
  return `^${version}`;
}
