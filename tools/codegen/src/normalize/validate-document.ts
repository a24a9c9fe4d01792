import { CodegenError } from "../errors.ts";
import { locatePointer } from "../load.ts";
import { isObject, type OpenApiDoc } from "../openapi.ts";
import { findExternalRef } from "./refs.ts";

/** Checks the shape every later stage relies on; refuses Swagger 2.0, unknown OpenAPI versions and external $refs. */
export function validateDocument(file: string, text: string, data: unknown): OpenApiDoc {
  const at = (keys: string[]) => locatePointer(text, keys) ?? `#/${keys.join("/")}`;
  if (!isObject(data)) throw new CodegenError(file, "1:1", "not an OpenAPI document (expected a mapping at the top level)");
  if (data.swagger !== undefined) {
    throw new CodegenError(file, at(["swagger"]), `Swagger ${String(data.swagger)} is not supported; convert it to OpenAPI 3 first`);
  }
  if (data.openapi === undefined) throw new CodegenError(file, "#/openapi", "missing the openapi version field");
  if (typeof data.openapi !== "string" || !/^3\.[01]\.\d+$/.test(data.openapi)) {
    throw new CodegenError(file, at(["openapi"]), `unsupported OpenAPI version "${String(data.openapi)}" (supported: 3.0.x, 3.1.x)`);
  }
  if (data.info === undefined) throw new CodegenError(file, "#/info", "missing the info object");
  if (!isObject(data.info)) throw new CodegenError(file, at(["info"]), "info must be a mapping");
  if (data.paths === undefined) throw new CodegenError(file, "#/paths", "missing the paths object");
  if (!isObject(data.paths)) throw new CodegenError(file, at(["paths"]), "paths must be a mapping of path to path item");
  if (data.components !== undefined && !isObject(data.components)) {
    throw new CodegenError(file, at(["components"]), "components must be a mapping");
  }
  const external = findExternalRef(data);
  if (external) {
    throw new CodegenError(
      file,
      at(external.keys),
      `$ref "${external.ref}" points outside the document; only local refs (#/...) are allowed, so bundle the upstream into one file`,
    );
  }
  return data;
}
