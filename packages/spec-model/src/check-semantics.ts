/**
 * Checks resource and pagination semantics against the document they describe. Every problem names the place
 * inside the semantics value (a JSON pointer relative to it) and says what is wrong, in one line.
 */
import { parsePointer, toPointer } from "./pointer.js";
import { deref, isRecord } from "./refs.js";
import { listOperations, type OperationEntry } from "./operations.js";
import { parseIdLocation, ROLES, VALIDATION_STYLES } from "./semantics.js";

export interface SemanticsProblem {
  /** Tokens of the place inside the checked value. */
  at: (string | number)[];
  message: string;
}

type Check = (at: (string | number)[], message: string) => void;

function parameterNames(doc: unknown, entry: OperationEntry, where: "path" | "query"): Set<string> {
  const names = new Set<string>();
  const item = isRecord(doc) && isRecord(doc.paths) ? doc.paths[entry.path] : undefined;
  const lists = [isRecord(item) ? item.parameters : undefined, entry.op.parameters];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = deref<Record<string, unknown>>(doc, raw);
      if (isRecord(parameter) && parameter.in === where && typeof parameter.name === "string") names.add(parameter.name);
    }
  }
  return names;
}

function isPointer(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    parsePointer(value);
    return true;
  } catch {
    return false;
  }
}

function checkAnswer(value: unknown, at: (string | number)[], fail: Check): void {
  if (!isRecord(value)) return fail(at, "must be a mapping with status (and body)");
  if (!Number.isInteger(value.status) || (value.status as number) < 100 || (value.status as number) > 599)
    fail([...at, "status"], "must be an HTTP status from 100 to 599");
}

function checkStrings(value: unknown, at: (string | number)[], fail: Check): void {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) fail(at, "must be a list of field names");
}

/** Problems of `resources` (the value of x-model-apis-resources) in `doc`. */
export function checkResources(resources: unknown, doc: unknown): SemanticsProblem[] {
  const problems: SemanticsProblem[] = [];
  const fail: Check = (at, message) => void problems.push({ at, message });
  if (!isRecord(resources)) return [{ at: [], message: "must be a mapping of resource name to its semantics" }];
  const byId = new Map(listOperations(doc).map((entry) => [entry.op.operationId as string, entry]));
  const schemas = isRecord(doc) && isRecord(doc.components) && isRecord(doc.components.schemas) ? doc.components.schemas : {};
  const claimed = new Map<string, string>();
  for (const [name, raw] of Object.entries(resources)) {
    const at = [name];
    if (!isRecord(raw)) {
      fail(at, "must be a mapping");
      continue;
    }
    if (typeof raw.schema !== "string" || !Object.hasOwn(schemas, raw.schema))
      fail([...at, "schema"], `must name a schema under components/schemas (got ${JSON.stringify(raw.schema)})`);
    const id = raw.id;
    if (!isRecord(id)) fail([...at, "id"], "must be a mapping with property and source");
    else {
      if (typeof id.property !== "string" || id.property === "") fail([...at, "id", "property"], "must be a field name");
      if (id.source !== "server" && id.source !== "client") fail([...at, "id", "source"], 'must be "server" or "client"');
      if (id.format !== undefined && !["uuid", "integer", "string"].includes(id.format as string))
        fail([...at, "id", "format"], 'must be "uuid", "integer" or "string"');
      if (id.maxLength !== undefined && (!Number.isInteger(id.maxLength) || (id.maxLength as number) < 1))
        fail([...at, "id", "maxLength"], "must be a positive integer");
      if (id.invalid !== undefined) checkAnswer(id.invalid, [...at, "id", "invalid"], fail);
    }
    if (raw.envelope !== undefined) {
      if (!isRecord(raw.envelope)) fail([...at, "envelope"], "must be a mapping");
      else
        for (const [key, value] of Object.entries(raw.envelope)) {
          if (!["request", "single", "id", "attributes"].includes(key)) fail([...at, "envelope", key], `unknown key "${key}"`);
          else if (!isPointer(value)) fail([...at, "envelope", key], "must be a JSON pointer");
        }
    }
    if (raw.seed !== undefined) {
      const seed = raw.seed;
      if (!isRecord(seed) || typeof seed.operation !== "string" || !byId.has(seed.operation))
        fail([...at, "seed", "operation"], "must name an operationId of the document");
      else if (!isPointer(seed.pointer)) fail([...at, "seed", "pointer"], "must be a JSON pointer");
    }
    if (raw.touch !== undefined) checkStrings(raw.touch, [...at, "touch"], fail);
    if (raw.drop !== undefined) checkStrings(raw.drop, [...at, "drop"], fail);
    if (raw.wrap !== undefined && (!isRecord(raw.wrap) || Object.values(raw.wrap).some((v) => typeof v !== "string" || v === "")))
      fail([...at, "wrap"], "must map slash paths to a property name");
    if (raw.fill !== undefined) {
      if (!isRecord(raw.fill)) fail([...at, "fill"], "must be a mapping of field to now, uuid, id or {value}");
      else
        for (const [field, fill] of Object.entries(raw.fill)) {
          if (!(fill === "now" || fill === "uuid" || fill === "id" || (isRecord(fill) && Object.hasOwn(fill, "value"))))
            fail([...at, "fill", field], "must be now, uuid, id or {value: …}");
        }
    }
    if (raw.related !== undefined) {
      if (!isRecord(raw.related)) fail([...at, "related"], "must be a mapping");
      else
        for (const [field, relation] of Object.entries(raw.related)) {
          if (!isRecord(relation) || typeof relation.collection !== "string" || !Object.hasOwn(resources, relation.collection)) {
            fail([...at, "related", field, "collection"], "must name another resource of this document");
            continue;
          }
          if (relation.copy !== undefined) checkStrings(relation.copy, [...at, "related", field, "copy"], fail);
          if (relation.missing !== undefined) checkAnswer(relation.missing, [...at, "related", field, "missing"], fail);
          if (relation.missingOnUpdate !== undefined) checkAnswer(relation.missingOnUpdate, [...at, "related", field, "missingOnUpdate"], fail);
        }
    }
    if (raw.errors !== undefined) {
      if (!isRecord(raw.errors)) fail([...at, "errors"], "must be a mapping");
      else
        for (const [key, value] of Object.entries(raw.errors)) {
          if (!["notFound", "duplicate", "validation", "malformed", "emptyList", "refusals"].includes(key))
            fail([...at, "errors", key], `unknown key "${key}"`);
          else if (key === "refusals") {
            if (!Array.isArray(value)) fail([...at, "errors", key], "must be a list of {location, code, status, body}");
            else
              value.forEach((r, i) => {
                if (!isRecord(r) || typeof r.location !== "string" || typeof r.code !== "string")
                  fail([...at, "errors", key, i], "must have a location (e.g. body.model) and a code (a JSON Schema keyword)");
                else checkAnswer(r, [...at, "errors", key, i], fail);
              });
          } else checkAnswer(value, [...at, "errors", key], fail);
          if (key === "validation" && isRecord(value) && !(VALIDATION_STYLES as readonly unknown[]).includes(value.style))
            fail([...at, "errors", key, "style"], `must be one of ${VALIDATION_STYLES.join(", ")}`);
        }
    }
    if (raw.operations === undefined && raw.seed !== undefined) continue;
    if (!isRecord(raw.operations) || Object.keys(raw.operations).length === 0) {
      fail([...at, "operations"], "must map at least one operationId to its role (or the resource needs a seed)");
      continue;
    }
    for (const [operationId, operation] of Object.entries(raw.operations)) {
      const opAt = [...at, "operations", operationId];
      const entry = byId.get(operationId);
      if (!entry) {
        fail(opAt, `no operation "${operationId}" in the document`);
        continue;
      }
      const owner = claimed.get(operationId);
      if (owner) fail(opAt, `operation "${operationId}" is already a role of resource "${owner}"`);
      claimed.set(operationId, name);
      if (!isRecord(operation) || !(ROLES as readonly unknown[]).includes(operation.role)) {
        fail([...opAt, "role"], `must be one of ${ROLES.join(", ")}`);
        continue;
      }
      if (operation.id !== undefined) {
        const location = typeof operation.id === "string" ? parseIdLocation(operation.id) : undefined;
        if (!location) fail([...opAt, "id"], 'must be "path:<name>", "query:<name>" or "body:<JSON pointer>"');
        else if (location.in === "body" ? !isPointer(location.name) : !parameterNames(doc, entry, location.in).has(location.name)) {
          fail(
            [...opAt, "id"],
            location.in === "body"
              ? "the body location must be a JSON pointer"
              : `${entry.method.toUpperCase()} ${entry.path} has no ${location.in} parameter "${location.name}"`,
          );
        }
      } else if (["read", "update", "delete", "toggle", "link"].includes(operation.role as string)) {
        fail([...opAt, "id"], `a ${operation.role as string} operation must say where the id is`);
      }
      if (operation.mode !== undefined && operation.mode !== "merge" && operation.mode !== "replace") fail([...opAt, "mode"], 'must be "merge" or "replace"');
      for (const key of ["keepWhenAbsent", "fields"] as const) if (operation[key] !== undefined) checkStrings(operation[key], [...opAt, key], fail);
      if (operation.role === "toggle" && typeof operation.field !== "string") fail([...opAt, "field"], "a toggle must name the boolean field it flips");
      if ((operation.role === "import" || operation.role === "sync") && !isPointer(operation.items))
        fail([...opAt, "items"], "must be the JSON pointer of the records array in the body");
      if (operation.notFound !== undefined) checkAnswer(operation.notFound, [...opAt, "notFound"], fail);
      if (operation.filters !== undefined) {
        const query = parameterNames(doc, entry, "query");
        if (!Array.isArray(operation.filters)) fail([...opAt, "filters"], "must be a list");
        else
          operation.filters.forEach((filter, i) => {
            if (!isRecord(filter) || typeof filter.param !== "string" || !query.has(filter.param))
              fail([...opAt, "filters", i, "param"], `must name a query parameter of ${entry.method.toUpperCase()} ${entry.path}`);
            else if (filter.match !== "exact" && filter.match !== "contains") fail([...opAt, "filters", i, "match"], 'must be "exact" or "contains"');
            else if (filter.split !== undefined && (typeof filter.split !== "string" || filter.split === ""))
              fail([...opAt, "filters", i, "split"], "must be a separator string");
            else checkStrings(filter.fields, [...opAt, "filters", i, "fields"], fail);
          });
      }
      if (operation.where !== undefined) {
        if (!isRecord(operation.where) || Object.values(operation.where).some((v) => v !== "present" && v !== "absent"))
          fail([...opAt, "where"], "must map fields to present or absent");
      }
    }
  }
  return problems;
}

/** Problems of one operation's x-model-apis-pagination value. */
export function checkPagination(value: unknown, doc: unknown, entry: OperationEntry): SemanticsProblem[] {
  const problems: SemanticsProblem[] = [];
  const fail: Check = (at, message) => void problems.push({ at, message });
  if (!isRecord(value)) return [{ at: [], message: "must be a mapping" }];
  const query = parameterNames(doc, entry, "query");
  const known = ["style", "items", "cursorParam", "nextCursor", "hasMore", "pageParam", "firstPage", "next", "total", "limitParam", "pageSize"];
  for (const key of Object.keys(value)) if (!known.includes(key)) fail([key], `unknown key "${key}"`);
  if (value.style !== "cursor" && value.style !== "page") fail(["style"], 'must be "cursor" or "page"');
  if (!isPointer(value.items)) fail(["items"], 'must be the JSON pointer of the items array ("" for a bare array)');
  for (const key of ["nextCursor", "hasMore", "next", "total"]) if (value[key] !== undefined && !isPointer(value[key])) fail([key], "must be a JSON pointer");
  for (const key of ["cursorParam", "pageParam", "limitParam"]) {
    if (value[key] !== undefined && (typeof value[key] !== "string" || !query.has(value[key] as string)))
      fail([key], `must name a query parameter of ${entry.method.toUpperCase()} ${entry.path}`);
  }
  for (const key of ["firstPage", "pageSize"])
    if (value[key] !== undefined && (!Number.isInteger(value[key]) || (value[key] as number) < 0)) fail([key], "must be a non-negative integer");
  if (value.style === "cursor" && (value.cursorParam === undefined || value.nextCursor === undefined))
    fail([], "a cursor pagination needs cursorParam and nextCursor");
  if (value.style === "page" && value.pageParam === undefined) fail([], "a page pagination needs pageParam");
  if (value.style === "page" && value.next === undefined && value.total === undefined && value.pageSize === undefined && value.limitParam === undefined) {
    fail([], "a page pagination needs next, total, pageSize or limitParam to know where it ends");
  }
  return problems;
}

/** A problem as `<pointer>: <message>` relative to a base pointer. */
export function describeProblem(base: (string | number)[], problem: SemanticsProblem): { pointer: string; message: string } {
  return { pointer: `#${toPointer([...base, ...problem.at])}`, message: problem.message };
}
