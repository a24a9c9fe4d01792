/**
 * A generate that creates a package folder npm has not seen (a new vendor's client and mock) runs `npm install`
 * once, so the new workspaces are linked and package-lock.json lists them: `npm ci` on a clean clone, which
 * refuses a lockfile that lacks a workspace, keeps working, and a new vendor needs no second install.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CodegenError } from "./errors.ts";

/** The package folders (relative to the root, `packages/clients/x`) that the root lockfile does not list. */
export function unlistedWorkspaces(root: string, dirs: readonly string[]): string[] {
  const lock = join(root, "package-lock.json");
  if (!existsSync(lock)) return [];
  const listed = (JSON.parse(readFileSync(lock, "utf8")) as { packages?: Record<string, unknown> }).packages ?? {};
  return dirs.map((dir) => relative(root, dir)).filter((rel) => !Object.hasOwn(listed, rel));
}

/** Runs `npm install` at the root (no audit, fund or scripts); throws a one-line error when it fails. */
export function installWorkspaces(root: string, added: readonly string[], log: (line: string) => void): void {
  log(`new workspace(s) ${added.join(", ")}: npm install (links them and updates package-lock.json)`);
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline"], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) {
    const reason = (result.stderr || result.stdout || String(result.error ?? "")).trim().split("\n").slice(-1)[0];
    throw new CodegenError(join(root, "package-lock.json"), undefined, `npm install for the new workspace(s) failed: ${reason} (run npm install by hand)`);
  }
}
