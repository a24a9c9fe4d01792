import type { OpenApiDoc } from "../openapi.ts";
import { requirePackage } from "../require-package.ts";
import { sortLikeOpenapiFormat } from "./sort.ts";

const ROOT_ORDER = ["openapi", "jsonSchemaDialect", "info", "servers", "security", "tags", "paths", "webhooks", "components", "externalDocs"];
/** Key order inside a schema (a named component or an inline one alike). */
const SCHEMA_ORDER = [
  "$ref",
  "title",
  "description",
  "type",
  "const",
  "enum",
  "format",
  "items",
  "required",
  "properties",
  "additionalProperties",
  "default",
  "examples",
  "example",
];
const OPERATION_ORDER = ["operationId", "summary", "description", "tags", "security", "x-assumption", "parameters", "requestBody", "responses", "x-origin"];

/** openapi-format's sort settings: our root and operation order, then openapi-format's rules (sort.ts). */
export const SORT_SET = {
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
  schema: SCHEMA_ORDER,
  schemas: SCHEMA_ORDER,
  properties: ["$ref", "description", "type", "const", "enum", "format", "items", "default", "examples", "example"],
};
export const SORT_COMPONENTS = ["schemas", "parameters", "responses", "headers", "examples", "requestBodies", "securitySchemes"];

/** Canonical key order (openapi-format's sort, with our root and operation order) for small diffs. */
export function sortDocument(doc: OpenApiDoc): OpenApiDoc {
  return sortLikeOpenapiFormat(doc, SORT_SET, SORT_COMPONENTS) as OpenApiDoc;
}

/**
 * YAML with no line folding and no anchors, so the same document always gives the same bytes. js-yaml (through
 * redocly's stringifyYaml) rather than the yaml package: twice as fast on a 13 MB spec, and it round-trips.
 */
export async function toYaml(doc: unknown, header: string): Promise<string> {
  // loaded on first use, so that commands failing on a bad input do not wait for redocly to load
  const { stringifyYaml } = requirePackage("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
  const body = stringifyYaml(doc, { lineWidth: -1, noRefs: true });
  return `${header}\n${body}`;
}
