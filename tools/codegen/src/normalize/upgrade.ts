import { escapeToken } from "../spec-model.ts";
import { isObject, setOwn, type OpenApiDoc } from "../openapi.ts";
import { keysOf, pointerOf, walkSchemas, type Path } from "./schema-walk.ts";

/**
 * OpenAPI 3.0 -> 3.1, and the 3.0 forms that published 3.1 documents still carry (OpenAI's spec, 3.1.0, has 112
 * `nullable`, 7 boolean `exclusiveMinimum`, 2 `$recursiveRef`/`$recursiveAnchor`, and `optional`, `min_items`,
 * `max_items`), converted in Schema Objects only: found by where the specification puts schemas (schema-walk.ts),
 * never by the look of an object.
 *
 * Why not a library: the maintained upgraders rewrite keywords in every object of the document and leave the 3.0 forms
 * of 3.1 documents. Checked on a small document: openapi-format 1.33.6's `openapiConvertVersion` deletes a property
 * named `nullable`, turns a property named `example` into `examples: [<its schema>]` when a property is named `type`,
 * deletes a numeric `exclusiveMinimum` that has a `minimum` beside it, and drops `nullable: true` next to `allOf`;
 * @scalar/openapi-upgrader 0.1.11 (the last release for Node 20: 0.2 needs Node 22) rewrites the property named
 * `example` the same way, keeps `nullable` next to `allOf` as it is (not valid 3.1), and returns a 3.1 document
 * unchanged. Where they agree with the specification, this gives their output (for 3.0 documents: `type` arrays,
 * `example` -> `examples` and one-value `enum` -> `const` in schemas with a `type`, numeric exclusive bounds, binary
 * formats of file uploads), so the normalized specs are the same bytes.
 *
 * Nothing is lost silently: `nullable: true` always becomes a null type (in the type array, in the `enum` when there
 * is one, or as `anyOf: [<the schema>, {type: "null"}]` where the schema has no `type` or a composition beside it);
 * what cannot be converted as it stands is reported, one note per place.
 */

export interface UpgradeNote {
  /** Keys of the place in the document (also where it sits in the upstream file: select only removes). */
  keys: string[];
  pointer: string;
  severity: "warning" | "error";
  message: string;
}

export interface Upgraded {
  doc: OpenApiDoc;
  notes: UpgradeNote[];
}

/** Keywords that describe a schema without constraining values: they stay outside when a schema is wrapped. */
const ANNOTATIONS = new Set([
  "title",
  "description",
  "default",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
  "externalDocs",
  "xml",
  "$comment",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "$schema",
]);

/** JSON Schema keywords people write in snake_case (a keyword validators ignore, and OpenAPI schemas refuse). */
const CAMEL_KEYWORDS = [
  "minItems",
  "maxItems",
  "minLength",
  "maxLength",
  "minProperties",
  "maxProperties",
  "uniqueItems",
  "multipleOf",
  "additionalProperties",
  "patternProperties",
  "readOnly",
  "writeOnly",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "additionalItems",
  "prefixItems",
  "unevaluatedItems",
  "unevaluatedProperties",
  "propertyNames",
  "dependentRequired",
  "dependentSchemas",
  "minContains",
  "maxContains",
  "contentMediaType",
  "contentEncoding",
];
const SNAKE_CASE = new Map(CAMEL_KEYWORDS.map((k) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), k]));

export function upgradeTo31(doc: OpenApiDoc): Upgraded {
  const from30 = /^3\.0\./.test(String(doc.openapi));
  const notes: UpgradeNote[] = [];
  const note = (path: Path | undefined, severity: UpgradeNote["severity"], message: string, key?: string) => {
    const keys = [...keysOf(path), ...(key === undefined ? [] : [key])];
    notes.push({ keys, pointer: pointerOf(path) + (key === undefined ? "" : `/${escapeToken(key)}`), severity, message });
  };

  walkSchemas(doc, ({ schema, path, recursiveAnchor }) => {
    misspelled(schema, path, note);
    if (Object.hasOwn(schema, "nullable")) nullable(schema);
    exclusiveBound(schema, "exclusiveMinimum", "minimum", path, note);
    exclusiveBound(schema, "exclusiveMaximum", "maximum", path, note);
    recursive(schema, path, recursiveAnchor, note);
    if (from30 && schema.type !== undefined) {
      if (Object.hasOwn(schema, "example") && !Object.hasOwn(schema, "examples")) renameKey(schema, "example", "examples", [schema.example]);
      if (Array.isArray(schema.enum) && schema.enum.length === 1) renameKey(schema, "enum", "const", schema.enum[0]);
    }
  });
  if (from30) {
    fileUploads(doc);
    if (isObject(doc["x-webhooks"]) && doc.webhooks === undefined) renameKey(doc, "x-webhooks", "webhooks", doc["x-webhooks"]);
  }
  return { doc: { ...doc, openapi: "3.1.0" }, notes };
}

/**
 * `nullable: true` -> a null type. With a `type` and no composition beside it: "null" joins the type (and the `enum`,
 * which would refuse null otherwise). Without a `type`: `oneOf`/`anyOf` get a `{type: "null"}` branch, anything else
 * that constrains the value (`allOf`, `$ref`, `enum`, ...) moves under `anyOf: [<it>, {type: "null"}]`; a schema that
 * constrains nothing already allows null. `nullable: false` is the default and goes.
 */
function nullable(schema: Record<string, unknown>): void {
  const value = schema.nullable;
  delete schema.nullable;
  if (value !== true) return;
  const composed = ["allOf", "oneOf", "anyOf", "$ref", "not"].some((k) => Object.hasOwn(schema, k));
  if (schema.type !== undefined && !composed) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.includes("null")) schema.type = [...types, "null"];
    if (Object.hasOwn(schema, "const")) renameKey(schema, "const", "enum", [schema.const]);
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    return;
  }
  const branches =
    !Object.hasOwn(schema, "type") &&
    !Object.hasOwn(schema, "allOf") &&
    !Object.hasOwn(schema, "$ref") &&
    (["oneOf", "anyOf"] as const).find((k) => Array.isArray(schema[k]));
  if (branches) {
    const list = schema[branches] as unknown[];
    if (!list.some(allowsNull)) schema[branches] = [...list, { type: "null" }];
    return;
  }
  const inner: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    inner[key] = schema[key];
    delete schema[key];
  }
  if (Object.keys(inner).length) schema.anyOf = [inner, { type: "null" }];
}

function allowsNull(branch: unknown): boolean {
  if (!isObject(branch)) return branch === true;
  const type = branch.type;
  return type === "null" || (Array.isArray(type) && type.includes("null"));
}

/** 3.0's boolean `exclusiveMinimum: true` beside `minimum: n` is 3.1's `exclusiveMinimum: n` (and the same for max). */
function exclusiveBound(
  schema: Record<string, unknown>,
  key: "exclusiveMinimum" | "exclusiveMaximum",
  bound: "minimum" | "maximum",
  path: Path,
  note: Note,
): void {
  const value = schema[key];
  if (typeof value !== "boolean") return;
  if (value && typeof schema[bound] === "number") {
    schema[key] = schema[bound];
    delete schema[bound];
    return;
  }
  delete schema[key];
  if (value) note(path, "warning", `${key}: true without a numeric ${bound} bounds nothing; removed`, key);
}

/**
 * 2019-09's `$recursiveRef: "#"` names the nearest enclosing schema with `$recursiveAnchor: true`: a component schema
 * becomes a plain `$ref` to it (what every generator follows), an inline one 2020-12's `$dynamicRef`/`$dynamicAnchor`.
 */
function recursive(schema: Record<string, unknown>, path: Path, anchor: Path | undefined, note: Note): void {
  if (Object.hasOwn(schema, "$recursiveAnchor")) {
    const value = schema.$recursiveAnchor;
    delete schema.$recursiveAnchor;
    if (value === true && !isComponentRoot(path)) schema.$dynamicAnchor = "recursive";
  }
  if (!Object.hasOwn(schema, "$recursiveRef")) return;
  const ref = schema.$recursiveRef;
  if (ref !== "#" || !anchor) {
    note(
      path,
      "error",
      ref === "#"
        ? `$recursiveRef "#" without an enclosing $recursiveAnchor: true has no 3.1 equivalent; write a $ref`
        : `$recursiveRef ${JSON.stringify(ref)} has no 3.1 equivalent (only "#" has); write a $ref`,
      "$recursiveRef",
    );
    return;
  }
  delete schema.$recursiveRef;
  if (isComponentRoot(anchor)) schema.$ref = pointerOf(anchor);
  else schema.$dynamicRef = "#recursive";
}

function isComponentRoot(path: Path): boolean {
  return path.parent?.key === "schemas" && path.parent.parent?.key === "components" && path.parent.parent.parent === undefined;
}

/** snake_case spellings of JSON Schema keywords become the keyword; `optional` (no JSON Schema keyword) goes. */
function misspelled(schema: Record<string, unknown>, path: Path, note: Note): void {
  for (const key of Object.keys(schema)) {
    const keyword = SNAKE_CASE.get(key);
    if (keyword) {
      if (Object.hasOwn(schema, keyword)) {
        note(path, "warning", `${key} is not a JSON Schema keyword and ${keyword} is already there; ${key} removed`, key);
        delete schema[key];
      } else {
        note(path, "warning", `${key} is not a JSON Schema keyword; read as ${keyword}`, key);
        renameKey(schema, key, keyword, schema[key]);
      }
    } else if (key === "optional") {
      note(path, "warning", `optional is not a JSON Schema keyword (a property is optional unless its object lists it in required); removed`, key);
      delete schema[key];
    }
  }
}

/**
 * 3.0 file uploads in 3.1 form (the migration guide's): a binary string in a multipart form is a contentMediaType, an
 * image body's base64 format a contentEncoding, and an octet-stream body needs no schema for its bytes.
 */
function fileUploads(doc: OpenApiDoc): void {
  const bodies: unknown[] = [];
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (isObject(item)) for (const op of Object.values(item)) if (isObject(op)) bodies.push(op.requestBody);
  }
  bodies.push(...Object.values(isObject(doc.components?.requestBodies) ? doc.components.requestBodies : {}));
  for (const body of bodies) {
    if (!isObject(body) || !isObject(body.content)) continue;
    for (const [type, media] of Object.entries(body.content)) {
      if (!isObject(media) || !isObject(media.schema)) continue;
      const schema = media.schema;
      if (type === "application/octet-stream" && schema.type === "string" && schema.format === "binary" && Object.keys(schema).length === 2)
        delete media.schema;
      else if (type.startsWith("image/") && schema.format === "base64") renameKey(schema, "format", "contentEncoding", "base64");
      else if (type === "multipart/form-data" && isObject(schema.properties)) {
        for (const property of Object.values(schema.properties)) {
          if (isObject(property) && property.format === "binary") renameKey(property, "format", "contentMediaType", "application/octet-stream");
        }
      }
    }
  }
}

/** Replaces `from` by `to` (with `value`) at the same position among the object's keys (own data properties only). */
function renameKey(obj: Record<string, unknown>, from: string, to: string, value: unknown): void {
  const entries = Object.entries(obj);
  for (const key of Object.keys(obj)) delete obj[key];
  for (const [key, v] of entries) {
    if (key === from) setOwn(obj, to, value);
    else if (key !== to) setOwn(obj, key, v);
  }
}

type Note = (path: Path | undefined, severity: UpgradeNote["severity"], message: string, key?: string) => void;
