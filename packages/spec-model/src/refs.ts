/** Local `$ref`s (`#/…`): the one resolver that codegen, the twin, the runtime and the contract suite share. */
import { getAt, parsePointer } from "./pointer.js";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The target of a local `$ref` in `doc`, or undefined when it is not local or points at nothing. */
export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  try {
    return getAt(doc, parsePointer(ref));
  } catch {
    return undefined;
  }
}

/**
 * Follows `$ref` chains from `node` until a node without `$ref` (OpenAPI 3.1 siblings of `$ref` are ignored here).
 * Returns undefined for a broken or cyclic chain.
 */
export function deref<T = unknown>(doc: unknown, node: unknown): T | undefined {
  const seen = new Set<string>();
  let current = node;
  while (isRecord(current) && typeof current.$ref === "string") {
    if (seen.has(current.$ref)) return undefined;
    seen.add(current.$ref);
    current = resolveRef(doc, current.$ref);
  }
  return current as T | undefined;
}
