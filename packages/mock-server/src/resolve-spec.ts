/** Maps the CLI's positional argument (a vendor slug or a spec path) to a spec file. */
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, isAbsolute, join, parse, relative, resolve, sep } from "node:path";

export interface ResolvedSpec {
  /** Absolute path of the spec file (not checked for a path argument: startMock reports a missing file). */
  file: string;
  /** Short name for the "<name> mock listening on" line, e.g. "cuadra". */
  name: string;
}

const SLUG = /^[a-z0-9][a-z0-9._-]*$/i;

/** A slug has no path separator and no spec file extension; anything else is a path. */
export function looksLikePath(arg: string): boolean {
  return arg.includes("/") || arg.includes("\\") || [".json", ".yaml", ".yml"].includes(extname(arg).toLowerCase());
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Name shown for a spec file: the folder of an `openapi.*` file (specs/cuadra/openapi.yaml → cuadra), else the file name. */
export function nameForSpecFile(file: string): string {
  const { name, dir } = parse(file);
  const base = name.toLowerCase() === "openapi" ? basename(dir) : name;
  return base.replace(/-mock$/, "") || name;
}

/** Step 1: the installed package @model-apis/<vendor>-mock, resolved the way Node resolves it from cwd. */
function fromInstalledPackage(vendor: string, cwd: string): string | undefined {
  const require = createRequire(join(cwd, "__model-apis-mock__.js"));
  const pkg = `@model-apis/${vendor}-mock`;
  try {
    return require.resolve(`${pkg}/openapi.json`);
  } catch {
    // Not installed, or its exports map hides openapi.json: look beside its package.json.
  }
  try {
    const file = join(dirname(require.resolve(`${pkg}/package.json`)), "openapi.json");
    return isFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Step 2: specs/<vendor>/openapi.yaml in cwd or the nearest folder above it that has one. */
function fromSpecsFolder(vendor: string, cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const file = join(dir, "specs", vendor, "openapi.yaml");
    if (isFile(file)) return file;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Resolves a vendor slug or a spec path. Throws a one-line Error listing what was tried for an unknown vendor. */
export function resolveSpecArgument(arg: string, cwd: string = process.cwd()): ResolvedSpec {
  if (looksLikePath(arg) || !SLUG.test(arg)) {
    const file = resolve(cwd, arg);
    return { file, name: nameForSpecFile(file) };
  }
  const installed = fromInstalledPackage(arg, cwd);
  if (installed) return { file: installed, name: arg };
  const local = fromSpecsFolder(arg, cwd);
  if (local) return { file: local, name: arg };
  const asFile = resolve(cwd, arg);
  if (existsSync(asFile) && isFile(asFile)) return { file: asFile, name: nameForSpecFile(asFile) };
  throw new Error(
    `Unknown vendor "${arg}": tried the package @model-apis/${arg}-mock (openapi.json) from ${cwd}, ` +
      `and specs/${arg}/openapi.yaml in ${cwd} and every folder above it`,
  );
}

/** How the CLI prints a spec file: relative to cwd when it is inside cwd, else absolute. */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : file;
}
