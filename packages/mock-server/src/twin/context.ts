/** What one twin-handled request carries through the role handlers, and the helpers they share. */
import { deref, getAt, isRecord, parseIdLocation, parsePointer, type ErrorAnswer, type OperationEntry, type OperationRole } from "@model-apis/spec-model";
import type { Collection } from "./store.js";

export interface TwinRequest {
  /** Path parameters, decoded. */
  pathParams: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The absolute URL the client asked for (for links in list pages). */
  url: URL;
}

export interface TwinResponse {
  status: number;
  /** Absent for responses without content. */
  body?: unknown;
  contentType?: string;
}

export interface OpContext {
  doc: Record<string, unknown>;
  entry: OperationEntry;
  role: OperationRole;
  collection: Collection;
  /** Another resource's collection (for relations). */
  collectionOf(resource: string): Collection | undefined;
  request: TwinRequest;
  /** Links made by `link` operations: record key → link keys. */
  links: Map<string, Set<string>>;
}

/** `{id}` in every string of an answer's body becomes the id the request named. */
export function fixedAnswer(answer: ErrorAnswer, id: unknown): TwinResponse {
  const text = id === undefined ? "" : String(id);
  const fill = (value: unknown): unknown => {
    if (typeof value === "string") return value.split("{id}").join(text);
    if (Array.isArray(value)) return value.map(fill);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return answer.body === undefined ? { status: answer.status } : { status: answer.status, body: fill(answer.body), contentType: "application/json" };
}

/** The operation's documented success: its first 2xx status, media type and schema. */
export function success(ctx: Pick<OpContext, "doc" | "entry">): { status: number; contentType?: string; schema?: unknown } {
  const responses = isRecord(ctx.entry.op.responses) ? ctx.entry.op.responses : {};
  const key = Object.keys(responses).find((k) => /^2\d\d$/.test(k)) ?? "200";
  const response = deref<Record<string, unknown>>(ctx.doc, responses[key]);
  const content = isRecord(response?.content) ? response.content : {};
  const contentType = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content)[0];
  const media = contentType === undefined ? undefined : content[contentType];
  return { status: Number(key), ...(contentType ? { contentType } : {}), ...(isRecord(media) && media.schema !== undefined ? { schema: media.schema } : {}) };
}

/** The JSON request body schema of the operation. */
export function requestSchema(ctx: Pick<OpContext, "doc" | "entry">): unknown {
  const body = deref<Record<string, unknown>>(ctx.doc, ctx.entry.op.requestBody);
  const content = isRecord(body?.content) ? body.content : {};
  const type = Object.keys(content).find((t) => /json/i.test(t));
  const media = type === undefined ? undefined : content[type];
  return isRecord(media) ? media.schema : undefined;
}

/** The id the request names at the operation's id location. */
export function requestId(ctx: OpContext): unknown {
  const location = ctx.role.operation.id === undefined ? undefined : parseIdLocation(ctx.role.operation.id);
  if (!location) return undefined;
  if (location.in === "path") return ctx.request.pathParams[location.name];
  if (location.in === "query") {
    const value = ctx.request.query[location.name];
    return Array.isArray(value) ? value[0] : value;
  }
  return getAt(ctx.request.body, parsePointer(location.name));
}

/** The not-found answer of this operation (its own, else the resource's, else the spec's 404 shape). */
export function notFound(ctx: OpContext, id: unknown): TwinResponse {
  const answer = ctx.role.operation.notFound ?? ctx.role.semantics.errors?.notFound ?? { status: 404, body: { detail: "Not Found" } };
  return fixedAnswer(answer, id);
}
