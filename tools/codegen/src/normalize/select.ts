import { openapiFilter } from "openapi-format";
import { HTTP_METHODS, isObject, type OpenApiDoc } from "../openapi.ts";
import type { VendorConfig } from "../vendor-config.ts";

/** Keeps the configured operations (by tag and/or "METHOD /path") and drops what they no longer use. */
export async function selectOperations(doc: OpenApiDoc, select: VendorConfig["select"]): Promise<OpenApiDoc> {
  if (!select) return doc;
  let out = doc;
  if (select.tags?.length) {
    out = (await openapiFilter(out, { filterSet: { inverseTags: select.tags } })).data as OpenApiDoc;
  }
  if (select.operations?.length) {
    const keep = new Set(select.operations.map((o) => o.replace(/\s+/, " ").toLowerCase()));
    for (const [path, item] of Object.entries(out.paths ?? {})) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) if (item[method] && !keep.has(`${method} ${path.toLowerCase()}`)) delete item[method];
      if (!HTTP_METHODS.some((m) => item[m])) delete out.paths[path];
    }
  }
  return pruneUnusedComponents(out);
}

/** Removes components nothing refers to (transitively), with openapi-format's filter. */
export async function pruneUnusedComponents(doc: OpenApiDoc): Promise<OpenApiDoc> {
  const unusedComponents = ["schemas", "parameters", "examples", "headers", "requestBodies", "responses"];
  return (await openapiFilter(doc, { filterSet: { unusedComponents } })).data as OpenApiDoc;
}
