/**
 * Plain words for one api-smart-diff entry: which operation it touches and what changed, e.g.
 * "`createModel` (POST /v1/models): request body field `contextWindow` is now required". Also tells the policy in
 * spec-diff.ts where the change sits (request or response, which schema keyword).
 */
import type { Diff } from "api-smart-diff";

type Doc = Record<string, unknown>;
type Path = readonly (string | number)[];

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
/** Schema keywords that only document (they change no type and no validation). */
const DOC_KEYWORDS = new Set(["description", "title", "summary", "example", "examples", "externalDocs", "$comment", "x-assumption", "x-known-issue"]);

export interface Described {
  /** "`createModel` (POST /v1/models)", or undefined for a change outside the operations. */
  operation?: string;
  text: string;
  /** Where in the operation: a request part, a response, or elsewhere. */
  place: "request" | "response" | "operation" | "document";
  /** The schema keyword or operation key the change is at ("type", "enum", "required", "operationId", ...), or "" for a whole node. */
  keyword: string;
  /** True when the change is to examples only. */
  examples: boolean;
}

export function describeChange(diff: Diff, before: Doc, after: Doc): Described {
  const path = diff.path as Path;
  // x-origin is the normalizer's provenance record (sources, overlay actions): one line per place it changed
  if (path.includes("x-origin")) {
    const opPath = path[0] === "paths" && typeof path[2] === "string" && METHODS.has(path[2]) ? path.slice(0, 3) : undefined;
    const op = opPath ? ((lookup(after, opPath) ?? lookup(before, opPath)) as Doc | undefined) : undefined;
    const where = opPath
      ? `${operationLabel(op, String(path[2]), String(path[1]))}: provenance`
      : `Provenance of ${code(path.slice(0, path.indexOf("x-origin")).map(String).join(".") || "the document")}`;
    return { ...(opPath ? { operation: where } : {}), text: `${where} (x-origin) updated`, place: "document", keyword: "x-origin", examples: false };
  }
  if (path[0] === "paths" && typeof path[1] === "string") {
    if (path.length === 2) {
      const item = (diff.action === "remove" ? diff.before : diff.after) as Doc | undefined;
      const methods = Object.keys(item ?? {}).filter((m) => METHODS.has(m));
      const ops = methods.map((m) => operationLabel(item?.[m] as Doc | undefined, m, path[1] as string)).join(", ");
      return { text: `${verb(diff.action, "path")} ${code(path[1])}${ops ? ` (${ops})` : ""}`, place: "operation", keyword: "", examples: false };
    }
    if (path[2] === "parameters") return describeOperationPart(diff, path.slice(2), before, after, `path ${code(path[1])} (all methods)`, path[1], undefined);
    if (typeof path[2] === "string" && METHODS.has(path[2])) {
      const method = path[2];
      const op = (lookup(after, path.slice(0, 3)) ?? lookup(before, path.slice(0, 3))) as Doc | undefined;
      const label = operationLabel(op, method, path[1]);
      if (path.length === 3) {
        const removed = diff.action === "remove";
        return {
          operation: label,
          text: `${removed ? "Removed" : diff.action === "add" ? "Added" : "Replaced"} ${label}`,
          place: "operation",
          keyword: "",
          examples: false,
        };
      }
      return describeOperationPart(diff, path.slice(3), before, after, label, path[1], method);
    }
  }
  return describeDocumentPart(diff, path);
}

function describeOperationPart(diff: Diff, rest: Path, before: Doc, after: Doc, label: string, route: string, method: string | undefined): Described {
  const base = { operation: label, examples: false } as const;
  const key = rest[0];
  const opPath: Path = method ? ["paths", route, method] : ["paths", route];
  if (key === "operationId" && rest.length === 1) {
    return {
      ...base,
      text: `${label}: operationId (the client method) renamed from ${code(diff.before)} to ${code(diff.after)}`,
      place: "operation",
      keyword: "operationId",
    };
  }
  if (key === "deprecated")
    return { ...base, text: `${label}: ${diff.after === true ? "deprecated" : "no longer deprecated"}`, place: "operation", keyword: "deprecated" };
  if (key === "parameters" && typeof rest[1] === "number") {
    const param = parameterAt(diff, rest[1], before, after, opPath);
    const name = param ? `${param.in} parameter ${code(param.name)}` : `parameter ${rest[1]}`;
    const inner = rest.slice(2);
    if (inner.length === 0) {
      const required = param?.required === true ? "required" : "optional";
      return {
        ...base,
        text: `${label}: ${name} ${diff.action === "add" ? `added (${required})` : diff.action === "remove" ? "removed" : "replaced"}`,
        place: "request",
        keyword: "",
      };
    }
    if (inner[0] === "required" && inner.length === 1) {
      return { ...base, text: `${label}: ${name} ${diff.after === true ? "is now required" : "is no longer required"}`, place: "request", keyword: "required" };
    }
    if (inner[0] === "schema") return { ...base, ...schemaChange(diff, inner.slice(1), `${label}: ${name}`), place: "request" };
    return { ...base, ...keywordChange(diff, inner, `${label}: ${name}`), place: "request" };
  }
  if (key === "requestBody") {
    const inner = rest.slice(1);
    if (inner.length === 0) return { ...base, text: `${label}: request body ${verbPast(diff.action)}`, place: "request", keyword: "" };
    if (inner[0] === "required" && inner.length === 1) {
      return {
        ...base,
        text: `${label}: request body ${diff.after === true ? "is now required" : "is no longer required"}`,
        place: "request",
        keyword: "required",
      };
    }
    if (inner[0] === "content" && typeof inner[1] === "string")
      return { ...base, ...contentChange(diff, inner.slice(2), `${label}: request body`, inner[1]), place: "request" };
    return { ...base, ...keywordChange(diff, inner, `${label}: request body`), place: "request" };
  }
  if (key === "responses" && rest[1] !== undefined) {
    const status = String(rest[1]);
    const inner = rest.slice(2);
    const where = `${label}: response ${status}`;
    if (inner.length === 0) return { ...base, text: `${where} ${verbPast(diff.action)}`, place: "response", keyword: "" };
    if (inner[0] === "content" && typeof inner[1] === "string") return { ...base, ...contentChange(diff, inner.slice(2), where, inner[1]), place: "response" };
    if (inner[0] === "headers" && inner[1] !== undefined) {
      const header = `${where} header ${code(inner[1])}`;
      const h = inner.slice(2);
      if (h.length === 0) return { ...base, text: `${header} ${verbPast(diff.action)}`, place: "response", keyword: "" };
      if (h[0] === "schema") return { ...base, ...schemaChange(diff, h.slice(1), header), place: "response" };
      return { ...base, ...keywordChange(diff, h, header), place: "response" };
    }
    return { ...base, ...keywordChange(diff, inner, where), place: "response" };
  }
  if (key === "security") return { ...base, text: `${label}: security requirements changed`, place: "operation", keyword: "security" };
  return { ...base, ...keywordChange(diff, rest, label), place: "operation" };
}

/** A change under `content.<media type>`: the media type itself, its schema or its examples. */
function contentChange(diff: Diff, rest: Path, where: string, mediaType: string): { text: string; keyword: string; examples: boolean } {
  if (rest.length === 0) return { text: `${where}: media type ${code(mediaType)} ${verbPast(diff.action)}`, keyword: "", examples: false };
  if (rest[0] === "schema") return schemaChange(diff, rest.slice(1), where);
  if (rest[0] === "example" || rest[0] === "examples") return { text: `${where}: examples changed`, keyword: String(rest[0]), examples: true };
  return keywordChange(diff, rest, where);
}

/** A change inside a schema: walks properties/items to a field name, then says what happened at the keyword. */
function schemaChange(diff: Diff, rest: Path, where: string): { text: string; keyword: string; examples: boolean } {
  const field: string[] = [];
  let i = 0;
  for (; i < rest.length; i++) {
    const s = rest[i];
    const next = rest[i + 1];
    if ((s === "properties" || s === "patternProperties") && next !== undefined && i + 1 < rest.length) {
      field.push(String(next));
      i++;
    } else if (s === "items") field.push("[]");
    else if (s === "additionalProperties") field.push("{}");
    else if ((s === "allOf" || s === "oneOf" || s === "anyOf" || s === "prefixItems") && typeof next === "number") i++;
    else break;
  }
  const tail = rest.slice(i);
  const name = fieldName(field);
  const subject = name ? `${where} field ${code(name)}` : `${where} body`;
  const keyword = String(tail[0] ?? "");
  if (tail.length === 0) {
    if (!name) return { text: `${subject} schema ${verbPast(diff.action)}`, keyword: "", examples: false };
    return { text: `${subject} ${verbPast(diff.action)}`, keyword: "", examples: false };
  }
  if (keyword === "required") {
    const names = tail.length > 1 ? [diff.action === "remove" ? diff.before : diff.after] : asList(diff.action === "remove" ? diff.before : diff.after);
    const required = names.map((n) => code(fieldName([...field, String(n)]))).join(", ");
    const now = diff.action === "remove" ? "is no longer required" : diff.action === "add" ? "is now required" : "changed required";
    return { text: `${where} field ${required} ${now}`, keyword: "required", examples: false };
  }
  if (keyword === "enum") {
    if (tail.length > 1) {
      const value = diff.action === "remove" ? diff.before : diff.after;
      const what = diff.action === "remove" ? "removed" : diff.action === "add" ? "added" : `replaced by ${code(diff.after)}`;
      return { text: `${subject}: enum value ${code(diff.action === "replace" ? diff.before : value)} ${what}`, keyword: "enum", examples: false };
    }
    return { text: `${subject}: enum ${verbPast(diff.action)}`, keyword: "enum", examples: false };
  }
  if (keyword === "type" || keyword === "format") {
    // a change inside a type list (type: [string, "null"]) carries that one element
    const what = tail.length > 1 ? `${keyword} list` : keyword;
    return { text: `${subject}: ${what} changed from ${shown(diff.before)} to ${shown(diff.after)}`, keyword, examples: false };
  }
  if (keyword === "example" || keyword === "examples") return { text: `${subject}: examples changed`, keyword, examples: true };
  if (DOC_KEYWORDS.has(keyword)) return { text: `${subject}: ${keyword} ${verbPast(diff.action)}`, keyword, examples: false };
  return keywordChange(diff, tail, subject);
}

/** Any other key: its name and the values before and after. */
function keywordChange(diff: Diff, rest: Path, subject: string): { text: string; keyword: string; examples: boolean } {
  const keyword = String(rest[0] ?? "");
  const examples = keyword === "example" || keyword === "examples";
  if (examples) return { text: `${subject}: examples changed`, keyword, examples };
  const key = rest.map(String).join(".");
  if (DOC_KEYWORDS.has(keyword)) return { text: `${subject}: ${key} ${verbPast(diff.action)}`, keyword, examples };
  const values = diff.action === "replace" ? ` from ${shown(diff.before)} to ${shown(diff.after)}` : diff.action === "add" ? ` (${shown(diff.after)})` : "";
  return { text: `${subject}: ${code(key)} ${verbPast(diff.action)}${values}`, keyword, examples };
}

function describeDocumentPart(diff: Diff, path: Path): Described {
  const key = path.map(String).join(".");
  const top = String(path[0] ?? "");
  const base = { place: "document", keyword: top, examples: false } as const;
  if (top === "info" && path[1] === "version" && path.length === 2) {
    return { ...base, text: `API version (info.version) changed from ${shown(diff.before)} to ${shown(diff.after)}` };
  }
  if (top === "servers") {
    const url = !path.includes("description");
    const values = diff.action === "replace" ? ` from ${shown(diff.before)} to ${shown(diff.after)}` : "";
    return {
      ...base,
      keyword: url ? "servers" : "description",
      text: `servers: ${code(key)} ${verbPast(diff.action)}${values}${url ? " (the client's default base URL)" : ""}`,
    };
  }
  if (top.startsWith("x-model-apis-")) return { ...base, text: `${code(key)} (the semantics the twin mock and the client read) ${verbPast(diff.action)}` };
  return { ...base, text: `${code(key)} ${verbPast(diff.action)}${diff.action === "replace" ? ` from ${shown(diff.before)} to ${shown(diff.after)}` : ""}` };
}

export function operationLabel(op: Doc | undefined, method: string, route: string): string {
  const id = typeof op?.operationId === "string" ? `${code(op.operationId)} ` : "";
  return `${id}(${method.toUpperCase()} ${route})`;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
}

/** The parameter a diff at parameters[index] is about: its value in the diff, or its place in either document. */
function parameterAt(diff: Diff, index: number, before: Doc, after: Doc, opPath: Path): Parameter | undefined {
  const own = diff.path.length === opPath.length + 2 ? (diff.action === "remove" ? diff.before : diff.after) : undefined;
  const candidates = [own, lookup(after, [...opPath, "parameters", index]), lookup(before, [...opPath, "parameters", index])];
  for (const candidate of candidates) {
    const param = resolveRef(candidate, diff.action === "remove" ? before : after) ?? resolveRef(candidate, before);
    if (param && typeof param.name === "string" && typeof param.in === "string") return param as unknown as Parameter;
  }
  return undefined;
}

function resolveRef(value: unknown, doc: Doc): Doc | undefined {
  if (!isObject(value)) return undefined;
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  if (!ref.startsWith("#/")) return undefined;
  const keys = ref
    .slice(2)
    .split("/")
    .map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  const target = lookup(doc, keys);
  return isObject(target) ? target : undefined;
}

function lookup(doc: unknown, path: Path): unknown {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function fieldName(parts: readonly string[]): string {
  return parts.reduce((name, part) => (part === "[]" || part === "{}" ? `${name}${part}` : name ? `${name}.${part}` : part), "");
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function verb(action: string, what: string): string {
  return `${action === "add" ? "Added" : action === "remove" ? "Removed" : action === "rename" ? "Renamed" : "Replaced"} ${what}`;
}

function verbPast(action: string): string {
  return action === "add" ? "added" : action === "remove" ? "removed" : action === "rename" ? "renamed" : "changed";
}

/** A value as inline code, cut to 60 characters; backticks inside become quotes so the Markdown stays intact. */
export function code(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  const flat = text.replace(/[\s\u2028\u2029]+/g, " ").replace(/`/g, "'");
  return `\`${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}\``;
}

function shown(value: unknown): string {
  return value === undefined ? "nothing" : code(value);
}

function isObject(value: unknown): value is Doc {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
