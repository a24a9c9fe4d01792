/** One handler per role: each reads and changes the collection, and answers in the vendor's shapes. */
import { getAt, isRecord, parsePointer, type Role } from "@model-apis/spec-model";
import { fixedAnswer, notFound, requestId, requestSchema, success, type OpContext, type TwinResponse } from "./context.js";
import { listAnswer } from "./list.js";
import { applyDrop, applyFill, applyWrap, rawFields, recordSchemaRef, representation, requestFields, singleBody, touch } from "./records.js";
import { allowsNull, schemaAt, shape } from "./shape.js";
import type { RecordValue } from "./store.js";

function single(ctx: OpContext, record: RecordValue): TwinResponse {
  const { status, contentType } = success(ctx);
  return { status, ...(contentType ? { contentType } : {}), body: singleBody(ctx, record) };
}

/** The success answer of an operation that returns no record: no content, `true`, or what the schema wants. */
function done(ctx: OpContext, record?: RecordValue): TwinResponse {
  const { status, contentType, schema } = success(ctx);
  if (contentType === undefined) return { status };
  if (record) return single(ctx, record);
  return { status, contentType, body: schema === undefined ? true : shape(ctx.doc, schema, true, "response") };
}

function invalidClientId(ctx: OpContext, id: unknown): TwinResponse | undefined {
  const rule = ctx.role.semantics.id;
  if (rule.source !== "client") return undefined;
  const text = typeof id === "string" ? id : "";
  const tooLong = rule.maxLength !== undefined && text.length > rule.maxLength;
  if (text !== "" && !tooLong) return undefined;
  return fixedAnswer(rule.invalid ?? { status: 400, body: { detail: "invalid id" } }, id);
}

/** Links the related records a request names; an answer when a required one is missing. */
function relate(ctx: OpContext, record: RecordValue, fields: RecordValue, creating: boolean): TwinResponse | undefined {
  for (const [field, relation] of Object.entries(ctx.role.semantics.related ?? {})) {
    const value = fields[field];
    if (value === undefined || value === null) continue;
    const target = ctx.collectionOf(relation.collection)?.get(value);
    if (!target) {
      const answer = creating ? relation.missing : relation.missingOnUpdate;
      if (answer) return fixedAnswer(answer, value);
      continue;
    }
    for (const copied of relation.copy ?? []) if (record[copied] === undefined || record[copied] === null) record[copied] = structuredClone(target[copied]);
    if (relation.as) record[relation.as] = structuredClone(target);
  }
  return undefined;
}

function newRecord(ctx: OpContext, fields: RecordValue, id: unknown): { record: RecordValue } | { answer: TwinResponse } {
  const record: RecordValue = { ...fields, [ctx.role.semantics.id.property]: id };
  const answer = relate(ctx, record, fields, true);
  if (answer) return { answer };
  applyWrap(ctx.role.semantics, record);
  applyFill(ctx, ctx.role.semantics, record);
  applyDrop(ctx, ctx.role.semantics, record);
  return { record };
}

function create(ctx: OpContext): TwinResponse {
  const fields = requestFields(ctx);
  const semantics = ctx.role.semantics;
  let id: unknown;
  if (semantics.id.source === "client") {
    id = requestId(ctx) ?? fields[semantics.id.property];
    const invalid = invalidClientId(ctx, id);
    if (invalid) return invalid;
    if (ctx.collection.has(id)) return fixedAnswer(semantics.errors?.duplicate ?? { status: 409, body: { detail: "already exists" } }, id);
  } else id = ctx.collection.newId();
  const made = newRecord(ctx, fields, id);
  if ("answer" in made) return made.answer;
  ctx.collection.put(made.record);
  return single(ctx, made.record);
}

function found(ctx: OpContext, handle: (record: RecordValue, id: unknown) => TwinResponse): TwinResponse {
  const id = requestId(ctx);
  const record = id === undefined ? undefined : ctx.collection.get(id);
  return record ? handle(record, id) : notFound(ctx, id);
}

function update(ctx: OpContext): TwinResponse {
  return found(ctx, (stored) => {
    const semantics = ctx.role.semantics;
    const only = ctx.role.operation.fields;
    const sent = requestFields(ctx);
    const raw = rawFields(ctx);
    const fields = only ? Object.fromEntries(Object.entries(sent).filter(([k]) => only.includes(k))) : sent;
    const schema = recordSchemaRef(semantics);
    const keepsNull = (key: string) => allowsNull(ctx.doc, schemaAt(ctx.doc, schema, [key]));
    let next: RecordValue;
    if (ctx.role.operation.mode === "replace") {
      next = { ...fields, [semantics.id.property]: stored[semantics.id.property] };
      const serverOwned = [
        ...Object.keys(semantics.fill ?? {}).map((k) => k.split("/")[0]!),
        ...Object.values(semantics.related ?? {}).flatMap((r) => (r.as ? [r.as] : [])),
      ];
      for (const key of serverOwned) if (!Object.hasOwn(raw, key) && stored[key] !== undefined) next[key] = stored[key];
      for (const key of ctx.role.operation.keepWhenAbsent ?? []) {
        if (!Object.hasOwn(raw, key) || (raw[key] === null && !keepsNull(key))) next[key] = stored[key];
      }
    } else {
      next = { ...stored };
      for (const [key, value] of Object.entries(fields)) {
        if (key === semantics.id.property) continue;
        if (value === null && !keepsNull(key)) continue;
        next[key] = value;
      }
    }
    const refused = relate(ctx, next, fields, false);
    if (refused) return refused;
    applyWrap(semantics, next);
    applyFill(ctx, semantics, next);
    applyDrop(ctx, semantics, next);
    touch(ctx, semantics, next);
    ctx.collection.put(next);
    return single(ctx, next);
  });
}

function remove(ctx: OpContext): TwinResponse {
  return found(ctx, (_record, id) => {
    ctx.collection.delete(id);
    ctx.links.delete(`${ctx.collection.name}:${String(id)}`);
    return done(ctx);
  });
}

function toggle(ctx: OpContext): TwinResponse {
  return found(ctx, (stored) => {
    const field = ctx.role.operation.field!;
    const next = { ...stored, [field]: !stored[field] };
    touch(ctx, ctx.role.semantics, next);
    ctx.collection.put(next);
    return single(ctx, next);
  });
}

function link(ctx: OpContext): TwinResponse {
  return found(ctx, (_record, id) => {
    const key = `${ctx.collection.name}:${String(id)}`;
    const links = ctx.links.get(key) ?? new Set<string>();
    const value = JSON.stringify(ctx.request.body ?? null);
    if (links.has(value)) return fixedAnswer(ctx.role.semantics.errors?.duplicate ?? { status: 409 }, id);
    links.add(value);
    ctx.links.set(key, links);
    return done(ctx);
  });
}

/** The records array of an import or sync body, each shaped to the request schema's item. */
function bodyItems(ctx: OpContext): RecordValue[] {
  const tokens = parsePointer(ctx.role.operation.items!);
  const items = getAt(ctx.request.body, tokens);
  const schema = schemaAt(ctx.doc, requestSchema(ctx), [...tokens, "0"]);
  if (!Array.isArray(items)) return [];
  return items.map((item) => (schema === undefined ? item : shape(ctx.doc, schema, item, "request"))).filter(isRecord);
}

function upsert(ctx: OpContext, item: RecordValue): RecordValue | undefined {
  const idProperty = ctx.role.semantics.id.property;
  const id = item[idProperty];
  if (invalidClientId(ctx, id)) return undefined;
  const stored = ctx.collection.get(id);
  const made = stored ? { record: { ...stored, ...item } } : newRecord(ctx, item, id);
  if ("answer" in made) return undefined;
  const next = made.record;
  if (stored) touch(ctx, ctx.role.semantics, next);
  applyFill(ctx, ctx.role.semantics, next);
  ctx.collection.put(next);
  return next;
}

function importRecords(ctx: OpContext): TwinResponse {
  for (const item of bodyItems(ctx)) upsert(ctx, item);
  return done(ctx);
}

function sync(ctx: OpContext): TwinResponse {
  const kept = bodyItems(ctx)
    .map((item) => upsert(ctx, item))
    .filter((r): r is RecordValue => r !== undefined);
  const keep = new Set(kept.map((r) => String(r[ctx.role.semantics.id.property])));
  for (const record of ctx.collection.all()) {
    const id = record[ctx.role.semantics.id.property];
    if (!keep.has(String(id))) ctx.collection.delete(id);
  }
  const { status, contentType, schema } = success(ctx);
  const body = kept.map((r) => representation(ctx.role.semantics, r));
  return { status, ...(contentType ? { contentType } : {}), body: schema === undefined ? body : shape(ctx.doc, schema, body, "response") };
}

function clear(ctx: OpContext): TwinResponse {
  ctx.collection.clear();
  return done(ctx);
}

export const ROLE_HANDLERS: Record<Role, (ctx: OpContext) => TwinResponse> = {
  create,
  read: (ctx) => found(ctx, (record) => single(ctx, record)),
  list: listAnswer,
  update,
  delete: remove,
  toggle,
  clear,
  import: importRecords,
  sync,
  link,
};
