import { escapeToken } from "../spec-model.ts";
import { HTTP_METHODS, isObject, type OpenApiDoc } from "../openapi.ts";

/**
 * Every Schema Object of an OpenAPI 3.0 or 3.1 document, found by where the specification puts schemas (components,
 * parameters, headers, media types, and the subschema keywords of JSON Schema), never by the look of an object: an
 * example value, a `properties` map with a property named `nullable`, or an extension is data, not a schema.
 */

/** Where a node sits: a linked list of keys, so walking a big document copies no arrays. */
export interface Path {
  key: string;
  parent: Path | undefined;
}

export function keysOf(path: Path | undefined): string[] {
  const keys: string[] = [];
  for (let p = path; p; p = p.parent) keys.push(p.key);
  return keys.reverse();
}

export function pointerOf(path: Path | undefined): string {
  return (
    "#" +
    keysOf(path)
      .map((k) => "/" + escapeToken(k))
      .join("")
  );
}

/** Subschema keywords whose value is one schema. */
const ONE = [
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
  "contentSchema",
];
/** ... a list of schemas. */
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
/** ... a map of name to schema. */
const MAP = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

export interface SchemaVisit {
  schema: Record<string, unknown>;
  path: Path;
  /** The nearest enclosing schema (this one included) with `$recursiveAnchor: true`, if any. */
  recursiveAnchor: Path | undefined;
}

/**
 * Calls `visit` on every schema, parents before their subschemas; the subschemas are looked up after `visit`
 * returns, so a visit may restructure its schema (e.g. move it under an `anyOf`) and the walk follows the new shape.
 * `$ref` objects are visited too (their siblings may need upgrading); what they point to is visited where it is.
 */
export function walkSchemas(doc: OpenApiDoc, visit: (v: SchemaVisit) => void): void {
  const at = (key: string, parent: Path | undefined): Path => ({ key, parent });
  const seen = new Set<object>();

  const schema = (node: unknown, path: Path, anchor: Path | undefined): void => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    const own = node.$recursiveAnchor === true ? path : anchor;
    visit({ schema: node, path, recursiveAnchor: own });
    for (const key of ONE) if (Object.hasOwn(node, key)) schema(node[key], at(key, path), own);
    for (const key of LIST) {
      const list = Object.hasOwn(node, key) ? node[key] : undefined;
      if (Array.isArray(list)) list.forEach((item, i) => schema(item, at(String(i), at(key, path)), own));
    }
    for (const key of MAP) {
      const map = Object.hasOwn(node, key) ? node[key] : undefined;
      if (isObject(map)) for (const [name, item] of Object.entries(map)) schema(item, at(name, at(key, path)), own);
    }
    const items = Object.hasOwn(node, "items") ? node.items : undefined;
    if (Array.isArray(items)) items.forEach((item, i) => schema(item, at(String(i), at("items", path)), own));
    else schema(items, at("items", path), own);
    const dependencies = Object.hasOwn(node, "dependencies") ? node.dependencies : undefined;
    if (isObject(dependencies))
      for (const [name, item] of Object.entries(dependencies)) if (isObject(item)) schema(item, at(name, at("dependencies", path)), own);
  };

  const mediaTypes = (content: unknown, path: Path): void => {
    if (!isObject(content)) return;
    for (const [type, media] of Object.entries(content)) {
      if (!isObject(media)) continue;
      const mediaPath = at(type, path);
      schema(media.schema, at("schema", mediaPath), undefined);
      if (isObject(media.encoding)) {
        for (const [name, encoding] of Object.entries(media.encoding)) {
          if (isObject(encoding)) headers(encoding.headers, at("headers", at(name, at("encoding", mediaPath))));
        }
      }
    }
  };
  const parameterOrHeader = (node: unknown, path: Path): void => {
    if (!isObject(node)) return;
    schema(node.schema, at("schema", path), undefined);
    mediaTypes(node.content, at("content", path));
  };
  const headers = (map: unknown, path: Path): void => {
    if (isObject(map)) for (const [name, header] of Object.entries(map)) parameterOrHeader(header, at(name, path));
  };
  const parameters = (list: unknown, path: Path): void => {
    if (Array.isArray(list)) list.forEach((p, i) => parameterOrHeader(p, at(String(i), path)));
  };
  const requestBody = (node: unknown, path: Path): void => {
    if (isObject(node)) mediaTypes(node.content, at("content", path));
  };
  const response = (node: unknown, path: Path): void => {
    if (!isObject(node)) return;
    headers(node.headers, at("headers", path));
    mediaTypes(node.content, at("content", path));
  };
  const callbacks = (map: unknown, path: Path): void => {
    if (!isObject(map)) return;
    for (const [name, callback] of Object.entries(map)) {
      if (isObject(callback)) for (const [expression, item] of Object.entries(callback)) pathItem(item, at(expression, at(name, path)));
    }
  };
  const pathItem = (item: unknown, path: Path): void => {
    if (!isObject(item)) return;
    parameters(item.parameters, at("parameters", path));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opPath = at(method, path);
      parameters(op.parameters, at("parameters", opPath));
      requestBody(op.requestBody, at("requestBody", opPath));
      if (isObject(op.responses)) for (const [status, r] of Object.entries(op.responses)) response(r, at(status, at("responses", opPath)));
      callbacks(op.callbacks, at("callbacks", opPath));
    }
  };

  for (const root of ["paths", "webhooks", "x-webhooks"]) {
    const items = doc[root];
    if (isObject(items)) for (const [name, item] of Object.entries(items)) pathItem(item, at(name, at(root, undefined)));
  }
  const components = isObject(doc.components) ? doc.components : {};
  const c = (kind: string) => at(kind, at("components", undefined));
  const each = (kind: string, fn: (node: unknown, path: Path) => void) => {
    const map = components[kind];
    if (isObject(map)) for (const [name, node] of Object.entries(map)) fn(node, at(name, c(kind)));
  };
  each("schemas", (node, path) => schema(node, path, undefined));
  each("parameters", parameterOrHeader);
  each("headers", parameterOrHeader);
  each("requestBodies", requestBody);
  each("responses", response);
  each("pathItems", pathItem);
  each("callbacks", (node, path) => {
    if (isObject(node)) for (const [expression, item] of Object.entries(node)) pathItem(item, at(expression, path));
  });
}
