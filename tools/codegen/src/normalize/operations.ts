import { isObject, operations, pascalCase, type HttpMethod, type OpenApiDoc } from "../openapi.ts";

/**
 * Gives every operation an operationId (camelCase verb + noun), exactly one tag, a summary and security.
 * Values the spec already has are kept; derived ones follow REST conventions.
 */
export function completeOperations(doc: OpenApiDoc, defaultTag: string): void {
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const defaultSecurity = Array.isArray(doc.security) && doc.security.length ? doc.security : schemes.length ? [{ [schemes[0]!]: [] }] : undefined;
  const all = operations(doc);
  for (const { path, method, op } of all) {
    if (typeof op.operationId !== "string" || op.operationId === "") {
      const hasPut = isObject(doc.paths[path]) && isObject(doc.paths[path].put);
      op.operationId = deriveOperationId(method, path, hasPut);
    }
    if (!Array.isArray(op.tags) || op.tags.length === 0) op.tags = [defaultTag];
    else if (op.tags.length > 1) op.tags = [op.tags[0]];
    if (typeof op.summary !== "string" || op.summary.trim() === "") op.summary = sentence(op.operationId);
    if (op.security === undefined && defaultSecurity) op.security = defaultSecurity;
  }
  const tags = [...new Set(all.map(({ op }) => op.tags[0] as string))].sort();
  const declared = new Map<string, Record<string, unknown>>((Array.isArray(doc.tags) ? doc.tags : []).filter(isObject).map((t) => [String(t.name), t]));
  doc.tags = tags.map((name) => declared.get(name) ?? { name, description: `${name} operations` });
}

/** GET /models -> listModels, GET /models/{id} -> getModel, POST /models -> createModel, ... */
export function deriveOperationId(method: HttpMethod, path: string, hasPut: boolean): string {
  const segments = path.split("/").filter(Boolean);
  const isItem = /^\{.+\}$/.test(segments.at(-1) ?? "");
  const nouns = segments.filter((s) => !/^\{.+\}$/.test(s) && !/^(api|v\d+)$/i.test(s));
  const resource = nouns.at(-1) ?? "root";
  const plural = pascalCase(resource);
  const singular = plural.replace(/ies$/, "y").replace(/s$/, "");
  switch (method) {
    case "get":
      return isItem ? `get${singular}` : `list${plural}`;
    case "post":
      return isItem ? `update${singular}` : `create${singular}`;
    case "put":
      return `update${singular}`;
    case "patch":
      return hasPut ? `patch${singular}` : `update${singular}`;
    case "delete":
      return `delete${isItem ? singular : plural}`;
    default:
      return `${method}${plural}`;
  }
}

function sentence(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words[0]!.toUpperCase() + words.slice(1);
}
