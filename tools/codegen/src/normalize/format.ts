import { isObject, type OpenApiDoc } from "../openapi.ts";

const ROOT_ORDER = ["openapi", "jsonSchemaDialect", "info", "servers", "security", "tags", "paths", "webhooks", "components", "externalDocs"];
const OPERATION_ORDER = ["operationId", "summary", "description", "tags", "security", "x-assumption", "parameters", "requestBody", "responses", "x-origin"];

/** Canonical key order (openapi-format's sort, with our root and operation order) for small diffs. */
export async function sortDocument(doc: OpenApiDoc): Promise<OpenApiDoc> {
  const { openapiSort } = await import("openapi-format");
  const sortSet = {
    root: ROOT_ORDER,
    get: OPERATION_ORDER,
    post: OPERATION_ORDER,
    put: OPERATION_ORDER,
    patch: OPERATION_ORDER,
    delete: OPERATION_ORDER,
    parameters: ["name", "in", "description", "required", "deprecated", "style", "explode", "schema", "example", "examples"],
    requestBody: ["description", "required", "content"],
    responses: ["description", "headers", "content", "links"],
    components: ["securitySchemes", "parameters", "headers", "requestBodies", "responses", "schemas", "examples"],
    schema: ["$ref", "title", "description", "type", "const", "enum", "format", "items", "required", "properties", "additionalProperties", "default", "examples", "example"],
    schemas: ["$ref", "title", "description", "type", "const", "enum", "format", "items", "required", "properties", "additionalProperties", "default", "examples", "example"],
    properties: ["$ref", "description", "type", "const", "enum", "format", "items", "default", "examples", "example"],
  };
  // openapi-format copies keys by assignment, so a `__proto__` key (a schema or property named so) would vanish:
  // such keys are sorted under a stand-in name and get their own name back afterwards.
  const hide = hasKey(doc, "__proto__");
  const input = hide ? renameKey(doc, "__proto__", PROTO_STAND_IN) : doc;
  const sorted = (await openapiSort(input, { sortSet: sortSet as never, sortComponentsSet: ["schemas", "parameters", "responses", "headers", "examples", "requestBodies", "securitySchemes"] })).data;
  return (hide ? renameKey(sorted, PROTO_STAND_IN, "__proto__") : sorted) as OpenApiDoc;
}

/** Sorts exactly where "__proto__" does, and no spec has it (a NUL in a key). */
const PROTO_STAND_IN = "__proto__\u0000";

function hasKey(value: unknown, key: string): boolean {
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (!Array.isArray(node) && Object.hasOwn(node, key)) return true;
    stack.push(...Object.values(node));
  }
  return false;
}

/** Deep copy with every object key `from` renamed to `to` (own data properties, also for "__proto__"). */
function renameKey(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKey(item, from, to));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, renameKey(v, from, to)]));
}

/**
 * YAML with no line folding and no anchors, so the same document always gives the same bytes. js-yaml (through
 * redocly's stringifyYaml) rather than the yaml package: twice as fast on a 13 MB spec, and it round-trips.
 */
export async function toYaml(doc: unknown, header: string): Promise<string> {
  // loaded on first use, so that commands failing on a bad input do not wait for redocly to load
  const { stringifyYaml } = await import("@redocly/openapi-core");
  const body = stringifyYaml(doc, { lineWidth: -1, noRefs: true });
  return `${header}\n${body}`;
}
