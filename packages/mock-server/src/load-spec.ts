/** Turns the `spec` argument of startMock into Prism operations, with one-line errors instead of stack dumps. */
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import type { SpecInput } from "./options.js";

export type HttpOperations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

export interface LoadedSpec {
  operations: HttpOperations;
  /** How errors and the CLI name the spec: an absolute file path, a URL, or "the spec object". */
  label: string;
}

interface SpecSource {
  /** What Prism's resolver gets: an absolute path, an http(s) URL, or a copy of the document. */
  target: string | object;
  label: string;
  file?: string;
}

function toSource(spec: unknown): SpecSource {
  if (spec instanceof URL) {
    if (spec.protocol === "file:") return fileSource(fileURLToPath(spec));
    if (spec.protocol === "http:" || spec.protocol === "https:") return { target: spec.href, label: spec.href };
    throw new Error(`Unsupported spec URL ${spec.href}: use a file:, http: or https: URL`);
  }
  if (typeof spec === "string") {
    if (spec.trim() === "") throw new Error("The spec path is empty");
    if (/^https?:\/\//i.test(spec)) return { target: spec, label: spec };
    if (/^file:/i.test(spec)) return fileSource(fileURLToPath(spec));
    return fileSource(resolve(spec));
  }
  if (typeof spec === "object" && spec !== null && !Array.isArray(spec)) {
    // Prism's $ref resolver dereferences in place: give it a copy so the caller's object stays as it was.
    return { target: structuredClone(spec), label: "the spec object" };
  }
  const kind = Array.isArray(spec) ? "an array" : spec === null ? "null" : `a ${typeof spec}`;
  throw new Error(`Invalid spec: expected a file path, a URL or an OpenAPI document object, got ${kind}`);
}

function fileSource(file: string): SpecSource {
  return { target: file, label: file, file };
}

async function checkFile(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `Spec file not found: ${file}` : `Cannot read spec file ${file}: ${code ?? error}`);
  }
  if (!info.isFile()) throw new Error(`Spec path is not a file: ${file}`);
}

/** Prism's resolver errors repeat "Error parsing <file>:" and span lines: make them one line that says what is wrong. */
export function describeLoadError(error: unknown, label: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  if (raw === "Unsupported document format") {
    return 'it is not an OpenAPI or Swagger document (no "openapi" or "swagger" key at the root)';
  }
  const detail = raw
    .split(`Error parsing ${label}: `)
    .join("")
    .replace(/\s*\n\s*/g, ": ")
    .replace(/\s+/g, " ")
    .replace(/[\s:]+$/, "")
    .trim();
  const code = (error as { code?: unknown } | null)?.code;
  return code === "EMISSINGPOINTER" ? `broken $ref ${detail}` : detail || "unknown error";
}

/** Loads and dereferences the spec; throws a one-line Error naming the spec and what is wrong. */
export async function loadSpec(spec: SpecInput): Promise<LoadedSpec> {
  const source = toSource(spec);
  if (source.file !== undefined) await checkFile(source.file);
  let operations: HttpOperations;
  try {
    operations = await getHttpOperationsFromSpec(source.target);
  } catch (error) {
    throw new Error(`Cannot load spec ${source.label}: ${describeLoadError(error, source.label)}`);
  }
  if (operations.length === 0) throw new Error(`Cannot load spec ${source.label}: it has no operations`);
  return { operations, label: source.label };
}
