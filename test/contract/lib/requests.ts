import { exampleParams, type Operation } from "./operations.ts";
import { deref, type Spec } from "./vendors.ts";

export interface Input {
  path?: Spec;
  query?: Spec;
  header?: Spec;
  body?: unknown;
}

/** The operation's canonical call: parameter examples and the first request-body example. */
export function exampleInput(spec: Spec, op: Operation): Input {
  const input: Input = { ...exampleParams(spec, op) };
  if (op.requestMedia && op.requestMedia.example !== undefined) input.body = structuredClone(op.requestMedia.example);
  return input;
}

/** What an operation needs before it can be called with its examples; a missing piece names itself. */
export function missingExamples(spec: Spec, op: Operation): string[] {
  const missing: string[] = [];
  const params = exampleParams(spec, op);
  for (const p of op.parameters) {
    if ((p.required || p.in === "path") && (params as Record<string, Spec | undefined>)[p.in]?.[p.name] === undefined)
      missing.push(`${p.in} parameter ${p.name}`);
  }
  if (op.requestBody?.required && op.requestMedia?.example === undefined) missing.push("request body example");
  return missing;
}

/**
 * Where a mutation put the fault, as a validator reports it: `location` (`["body", ...keys]` or `["path", name]`), and
 * for a removed property its name (a missing property is reported at its parent).
 */
export interface FaultPlace {
  location: string[];
  missing?: string;
}

/** Mutation 1: the body (default: the example) without its first required property. */
export function withoutRequired(spec: Spec, op: Operation, from: unknown = op.requestMedia?.example): { body: unknown; removed: string } | undefined {
  if (!op.requestMedia || !isRecord(from)) return undefined;
  const schema = deref(spec, op.requestMedia.schema);
  const required: string[] = schema?.required ?? [];
  const key = required.find((k) => k in from);
  if (!key) return undefined;
  const body = structuredClone(from) as Spec;
  delete body[key];
  return { body, removed: `/${key}` };
}

/** Whether the request body is a form (multipart or urlencoded): every field travels as text. */
export const isFormBody = (op: Operation): boolean => /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(op.requestMedia?.type ?? "");

/**
 * Mutation 2: the body (default: the example) with one typed property replaced by a value of the wrong type. In a
 * form every field is text, so a number where a string belongs is still a valid string there: only a number or
 * boolean property (given text that is neither) can carry a wrong type.
 */
export function withWrongType(spec: Spec, op: Operation, from: unknown = op.requestMedia?.example): { body: unknown; changed: string } | undefined {
  if (!op.requestMedia || !isRecord(from)) return undefined;
  const found = findTyped(spec, deref(spec, op.requestMedia.schema), from, "", 0, isFormBody(op));
  if (!found) return undefined;
  const body = structuredClone(from) as Spec;
  const keys = found.pointer.split("/").slice(1);
  const parent = keys.slice(0, -1).reduce((acc: Spec, k) => acc[k], body);
  parent[keys.at(-1)!] = found.wrong;
  return { body, changed: found.pointer };
}

/** Mutation 3: a path parameter whose schema is typed (integer, number, uuid, pattern, enum) given a bad value. */
export function withBadPathParam(spec: Spec, op: Operation, input: Input): { input: Input; param: string } | undefined {
  for (const p of op.parameters.filter((x) => x.in === "path")) {
    const schema = deref(spec, p.schema) ?? {};
    const types = ([] as unknown[]).concat(schema.type ?? []);
    const typed = types.includes("integer") || types.includes("number") || schema.format === "uuid" || schema.pattern || schema.enum;
    if (!typed) continue;
    return { input: { ...input, path: { ...input.path, [p.name]: "not-a-valid-value" } }, param: p.name };
  }
  return undefined;
}

function findTyped(
  spec: Spec,
  schema: Spec | undefined,
  value: unknown,
  pointer: string,
  depth = 0,
  textual = false,
): { pointer: string; wrong: unknown } | undefined {
  if (!schema || depth > 4 || !isRecord(value)) return undefined;
  const props: Spec = schema.properties ?? {};
  for (const [key, raw] of Object.entries(props)) {
    if (!(key in value)) continue;
    const s = deref(spec, raw);
    const types = ([] as unknown[]).concat(s?.type ?? []);
    if (textual) {
      if (types.includes("string") || types.includes("null")) continue;
      if (types.includes("integer") || types.includes("number")) return { pointer: `${pointer}/${key}`, wrong: "not-a-number" };
      if (types.includes("boolean")) return { pointer: `${pointer}/${key}`, wrong: "not-a-boolean" };
      continue;
    }
    if (types.length === 0 || types.includes("null")) {
      const nested = findTyped(spec, s, value[key], `${pointer}/${key}`, depth + 1);
      if (nested) return nested;
      continue;
    }
    if (types.includes("string")) return { pointer: `${pointer}/${key}`, wrong: 12345 };
    if (types.includes("integer") || types.includes("number")) return { pointer: `${pointer}/${key}`, wrong: "not-a-number" };
    if (types.includes("boolean")) return { pointer: `${pointer}/${key}`, wrong: "not-a-boolean" };
    if (types.includes("array")) return { pointer: `${pointer}/${key}`, wrong: "not-an-array" };
    if (types.includes("object")) {
      const nested = findTyped(spec, s, value[key], `${pointer}/${key}`, depth + 1);
      if (nested) return nested;
      return { pointer: `${pointer}/${key}`, wrong: "not-an-object" };
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Spec {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
