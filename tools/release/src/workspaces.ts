import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";

export interface WorkspacePackage {
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the root, with forward slashes. */
  rel: string;
  name: string;
  version: string;
  private: boolean;
  json: PackageJson;
}

export interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The root package.json's workspaces, in its order: each entry a folder or `<folder>/*` (the only patterns this
 * repository uses; npm's own listing needs an installed tree, which a release of a copy may not have).
 */
export function listWorkspaces(root: string): WorkspacePackage[] {
  const rootFile = join(root, "package.json");
  const patterns = (readJson(rootFile) as { workspaces?: unknown }).workspaces;
  if (!Array.isArray(patterns)) throw new CodegenError(rootFile, "#/workspaces", "must list the workspace folders");
  const out: WorkspacePackage[] = [];
  for (const pattern of patterns as string[]) {
    const folders = pattern.endsWith("/*") ? children(join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`) : [pattern];
    for (const rel of folders) {
      const file = join(root, rel, "package.json");
      if (!existsSync(file)) continue;
      const json = readJson(file) as PackageJson;
      if (typeof json.name !== "string") continue;
      out.push({ dir: join(root, rel), rel, name: json.name, version: String(json.version ?? ""), private: json.private === true, json });
    }
  }
  return out;
}

function children(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => (d.isDirectory() || d.isSymbolicLink()) && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();
}

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new CodegenError(file, undefined, "file not found");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CodegenError(file, undefined, `not valid JSON (${(error as Error).message})`);
  }
}

/** Public packages ordered so that every package comes after the internal packages it depends on. */
export function publishOrder(packages: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const done = new Set<string>();
  const out: WorkspacePackage[] = [];
  const visit = (pkg: WorkspacePackage, path: string[]) => {
    if (done.has(pkg.name)) return;
    if (path.includes(pkg.name))
      throw new CodegenError(join(pkg.dir, "package.json"), "#/dependencies", `dependency cycle: ${[...path, pkg.name].join(" -> ")}`);
    for (const dep of Object.keys(pkg.json.dependencies ?? {})) {
      const internal = byName.get(dep);
      if (internal) visit(internal, [...path, pkg.name]);
    }
    done.add(pkg.name);
    out.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return out;
}
