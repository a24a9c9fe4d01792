import { escapeToken, HTTP_METHODS, isObject, type OpenApiDoc, unescapeToken } from "../openapi.ts";
import type { VendorConfig } from "../vendor-config.ts";

/**
 * Keeps the configured operations (by tag and/or "METHOD /path") and drops the components they no longer use.
 * (openapi-format's filter does this too, but it also deletes request bodies whose media type is `{}`, which is
 * exactly what its own 3.1 upgrade produces for application/octet-stream, so we do not use it here.)
 */
export function selectOperations(doc: OpenApiDoc, select: VendorConfig["select"]): OpenApiDoc {
  if (!select) return doc;
  const tags = new Set(select.tags ?? []);
  const ops = new Set((select.operations ?? []).map((o) => o.trim().replace(/\s+/, " ").toLowerCase()));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const byTag = Array.isArray(op.tags) && op.tags.some((t) => tags.has(String(t)));
      const byName = ops.has(`${method} ${path.toLowerCase()}`);
      if (!byTag && !byName) delete item[method];
    }
    if (!HTTP_METHODS.some((m) => isObject(item[m]))) delete doc.paths[path];
  }
  if (Array.isArray(doc.tags) && tags.size) doc.tags = doc.tags.filter((t: unknown) => isObject(t) && tags.has(String(t.name)));
  return pruneUnusedComponents(doc);
}

const COMPONENT_KINDS = ["schemas", "parameters", "examples", "headers", "requestBodies", "responses", "links", "callbacks", "pathItems"];

/** Removes components that nothing outside components refers to, directly or through other components. */
export function pruneUnusedComponents(doc: OpenApiDoc): OpenApiDoc {
  const components = doc.components;
  if (!isObject(components)) return doc;
  const used = new Set<string>();
  const queue: unknown[] = [];
  const { components: _omit, ...rest } = doc;
  queue.push(rest);
  while (queue.length) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (isObject(node)) {
      const ref = node.$ref;
      if (typeof ref === "string" && ref.startsWith("#/components/") && !used.has(ref)) {
        used.add(ref);
        const [, , kind, name] = ref.split("/");
        const target = (components as Record<string, Record<string, unknown>>)[kind!]?.[unescapeToken(name!)];
        if (target !== undefined) queue.push(target);
      }
      for (const value of Object.values(node)) if (typeof value === "object" && value !== null) queue.push(value);
    }
  }
  for (const kind of COMPONENT_KINDS) {
    const entries = components[kind];
    if (!isObject(entries)) continue;
    for (const name of Object.keys(entries)) if (!used.has(`#/components/${kind}/${escapeToken(name)}`)) delete entries[name];
    if (Object.keys(entries).length === 0) delete components[kind];
  }
  return doc;
}
