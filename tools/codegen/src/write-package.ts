import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { CodegenError } from "./errors.ts";
import { hasHeader } from "./emit/header.ts";
import type { PackagePlan } from "./generate.ts";

/** A generated file that starts with a shebang is a command: it is written executable. */
const modeOf = (content: string): number => (content.startsWith("#!") ? 0o755 : 0o644);
const executable = (file: string): boolean => (statSync(file).mode & 0o111) !== 0;

/** Folders inside a generated package that are not generated and survive regeneration. */
const PRESERVED = new Set(["node_modules", "dist", ".turbo"]);

/** Relative paths of the files a package folder holds now (not counting preserved folders). */
export function existingFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!(sub === "" && PRESERVED.has(entry.name))) walk(rel);
      } else out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

/** Refuses to touch a folder holding a file without the generated-file header: it was written by hand. */
export function assertGenerated(dir: string, root: string): void {
  for (const rel of existingFiles(dir)) {
    const file = join(dir, rel);
    const head = readFileSync(file).subarray(0, 4096).toString("utf8");
    if (!hasHeader(head)) {
      throw new CodegenError(relative(root, file), undefined, "has no generated-file header; refusing to overwrite or delete a hand-written file");
    }
  }
}

export interface Diff {
  changed: string[];
  added: string[];
  removed: string[];
  unchanged: number;
}

export function diffPackage(plan: PackagePlan): Diff {
  const existing = new Set(existingFiles(plan.dir));
  const diff: Diff = { changed: [], added: [], removed: [], unchanged: 0 };
  for (const [rel, content] of plan.files) {
    if (!existing.has(rel)) diff.added.push(rel);
    else if (readFileSync(join(plan.dir, rel), "utf8") !== content || executable(join(plan.dir, rel)) !== (modeOf(content) === 0o755)) diff.changed.push(rel);
    else diff.unchanged++;
    existing.delete(rel);
  }
  diff.removed = [...existing];
  return diff;
}

/**
 * Writes a whole package at once: the new files go to a sibling temp folder, which then replaces the old
 * folder by rename. A failure before the rename leaves the previous package exactly as it was.
 */
export function writePackage(plan: PackagePlan): void {
  const parent = dirname(plan.dir);
  const name = basename(plan.dir);
  const tmp = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [rel, content] of plan.files) {
      mkdirSync(dirname(join(tmp, rel)), { recursive: true });
      writeFileSync(join(tmp, rel), content, { mode: modeOf(content) });
    }
    if (existsSync(plan.dir)) {
      for (const keep of PRESERVED) if (existsSync(join(plan.dir, keep))) renameSync(join(plan.dir, keep), join(tmp, keep));
      renameSync(plan.dir, old);
    }
    renameSync(tmp, plan.dir);
  } catch (error) {
    if (!existsSync(plan.dir) && existsSync(old)) renameSync(old, plan.dir);
    for (const keep of PRESERVED) {
      if (existsSync(join(tmp, keep)) && existsSync(plan.dir) && !existsSync(join(plan.dir, keep))) renameSync(join(tmp, keep), join(plan.dir, keep));
    }
    throw error;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/** Generated package folders whose vendor no longer exists under specs/. */
export function orphanPackages(root: string, vendors: Set<string>): string[] {
  const out: string[] = [];
  for (const kind of ["clients", "mocks"]) {
    const base = join(root, "packages", kind);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base)) {
      const dir = join(base, entry);
      if (!entry.startsWith(".") && statSync(dir).isDirectory() && !vendors.has(entry)) out.push(dir);
    }
  }
  return out;
}
