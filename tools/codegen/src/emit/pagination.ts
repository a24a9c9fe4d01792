import { deref, tryParsePointer } from "../spec-model.ts";
import { pointer as jsonPointer } from "../errors.ts";
import { isObject, type OpenApiDoc, type OperationRef } from "../openapi.ts";
import { tsKey, tsString } from "./escape.ts";

/** The operation extension that declares how a list operation pages (the runtime's PaginationDescriptor). */
export const PAGINATION_KEY = "x-model-apis-pagination";

/** A checked `x-model-apis-pagination`: only known keys, of the right type, naming the operation's own query parameters. */
export interface PaginationModel {
  style: "cursor" | "page";
  /** Keys in emission order with their values. */
  fields: [string, string | number][];
  /** The items pointer, also a type argument of the client method. */
  items: string;
}

type Kind = "pointer" | "param" | "integer";
const KEYS: Record<"cursor" | "page", Record<string, { kind: Kind; required?: boolean; min?: number }>> = {
  cursor: {
    items: { kind: "pointer", required: true },
    cursorParam: { kind: "param", required: true },
    nextCursor: { kind: "pointer", required: true },
    hasMore: { kind: "pointer" },
    limitParam: { kind: "param" },
    pageSize: { kind: "integer", min: 1 },
  },
  page: {
    items: { kind: "pointer", required: true },
    pageParam: { kind: "param", required: true },
    firstPage: { kind: "integer", min: 0 },
    next: { kind: "pointer" },
    total: { kind: "pointer" },
    limitParam: { kind: "param" },
    pageSize: { kind: "integer", min: 1 },
  },
};

/**
 * Reads and checks an operation's pagination extension; undefined when it has none. Spec data is untrusted: a
 * wrong key, type, parameter or pointer is refused with its JSON pointer, and every pointer must lead somewhere
 * in the operation's 2xx JSON response schema (`items` to an array).
 */
export function paginationModel(doc: OpenApiDoc, ref: OperationRef, queryParams: string[]): PaginationModel | undefined {
  const ext: unknown = ref.op[PAGINATION_KEY];
  if (ext === undefined) return undefined;
  const at = (...keys: string[]) => ["paths", ref.path, ref.method, PAGINATION_KEY, ...keys];
  if (!isObject(ext)) throw refused(at(), "must be an object");
  if (ext.style !== "cursor" && ext.style !== "page") throw refused(at("style"), 'must be "cursor" or "page"');
  const style = ext.style;
  const rules = KEYS[style];
  const body = successSchema(doc, ref.op);
  if (body === undefined) throw refused(at(), "the operation has no 2xx JSON response schema for the pointers to point into");
  const fields: [string, string | number][] = [["style", style]];
  for (const key of Object.keys(ext)) {
    if (key !== "style" && !Object.hasOwn(rules, key)) throw refused(at(key), `is not a ${style}-style pagination key (${Object.keys(rules).join(", ")})`);
  }
  for (const [key, rule] of Object.entries(rules)) {
    const value = Object.hasOwn(ext, key) ? ext[key] : undefined;
    if (value === undefined) {
      if (rule.required) throw refused(at(key), "is required");
      continue;
    }
    if (rule.kind === "integer") {
      if (typeof value !== "number" || !Number.isSafeInteger(value) || value < (rule.min ?? 0)) throw refused(at(key), `must be an integer ≥ ${rule.min ?? 0}`);
    } else if (typeof value !== "string") {
      throw refused(at(key), `must be a string`);
    } else if (rule.kind === "param") {
      if (!queryParams.includes(value)) throw refused(at(key), `names no query parameter of the operation: ${JSON.stringify(value)}`);
    } else {
      const segments = parsePointer(value);
      if (!segments) throw refused(at(key), `is not a JSON pointer: ${JSON.stringify(value)}`);
      const target = schemaAt(doc, body, segments);
      if (target === undefined) throw refused(at(key), `points at nothing in the 2xx response schema: ${JSON.stringify(value)}`);
      if (key === "items" && !isArraySchema(doc, target))
        throw refused(at(key), `does not point at an array in the 2xx response schema: ${JSON.stringify(value)}`);
    }
    fields.push([key, value as string | number]);
  }
  return { style, fields, items: ext.items as string };
}

/** `pagination: { style: "cursor", items: "/items", ... }` for the operation table; every string escaped. */
export function paginationLiteral(model: PaginationModel): string {
  return `{ ${model.fields.map(([key, value]) => `${tsKey(key)}: ${typeof value === "number" ? String(value) : tsString(value)}`).join(", ")} }`;
}

function refused(keys: string[], why: string): Error {
  const at = jsonPointer(keys);
  return Object.assign(new Error(`${PAGINATION_KEY} at ${at} ${why}`), { pointer: at });
}

/** RFC 6901 segments, or undefined when malformed (the spec model's parser, which the runtime uses too). */
export const parsePointer = tryParsePointer;

/** The JSON schema of the first 2xx response with JSON content. */
function successSchema(doc: OpenApiDoc, op: Record<string, unknown>): unknown {
  const responses = isObject(op.responses) ? op.responses : {};
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2/.test(status)) continue;
    const content = resolve(doc, response);
    const media = isObject(content) && isObject(content.content) ? content.content : undefined;
    if (!media) continue;
    const type = Object.keys(media).find((m) => /[/+]json(?:$|[;\s])/i.test(m));
    const schema = type === undefined ? undefined : (media[type] as Record<string, unknown> | undefined)?.schema;
    if (schema !== undefined) return schema;
  }
  return undefined;
}

/** The subschema a pointer leads to through properties, array items and allOf/anyOf/oneOf branches. */
function schemaAt(doc: OpenApiDoc, schema: unknown, segments: string[], depth = 0): unknown {
  const node = resolve(doc, schema);
  if (!isObject(node) || depth > 64) return undefined;
  if (segments.length === 0) return node;
  for (const branch of ["allOf", "anyOf", "oneOf"]) {
    const list = node[branch];
    if (!Array.isArray(list)) continue;
    for (const sub of list) {
      const found = schemaAt(doc, sub, segments, depth + 1);
      if (found !== undefined) return found;
    }
  }
  const [head, ...rest] = segments as [string, ...string[]];
  if (isObject(node.properties) && Object.hasOwn(node.properties, head)) return schemaAt(doc, node.properties[head], rest, depth + 1);
  if (/^(?:0|[1-9]\d*)$/.test(head) && node.items !== undefined && isArraySchema(doc, node)) return schemaAt(doc, node.items, rest, depth + 1);
  return undefined;
}

function isArraySchema(doc: OpenApiDoc, schema: unknown, depth = 0): boolean {
  const node = resolve(doc, schema);
  if (!isObject(node) || depth > 64) return false;
  if (node.type === "array" || (Array.isArray(node.type) && node.type.includes("array"))) return true;
  return ["allOf", "anyOf", "oneOf"].some((b) => Array.isArray(node[b]) && (node[b] as unknown[]).some((s) => isArraySchema(doc, s, depth + 1)));
}

function resolve(doc: OpenApiDoc, node: unknown): unknown {
  return deref(doc, node);
}
