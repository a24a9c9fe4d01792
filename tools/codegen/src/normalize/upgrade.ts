import type { OpenApiDoc } from "../openapi.ts";

/**
 * OpenAPI 3.0 -> 3.1 with openapi-format (nullable -> type arrays, example -> examples in schemas,
 * exclusiveMinimum/Maximum, single enum -> const). @scalar/openapi-upgrader would do the same but needs Node 22.
 */
export async function upgradeTo31(doc: OpenApiDoc): Promise<OpenApiDoc> {
  if (String(doc.openapi).startsWith("3.1")) return { ...doc, openapi: "3.1.0" };
  const { openapiConvertVersion } = await import("openapi-format");
  return (await openapiConvertVersion(doc, { convertTo: "3.1" })).data as OpenApiDoc;
}
