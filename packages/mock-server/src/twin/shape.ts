/**
 * Shapes a value to a JSON schema of the spec: the twin's one way of turning stored records into bodies that
 * validate, and request bodies into records.
 * - `response`: keeps the declared properties (and undeclared ones only where additionalProperties allows them
 *   explicitly), fills every missing required property from the schema (default, const, null, an example, or a
 *   zero value), drops null array items the schema does not allow, and coerces ids between number and string.
 * - `request`: keeps what the schema declares, drops unknown keys (as the vendors' frameworks do) and applies
 *   the defaults of absent properties.
 */
import { randomUUID } from "node:crypto";
import { deref, isRecord } from "@model-apis/spec-model";

type Schema = Record<string, unknown>;
export type ShapeMode = "request" | "response";

function types(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === "string") return [schema.type];
  if (isRecord(schema.properties) || schema.additionalProperties !== undefined) return ["object"];
  if (schema.items !== undefined) return ["array"];
  return [];
}

/** resolve() per schema node: the document does not change while a twin serves it. */
const resolveCache = new WeakMap<object, Schema | undefined>();

/** The schema behind $refs, with allOf branches merged into one object schema (cached per node). */
function resolve(doc: unknown, node: unknown): Schema | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  if (resolveCache.has(node)) return resolveCache.get(node);
  const schema = resolveUncached(doc, node);
  resolveCache.set(node, schema);
  return schema;
}

function resolveUncached(doc: unknown, node: unknown): Schema | undefined {
  const schema = deref<Schema>(doc, node);
  if (!isRecord(schema)) return undefined;
  if (!Array.isArray(schema.allOf)) return schema;
  const merged: Schema = {
    ...schema,
    properties: { ...(isRecord(schema.properties) ? schema.properties : {}) },
    required: [...(Array.isArray(schema.required) ? schema.required : [])],
  };
  delete merged.allOf;
  for (const branch of schema.allOf) {
    const part = resolve(doc, branch);
    if (!part) continue;
    if (isRecord(part.properties)) Object.assign(merged.properties as Schema, part.properties);
    if (Array.isArray(part.required)) (merged.required as unknown[]).push(...part.required);
    if (merged.type === undefined && part.type !== undefined) merged.type = part.type;
  }
  return merged;
}

export function allowsNull(doc: unknown, node: unknown): boolean {
  const schema = resolve(doc, node);
  if (!schema) return true;
  if (types(schema).includes("null") || schema.const === null) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  return branches.some((branch) => allowsNull(doc, branch));
}

/** A value's JSON Schema type name. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether a schema's declared types take a value of this kind (an integer fits "number"). */
function typeTakes(schema: Schema, kind: string): boolean {
  const t = types(schema);
  return t.includes(kind) || (kind === "integer" && t.includes("number"));
}

/** The branch of a oneOf/anyOf that fits the value best: null for null, else the first that is not null-only. */
function pickBranch(doc: unknown, schema: Schema, value: unknown): Schema | undefined {
  const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  if (branches.length === 0) return undefined;
  const resolved = branches.map((b) => resolve(doc, b)).filter((b): b is Schema => b !== undefined);
  const kind = kindOf(value);
  return resolved.find((b) => typeTakes(b, kind)) ?? resolved.find((b) => !(types(b).length === 1 && types(b)[0] === "null")) ?? resolved[0];
}

/** Whether the value's JSON type is one the schema allows (schemas without a type allow everything). */
function fits(doc: unknown, node: unknown, value: unknown): boolean {
  const schema = resolve(doc, node);
  if (!schema) return true;
  if (value === null) return allowsNull(doc, schema);
  const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  if (branches.length > 0) return branches.some((b) => fits(doc, b, value));
  return types(schema).length === 0 || typeTakes(schema, kindOf(value));
}

/**
 * Whether a value fits a schema closely enough to keep: its type fits, an object has every required property
 * and each present property fits (enum and const included), one level deep. Schemas without rules fit anything.
 */
export function conforms(doc: unknown, node: unknown, value: unknown): boolean {
  const schema = resolve(doc, node);
  if (!schema) return true;
  if (!fits(doc, schema, value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  if (!isRecord(value)) return true;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  if (required.some((k) => !Object.hasOwn(value, k))) return false;
  return Object.entries(properties).every(([k, s]) => {
    if (!Object.hasOwn(value, k)) return true;
    const p = resolve(doc, s);
    if (!p || !fits(doc, p, value[k])) return false;
    if (Array.isArray(p.enum) && !p.enum.some((e) => e === value[k])) return false;
    return p.const === undefined || p.const === value[k];
  });
}

/** Today in the form a field's schema asks for: epoch seconds for integers, else an ISO date-time. */
export function now(doc: unknown, node: unknown): string | number {
  const schema = resolve(doc, node);
  const t = schema ? types(schema) : [];
  if (t.includes("integer") || t.includes("number")) return Math.floor(Date.now() / 1000);
  return new Date().toISOString();
}

/** A value for a required property the record lacks. */
export function fillValue(doc: unknown, node: unknown): unknown {
  const schema = resolve(doc, node);
  if (!schema) return null;
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (schema.const !== undefined) return schema.const;
  if (allowsNull(doc, schema)) return null;
  const branch = pickBranch(doc, schema, {});
  if (branch) return fillValue(doc, branch);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return structuredClone(schema.examples[0]);
  if (schema.example !== undefined) return structuredClone(schema.example);
  const t = types(schema);
  if (t.includes("string")) return schema.format === "uuid" ? randomUUID() : schema.format === "date-time" ? new Date().toISOString() : "";
  if (t.includes("integer") || t.includes("number")) return typeof schema.minimum === "number" ? schema.minimum : 0;
  if (t.includes("boolean")) return false;
  if (t.includes("array")) return [];
  if (t.includes("object")) return shape(doc, schema, {}, "response");
  return null;
}

function coerceScalar(schema: Schema, value: unknown): unknown {
  const t = types(schema);
  if (typeof value === "number" && t.includes("string") && !t.includes("number") && !t.includes("integer")) return String(value);
  if (typeof value === "string" && /^-?\d+$/.test(value) && t.includes("integer") && !t.includes("string")) return Number(value);
  return value;
}

/** `value` shaped to `node` (a schema or a $ref to one). Never mutates `value`. */
export function shape(doc: unknown, node: unknown, value: unknown, mode: ShapeMode): unknown {
  const schema = resolve(doc, node);
  if (!schema) return value;
  const branch = pickBranch(doc, schema, value);
  if (branch) return shape(doc, branch, value, mode);
  if (value === undefined) return mode === "response" ? fillValue(doc, schema) : undefined;
  if (value === null) return mode === "response" && !allowsNull(doc, schema) ? fillValue(doc, schema) : null;
  const t = types(schema);
  if (Array.isArray(value)) {
    if (!t.includes("array") && t.length > 0) return mode === "response" ? fillValue(doc, schema) : value;
    const items = schema.items;
    // In responses, items that do not fit the item schema are left out (servers drop what they cannot keep).
    const kept = mode === "response" && items !== undefined ? value.filter((v) => fits(doc, items, v)) : value;
    return items === undefined ? structuredClone(kept) : kept.map((item) => shape(doc, items, item, mode));
  }
  if (isRecord(value)) {
    if (!t.includes("object") && t.length > 0) return mode === "response" ? fillValue(doc, schema) : value;
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const extra = schema.additionalProperties;
    const keepExtra = extra === true || isRecord(extra) || (Object.keys(properties).length === 0 && extra !== false);
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown) => {
      if (v !== undefined) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    };
    for (const [key, propSchema] of Object.entries(properties)) {
      if (Object.hasOwn(value, key)) put(key, shape(doc, propSchema, value[key], mode));
      else if (mode === "response" && required.includes(key)) put(key, fillValue(doc, propSchema));
      else if (mode === "request") {
        const resolved = resolve(doc, propSchema);
        if (resolved && resolved.default !== undefined) put(key, structuredClone(resolved.default));
      }
    }
    if (keepExtra) {
      for (const [key, v] of Object.entries(value)) {
        if (!Object.hasOwn(properties, key)) put(key, isRecord(extra) ? shape(doc, extra, v, mode) : structuredClone(v));
      }
    }
    return out;
  }
  return coerceScalar(schema, value);
}

/** The sub-schema at `tokens` (object properties, array items), or undefined. */
export function schemaAt(doc: unknown, node: unknown, tokens: readonly string[]): unknown {
  let current: unknown = node;
  for (const token of tokens) {
    const schema = resolve(doc, current);
    if (!schema) return undefined;
    const branch = pickBranch(doc, schema, {});
    const base = branch ?? schema;
    if (/^\d+$/.test(token) && base.items !== undefined) current = base.items;
    else if (isRecord(base.properties) && Object.hasOwn(base.properties, token)) current = base.properties[token];
    else if (isRecord(base.additionalProperties)) current = base.additionalProperties;
    else return undefined;
  }
  return current;
}
