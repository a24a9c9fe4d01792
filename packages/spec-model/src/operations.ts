/** HTTP methods and the operation list of a document, in one order everybody uses. */
import { isRecord, resolveRef } from "./refs.js";

/** The HTTP methods a path item may hold, in the order OpenAPI lists them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  /** The operation object itself (not a copy). */
  // biome-ignore lint/suspicious/noExplicitAny: operation objects come from documents whose content is not trusted
  op: Record<string, any>;
}

/** Every operation in document order: paths in key order, methods in HTTP_METHODS order. */
export function listOperations(doc: unknown): OperationEntry[] {
  const out: OperationEntry[] = [];
  const paths = isRecord(doc) ? doc.paths : undefined;
  if (!isRecord(paths)) return out;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (isRecord(op)) out.push({ path, method, op });
    }
  }
  return out;
}

/** The operation with this operationId, or undefined. */
export function findOperation(doc: unknown, operationId: string): OperationEntry | undefined {
  return listOperations(doc).find((entry) => entry.op.operationId === operationId);
}

/** The first example of a media-type object: `example`, else the first of `examples` (values, not $refs). */
export function firstExample(doc: unknown, media: unknown): unknown {
  return firstNamedExample(doc, media)?.value;
}

/**
 * The same with where it came from: `name` is its key in `examples`, or undefined for `example` (or a parameter's,
 * which has the same two fields).
 */
export function firstNamedExample(doc: unknown, media: unknown): { name?: string; value: unknown } | undefined {
  if (!isRecord(media)) return undefined;
  if (media.example !== undefined) return { value: media.example };
  if (!isRecord(media.examples)) return undefined;
  for (const [name, entry] of Object.entries(media.examples)) {
    const resolved = isRecord(entry) && typeof entry.$ref === "string" ? resolveRef(doc, entry.$ref) : entry;
    if (isRecord(resolved) && resolved.value !== undefined) return { name, value: resolved.value };
  }
  return undefined;
}

/** Every example value of a media-type object, in order. */
export function allExamples(doc: unknown, media: unknown): unknown[] {
  if (!isRecord(media)) return [];
  const out: unknown[] = [];
  if (media.example !== undefined) out.push(media.example);
  if (isRecord(media.examples)) {
    for (const entry of Object.values(media.examples)) {
      const resolved = isRecord(entry) && typeof entry.$ref === "string" ? resolveRef(doc, entry.$ref) : entry;
      if (isRecord(resolved) && resolved.value !== undefined) out.push(resolved.value);
    }
  }
  return out;
}
