/**
 * The replay runner: requests that a vendor's own UI or client sends, written down as data (test/replay/data/*.json),
 * sent with plain fetch to a server, and checked against the status the real server answers and the response fields
 * the UI reads. Nothing in the data is evaluated: a string may hold `{{step.response.body.key}}` placeholders (also
 * `request`, `headers` and `vars.name`), resolved by walking keys, and nothing else.
 */
import { unescapeToken } from "@model-apis/spec-model";

/** JSON Pointer → the JSON type(s) the UI expects there, `|`-separated; a trailing `?` allows the key to be absent. */
export type Reads = Record<string, string>;

export interface ReplayRequest {
  method: string;
  /** Path and query; placeholders in it are URI-component encoded. */
  path: string;
  /** Added to (or, with null, removed from) the file's default headers. */
  headers?: Record<string, string | null>;
  body?: unknown;
}

export interface ReplayStep {
  /** Name later steps use in placeholders, unique in the file. */
  id: string;
  title: string;
  request: ReplayRequest;
  /** The status the real server answers. */
  status: number;
  /** Where the request comes from (the vendor's UI or client) and why the server answers `status`: file:line. */
  evidence: { client: string; server: string };
  /** Response fields the UI reads, checked when the answer has `status`. */
  reads?: Reads;
  /** Values that only a server that keeps state answers (e.g. the name just created): pointer → expected value. */
  state?: Record<string, unknown>;
  /**
   * `state`: the status depends on what the server stores (an id created before, deleted before, never created);
   * `server`: it depends on rules that only the real server applies (a defect, a lookup of another resource).
   * When the server under test cannot give the status for that reason, the step is skipped with `why`, never passed.
   */
  needs?: { kind: "state" | "server"; why: string };
  /** A documented difference of every mock of this spec (e.g. Prism's 422 for any invalid body): its status there. */
  mock?: { status: number; why: string };
}

export interface ReplayFile {
  vendor: string;
  /** What was replayed: the vendor's UI or client, at which commit. */
  client: string;
  vars: Record<string, unknown>;
  headers: Record<string, string>;
  /** A read of an id that no server holds: answered with `status` by a server that keeps state, 2xx by a static mock. */
  stateProbe: { request: ReplayRequest; status: number };
  sequences: { name: string; steps: ReplayStep[] }[];
}

export interface Exchange {
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

export type Context = { vars: Record<string, unknown> } & Record<string, Exchange | Record<string, unknown>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

function lookup(ctx: Context, expression: string): unknown {
  let value: unknown = ctx;
  for (const key of expression.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) {
      throw new Error(`placeholder {{${expression}}}: no "${key}" (did an earlier step fail?)`);
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Resolves placeholders in strings, arrays and objects; a string that is one placeholder takes the value as is. */
export function interpolate(value: unknown, ctx: Context, encode = false): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/.exec(value);
    if (whole && !encode) return lookup(ctx, whole[1]!);
    return value.replace(PLACEHOLDER, (_, expression: string) => {
      const resolved = String(lookup(ctx, expression));
      return encode ? encodeURIComponent(resolved) : resolved;
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, ctx, encode));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, ctx, encode)]));
  return value;
}

/** Sends one request with plain fetch; redirects are not followed (a 302 is an answer). */
export async function send(baseUrl: string, file: ReplayFile, request: ReplayRequest, ctx: Context): Promise<Exchange> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...file.headers, ...request.headers })) {
    if (value !== null) headers[name] = String(interpolate(value, ctx));
  }
  const path = String(interpolate(request.path, ctx, true));
  const body = request.body === undefined ? undefined : interpolate(request.body, ctx);
  const response = await fetch(baseUrl + path, {
    method: request.method,
    headers,
    redirect: "manual",
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  if (/json/.test(response.headers.get("content-type") ?? "") && text !== "") parsed = JSON.parse(text);
  return {
    request: { method: request.method, path, headers, ...(body === undefined ? {} : { body }) },
    response: { status: response.status, headers: Object.fromEntries(response.headers), body: parsed },
  };
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The values a pointer reaches; a `*` segment fans out over every element of an array (there must be one). */
function reach(body: unknown, pointer: string): { at: string; value: unknown; present: boolean }[] {
  let current = [{ at: "", value: body, present: true }];
  for (const raw of pointer.split("/").slice(1)) {
    const key = unescapeToken(raw);
    current = current.flatMap(({ at, value, present }) => {
      if (!present) return [{ at: `${at}/${key}`, value: undefined, present: false }];
      if (key === "*") {
        if (!Array.isArray(value) || value.length === 0) return [{ at: `${at}/*`, value: undefined, present: false }];
        return value.map((item, i) => ({ at: `${at}/${i}`, value: item as unknown, present: true }));
      }
      const holder = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
      const has = holder !== undefined && Object.hasOwn(holder, key);
      return [{ at: `${at}/${key}`, value: has ? holder[key] : undefined, present: has }];
    });
  }
  return current;
}

/** Problems with the fields the UI reads: each pointer must hold one of its types (or be absent, with `?`). */
export function checkReads(body: unknown, reads: Reads): string[] {
  const problems: string[] = [];
  for (const [pointer, spec] of Object.entries(reads)) {
    const optional = spec.endsWith("?");
    const types = spec.replace(/\?$/, "").split("|");
    for (const { at, value, present } of reach(body, pointer)) {
      if (!present) {
        if (!optional) problems.push(`${at || "/"} is missing (expected ${spec})`);
        continue;
      }
      const actual = typeOf(value);
      if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) problems.push(`${at || "/"} is ${actual}, expected ${spec}`);
    }
  }
  return problems;
}
