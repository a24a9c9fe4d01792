/** Records ↔ bodies: request fields in, the vendor's representation (envelope) out, server-filled fields. */
import { randomUUID } from "node:crypto";
import { getAt, isRecord, parsePointer, setAt, type ResourceSemantics } from "@model-apis/spec-model";
import { requestSchema, success, type OpContext } from "./context.js";
import { conforms, now, schemaAt, shape } from "./shape.js";
import type { RecordValue } from "./store.js";

export function recordSchemaRef(semantics: ResourceSemantics): { $ref: string } {
  return { $ref: `#/components/schemas/${semantics.schema}` };
}

/** The record fields a create or update body carries, shaped to the request schema (unknown keys dropped). */
export function requestFields(ctx: OpContext, body: unknown = ctx.request.body): RecordValue {
  const at = ctx.role.semantics.envelope?.request;
  const tokens = at === undefined ? [] : parsePointer(at);
  const raw = tokens.length ? getAt(body, tokens) : body;
  const schema = schemaAt(ctx.doc, requestSchema(ctx), tokens);
  const shaped = schema === undefined ? raw : shape(ctx.doc, schema, raw, "request");
  return isRecord(shaped) ? shaped : {};
}

/** The raw (unshaped) fields of the body, to tell an absent key from a defaulted one. */
export function rawFields(ctx: OpContext): Record<string, unknown> {
  const at = ctx.role.semantics.envelope?.request;
  const raw = at === undefined ? ctx.request.body : getAt(ctx.request.body, parsePointer(at));
  return isRecord(raw) ? raw : {};
}

/** One record as the vendor shows it: `{id, attributes}` under an envelope, else the record itself. */
export function representation(semantics: ResourceSemantics, record: RecordValue): unknown {
  const envelope = semantics.envelope;
  if (!envelope?.id && !envelope?.attributes) return record;
  const { [semantics.id.property]: id, ...rest } = record;
  const out: Record<string, unknown> = {};
  if (envelope.id) setAt(out, envelope.id, id);
  if (envelope.attributes) setAt(out, envelope.attributes, rest);
  else Object.assign(out, rest);
  return out;
}

/** The record behind a representation (for seeds from examples). */
export function fromRepresentation(semantics: ResourceSemantics, value: unknown): RecordValue | undefined {
  const envelope = semantics.envelope;
  if (!isRecord(value)) return undefined;
  if (!envelope?.id && !envelope?.attributes) return structuredClone(value);
  const rawId = envelope.id ? getAt(value, envelope.id) : value[semantics.id.property];
  const attributes = envelope.attributes ? getAt(value, envelope.attributes) : value;
  if (!isRecord(attributes)) return undefined;
  const id = semantics.id.format === "integer" && typeof rawId === "string" && /^\d+$/.test(rawId) ? Number(rawId) : rawId;
  return { ...structuredClone(attributes), [semantics.id.property]: id };
}

/** The body of a single-record answer, shaped to the operation's success schema. */
export function singleBody(ctx: OpContext, record: RecordValue): unknown {
  const { schema } = success(ctx);
  const single = ctx.role.semantics.envelope?.single;
  const rep = representation(ctx.role.semantics, record);
  const body = single
    ? (() => {
        const out = {};
        setAt(out, single, rep);
        return out;
      })()
    : rep;
  return schema === undefined ? body : shape(ctx.doc, schema, body, "response");
}

/** Every value at a slash path with `*` for each array item; `visit` gets the parent and key. */
function visitPath(node: unknown, tokens: readonly string[], visit: (parent: Record<string, unknown>, key: string) => void): void {
  if (tokens.length === 0 || node === null || typeof node !== "object") return;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (head === "*") {
    if (!Array.isArray(node)) return;
    if (rest.length === 0) node.forEach((_, i) => visit(node as unknown as Record<string, unknown>, String(i)));
    else for (const item of node) visitPath(item, rest, visit);
    return;
  }
  if (Array.isArray(node)) return;
  if (rest.length === 0) visit(node as Record<string, unknown>, head);
  else visitPath((node as Record<string, unknown>)[head], rest, visit);
}

/** Sets the fields the server fills on create wherever the record has no value (undefined or null) yet. */
export function applyFill(ctx: Pick<OpContext, "doc">, semantics: ResourceSemantics, record: RecordValue): void {
  const schema = recordSchemaRef(semantics);
  for (const [path, fill] of Object.entries(semantics.fill ?? {})) {
    const tokens = path.split("/");
    const fieldSchema = schemaAt(
      ctx.doc,
      schema,
      tokens.map((t) => (t === "*" ? "0" : t)),
    );
    visitPath(record, tokens, (parent, key) => {
      if (parent[key] !== undefined && parent[key] !== null) return;
      const value =
        fill === "now"
          ? now(ctx.doc, fieldSchema)
          : fill === "uuid"
            ? randomUUID()
            : fill === "id"
              ? record[semantics.id.property]
              : structuredClone(fill.value);
      Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
    });
  }
}

/** Drops the items of `drop` arrays that do not fit the record schema's item (the server drops them silently). */
export function applyDrop(ctx: Pick<OpContext, "doc">, semantics: ResourceSemantics, record: RecordValue): void {
  const schema = recordSchemaRef(semantics);
  for (const path of semantics.drop ?? []) {
    const tokens = path.split("/");
    const itemSchema = schemaAt(ctx.doc, schema, [...tokens.map((t) => (t === "*" ? "0" : t)), "0"]);
    visitPath(record, tokens, (parent, key) => {
      if (Array.isArray(parent[key])) parent[key] = (parent[key] as unknown[]).filter((item) => conforms(ctx.doc, itemSchema, item));
    });
  }
}

/** Stores strings sent where the vendor keeps objects (`wrap`) as `{property: string}`. */
export function applyWrap(semantics: ResourceSemantics, record: RecordValue): void {
  for (const [path, property] of Object.entries(semantics.wrap ?? {})) {
    visitPath(record, path.split("/"), (parent, key) => {
      if (typeof parent[key] === "string") parent[key] = { [property]: parent[key] };
    });
  }
}

/** Sets the `touch` fields to now. */
export function touch(ctx: Pick<OpContext, "doc">, semantics: ResourceSemantics, record: RecordValue): void {
  const schema = recordSchemaRef(semantics);
  for (const field of semantics.touch ?? []) record[field] = now(ctx.doc, schemaAt(ctx.doc, schema, [field]));
}
