/** List answers: the operation's filters, then one page in the vendor's pagination style (or every record). */
import { deref, isRecord, PAGINATION_EXTENSION, parsePointer, setAt, type PaginationSemantics } from "@model-apis/spec-model";
import { fixedAnswer, success, type OpContext, type TwinResponse } from "./context.js";
import { representation } from "./records.js";
import { schemaAt, shape } from "./shape.js";
import type { RecordValue } from "./store.js";
import { validationBody } from "./validation-errors.js";

function queryValues(ctx: OpContext, name: string): string[] | undefined {
  const value = ctx.request.query[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

function selected(ctx: OpContext): RecordValue[] {
  const { where, filters } = ctx.role.operation;
  return ctx.collection.all().filter((record) => {
    for (const [field, rule] of Object.entries(where ?? {})) {
      const present = record[field] !== undefined && record[field] !== null;
      if (present !== (rule === "present")) return false;
    }
    for (const filter of filters ?? []) {
      const given = queryValues(ctx, filter.param);
      if (!given) continue;
      const values = filter.split ? given.flatMap((v) => v.split(filter.split!)).filter((v) => v !== "") : given;
      const fields = filter.fields
        .map((f) => record[f])
        .filter((v) => v !== undefined && v !== null)
        .map(String);
      const hit =
        filter.match === "exact" ? values.some((v) => fields.includes(v)) : values.some((v) => fields.some((f) => f.toLowerCase().includes(v.toLowerCase())));
      if (!hit) return false;
    }
    return true;
  });
}

/** The default of a query parameter of this operation. */
function parameterDefault(ctx: OpContext, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  for (const raw of [...(Array.isArray(ctx.entry.op.parameters) ? ctx.entry.op.parameters : [])]) {
    const parameter = deref<Record<string, unknown>>(ctx.doc, raw);
    if (!isRecord(parameter) || parameter.name !== name || parameter.in !== "query") continue;
    const schema = deref<Record<string, unknown>>(ctx.doc, parameter.schema);
    return typeof schema?.default === "number" ? schema.default : undefined;
  }
  return undefined;
}

function intQuery(ctx: OpContext, name: string | undefined): number | undefined {
  const text = name === undefined ? undefined : queryValues(ctx, name)?.[0];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString("base64url");
function decodeCursor(text: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as { offset?: unknown };
    return Number.isSafeInteger(value.offset) && (value.offset as number) >= 0 ? (value.offset as number) : undefined;
  } catch {
    return undefined;
  }
}

function pageLink(ctx: OpContext, p: PaginationSemantics, page: number, size: number | undefined): string {
  const url = new URL(ctx.request.url.href);
  url.searchParams.set(p.pageParam!, String(page));
  if (p.limitParam && size !== undefined) url.searchParams.set(p.limitParam, String(size));
  return url.href;
}

export function listAnswer(ctx: OpContext): TwinResponse {
  const { status, contentType, schema } = success(ctx);
  const records = selected(ctx);
  const empty = ctx.role.semantics.errors?.emptyList;
  if (records.length === 0 && empty) return fixedAnswer(empty, undefined);
  const reps = (list: RecordValue[]) => list.map((r) => representation(ctx.role.semantics, r));
  const p = ctx.entry.op[PAGINATION_EXTENSION] as PaginationSemantics | undefined;
  let body: unknown;
  if (!p) body = reps(records);
  else if (p.style === "cursor") {
    const limit = intQuery(ctx, p.limitParam) ?? parameterDefault(ctx, p.limitParam) ?? p.pageSize ?? 20;
    const cursor = p.cursorParam ? queryValues(ctx, p.cursorParam)?.[0] : undefined;
    const offset = cursor === undefined || cursor === "" ? 0 : decodeCursor(cursor);
    if (offset === undefined) return invalidCursor(ctx, p.cursorParam!);
    const page = records.slice(offset, offset + limit);
    const more = offset + limit < records.length;
    body = put(p.items, reps(page));
    if (p.hasMore) setAt(body as Record<string, unknown>, p.hasMore, more);
    if (p.nextCursor) setAt(body as Record<string, unknown>, p.nextCursor, more ? encodeCursor(offset + limit) : null);
  } else {
    const first = p.firstPage ?? 1;
    const page = Math.max(first, intQuery(ctx, p.pageParam) ?? first);
    const size = intQuery(ctx, p.limitParam) ?? parameterDefault(ctx, p.limitParam) ?? p.pageSize ?? records.length;
    const start = (page - first) * size;
    body = put(p.items, reps(size === 0 ? [] : records.slice(start, start + size)));
    if (p.total) setAt(body as Record<string, unknown>, p.total, records.length);
    if (p.next) {
      const last = Math.max(first, first + Math.ceil(records.length / Math.max(size, 1)) - 1);
      const tokens = parsePointer(p.next);
      const linksAt = tokens.slice(0, -1);
      const linksSchema = deref<Record<string, unknown>>(ctx.doc, schemaAt(ctx.doc, schema, linksAt));
      const names = isRecord(linksSchema?.properties) ? Object.keys(linksSchema.properties) : [];
      const links: Record<string, string | null> = {
        self: ctx.request.url.href,
        first: pageLink(ctx, p, first, size),
        prev: page > first ? pageLink(ctx, p, Math.min(page - 1, last), size) : null,
        next: page < last ? pageLink(ctx, p, page + 1, size) : null,
        last: pageLink(ctx, p, last, size),
      };
      const next = tokens[tokens.length - 1]!;
      for (const name of new Set([...names, next])) if (Object.hasOwn(links, name)) setAt(body as Record<string, unknown>, [...linksAt, name], links[name]);
    }
  }
  return { status, ...(contentType ? { contentType } : {}), body: schema === undefined ? body : shape(ctx.doc, schema, body, "response") };
}

function put(pointer: string, items: unknown[]): unknown {
  if (pointer === "") return items;
  const body: Record<string, unknown> = {};
  setAt(body, pointer, items);
  return body;
}

function invalidCursor(ctx: OpContext, param: string): TwinResponse {
  const validation = ctx.role.semantics.errors?.validation ?? { status: 400, style: "problem" as const };
  const violation = { location: ["query", param], code: "format", message: "is not a cursor this server issued" };
  return {
    status: validation.status,
    contentType: "application/json",
    body: validationBody(validation.style, validation.status, [violation], { query: ctx.request.query }),
  };
}
