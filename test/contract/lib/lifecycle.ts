/**
 * Lifecycles derived from a spec's resource semantics (x-model-apis-resources), with no per-vendor code:
 * create two records → get each → the list holds both (walking the vendor's pagination) → update one → get
 * reflects it → delete it → get is the vendor's not-found → the list lacks it → a duplicate or invalid create
 * gets the vendor's error. Every id and value comes from the responses, never from the spec's examples.
 */
import {
  getAt,
  parseIdLocation,
  parsePointer,
  PAGINATION_EXTENSION,
  readResources,
  setAt,
  type ErrorAnswer,
  type PaginationSemantics,
  type ResourceOperation,
  type ResourceSemantics,
} from "@model-apis/spec-model";
import { operationsOf, type Operation } from "./operations.ts";
import { exampleInput, type Input } from "./requests.ts";
import { deref, type Spec } from "./vendors.ts";

export interface LifecyclePlan {
  resource: string;
  semantics: ResourceSemantics;
  create: Operation;
  read: Operation;
  list: Operation;
  update?: Operation;
  remove?: Operation;
  /** The request field whose value the lifecycle sets and changes (a plain string of the create body). */
  label: string;
}

function byRole(spec: Spec, semantics: ResourceSemantics, accept: (role: ResourceOperation) => boolean): Operation[] {
  const ops = operationsOf(spec);
  return Object.entries(semantics.operations ?? {})
    .filter(([, role]) => accept(role))
    .map(([id]) => ops.find((op) => op.id === id))
    .filter((op): op is Operation => op !== undefined);
}

/** The body schema of the record's fields in create requests (inside the request envelope). */
function fieldsSchema(spec: Spec, semantics: ResourceSemantics, op: Operation): Spec | undefined {
  let schema = deref(spec, op.requestMedia?.schema);
  for (const token of semantics.envelope?.request ? parsePointer(semantics.envelope.request) : []) schema = deref(spec, schema?.properties?.[token]);
  return schema;
}

/** A string field without format, pattern or enum, preferring display names: what the lifecycle writes. */
function labelField(spec: Spec, semantics: ResourceSemantics, op: Operation): string | undefined {
  const properties: Spec = fieldsSchema(spec, semantics, op)?.properties ?? {};
  const plain = Object.keys(properties).filter((key) => {
    const s = deref(spec, properties[key]);
    const types = ([] as unknown[]).concat(s?.type ?? []);
    return key !== semantics.id.property && types.includes("string") && !s.format && !s.pattern && !s.enum && !Object.hasOwn(semantics.related ?? {}, key);
  });
  return plain.find((k) => /display_?name/i.test(k)) ?? plain.find((k) => /name/i.test(k)) ?? plain[0];
}

/** One plan per resource that can be created, read, listed and deleted. */
export function lifecyclePlans(spec: Spec): LifecyclePlan[] {
  const plans: LifecyclePlan[] = [];
  for (const [resource, semantics] of Object.entries(readResources(spec))) {
    const [create] = byRole(spec, semantics, (r) => r.role === "create");
    const [read] = byRole(spec, semantics, (r) => r.role === "read");
    const lists = byRole(spec, semantics, (r) => r.role === "list");
    const list = lists.find((op) => op.op[PAGINATION_EXTENSION]) ?? lists.find((op) => !semantics.operations?.[op.id]?.where);
    if (!create || !read || !list) continue;
    const label = labelField(spec, semantics, create);
    if (!label) continue;
    const [update] = byRole(spec, semantics, (r) => r.role === "update" && !r.fields);
    const [remove] = byRole(spec, semantics, (r) => r.role === "delete");
    plans.push({ resource, semantics, create, read, list, label, ...(update ? { update } : {}), ...(remove ? { remove } : {}) });
  }
  return plans;
}

/** The record inside a single-record body, with its id beside its fields. */
export function recordOf(semantics: ResourceSemantics, body: unknown, single = true): Spec | undefined {
  const envelope = semantics.envelope ?? {};
  const rep = single && envelope.single ? getAt(body, envelope.single) : body;
  if (typeof rep !== "object" || rep === null) return undefined;
  if (!envelope.id && !envelope.attributes) return rep as Spec;
  const attributes = envelope.attributes ? getAt(rep, envelope.attributes) : rep;
  return { ...(attributes as Spec), [semantics.id.property]: envelope.id ? getAt(rep, envelope.id) : (rep as Spec)[semantics.id.property] };
}

/** The input of `op` with the record's id where the operation reads it. */
export function withId(spec: Spec, semantics: ResourceSemantics, op: Operation, id: unknown, base: Input = exampleInput(spec, op)): Input {
  const input: Input = structuredClone(base);
  const location = semantics.operations?.[op.id]?.id;
  const where = location ? parseIdLocation(location) : undefined;
  if (!where) return input;
  if (where.in === "path") input.path = { ...input.path, [where.name]: id };
  else if (where.in === "query") input.query = { ...input.query, [where.name]: id };
  else {
    input.body = typeof input.body === "object" && input.body !== null ? input.body : {};
    setAt(input.body as Spec, where.name, id);
  }
  return input;
}

/** A create input whose label is `label` (and whose client-given id is `clientId`). */
export function createInput(spec: Spec, plan: LifecyclePlan, label: string, clientId: string): Input {
  const input = exampleInput(spec, plan.create);
  const at = plan.semantics.envelope?.request ?? "";
  input.body = structuredClone(input.body ?? {});
  setAt(input.body as Spec, [...parsePointer(at), plan.label], label);
  return plan.semantics.id.source === "client" ? withId(spec, plan.semantics, plan.create, clientId, input) : input;
}

/** The top-level scalar fields a create sent (the record must echo them). */
export function sentScalars(plan: LifecyclePlan, input: Input): Spec {
  const at = plan.semantics.envelope?.request;
  const fields = (at ? getAt(input.body, at) : input.body) as Spec;
  const related = new Set(Object.keys(plan.semantics.related ?? {}));
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([k, v]) => !related.has(k) && v !== null && typeof v !== "object"));
}

/** An update input that changes the label to `label` (merge: the label alone; replace: the whole create body). */
export function updateInput(spec: Spec, plan: LifecyclePlan, id: unknown, created: Input, label: string): Input {
  const op = plan.update!;
  const base = exampleInput(spec, op);
  const at = [...(plan.semantics.envelope?.request ? parsePointer(plan.semantics.envelope.request) : []), plan.label];
  if (plan.semantics.operations?.[op.id]?.mode === "replace") base.body = structuredClone(created.body);
  else base.body = {};
  setAt(base.body as Spec, at, label);
  return withId(spec, plan.semantics, op, id, base);
}

/** The documented not-found answer of an operation of the plan. */
export function notFoundAnswer(plan: LifecyclePlan, op: Operation): ErrorAnswer | undefined {
  return plan.semantics.operations?.[op.id]?.notFound ?? plan.semantics.errors?.notFound;
}

/** `{id}` in the answer's strings replaced, as the server fills them. */
export function expectedBody(answer: ErrorAnswer, id: unknown): unknown {
  const fill = (v: unknown): unknown =>
    typeof v === "string"
      ? v.split("{id}").join(String(id))
      : Array.isArray(v)
        ? v.map(fill)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]))
          : v;
  return fill(answer.body);
}

export type Call = (operationId: string, input: Input) => Promise<unknown>;

/** Every record id a list shows, walking all its pages; `pageSize` asks for that page size where the list takes one. */
export async function listIds(call: Call, spec: Spec, plan: LifecyclePlan, pageSize?: number): Promise<{ ids: string[]; pages: number }> {
  const op = plan.list;
  const p = op.op[PAGINATION_EXTENSION] as PaginationSemantics | undefined;
  const input = exampleInput(spec, op);
  input.query = { ...input.query };
  if (p?.limitParam && pageSize !== undefined) input.query[p.limitParam] = pageSize;
  const ids: string[] = [];
  const idOf = (item: unknown) => String(recordOf(plan.semantics, item, false)?.[plan.semantics.id.property]);
  const seen = new Set<string>();
  let page = p?.firstPage ?? 1;
  for (let pages = 1; pages <= 1000; pages++) {
    if (p?.style === "page" && p.pageParam) input.query[p.pageParam] = page;
    const body = await call(op.id, input);
    const items = (p ? getAt(body, p.items) : body) as unknown[];
    if (!Array.isArray(items)) throw new Error(`${op.id}: the page has no items array at ${p?.items ?? "the root"}`);
    ids.push(...items.map(idOf));
    if (!p || items.length === 0) return { ids, pages };
    if (p.style === "cursor") {
      const next = getAt(body, p.nextCursor!);
      if ((p.hasMore && getAt(body, p.hasMore) === false) || next === null || next === undefined || next === "") return { ids, pages };
      if (seen.has(String(next))) throw new Error(`${op.id}: the cursor ${String(next)} came back twice`);
      seen.add(String(next));
      input.query[p.cursorParam!] = next;
    } else {
      const total = p.total ? getAt(body, p.total) : undefined;
      if (p.next && (getAt(body, p.next) === null || getAt(body, p.next) === undefined)) return { ids, pages };
      if (typeof total === "number" && ids.length >= total) return { ids, pages };
      if (p.pageSize !== undefined && items.length < p.pageSize) return { ids, pages };
      page++;
    }
  }
  throw new Error(`${op.id}: more than 1000 pages`);
}
