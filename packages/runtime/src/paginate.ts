/**
 * Auto-pagination for list operations, driven by the table's `pagination` descriptor (the spec's
 * `x-model-apis-pagination`). The descriptor is spec data: it is validated here before first use, its pointers
 * only ever read own properties of the parsed body, and a `next` link is never followed (it could name any
 * host); the client asks for the next page number instead.
 */
import { tryParsePointer } from "@model-apis/spec-model/pointer";
import type { CallOptions, OperationInputShape, PaginationDescriptor } from "./types.js";

/** A descriptor checked and with its pointers split into segments. */
export interface PageRules {
  cursor: boolean;
  items: Pointer;
  /** `cursorParam` or `pageParam`. */
  param: string;
  nextCursor: Pointer | undefined;
  hasMore: Pointer | undefined;
  next: Pointer | undefined;
  total: Pointer | undefined;
  firstPage: number;
  pageSize: number | undefined;
}

interface Pointer {
  text: string;
  segments: string[];
}

/** One page request with the client's usual retries and timeout. */
export interface PageSource {
  name: string;
  fetch(input: OperationInputShape, call: CallOptions | undefined): Promise<{ data: unknown; response: Response }>;
  /** The PaginationError for a request (this module does not import the errors, which stay in the main chunk). */
  fail(input: OperationInputShape, page: number, reason: string): Error;
}

export interface PageOf {
  data: unknown;
  items: unknown[];
  response: Response;
}

/** Checks a descriptor; throws a TypeError naming the operation and the field that is wrong. */
export function pageRules(name: string, descriptor: PaginationDescriptor): PageRules {
  const bad = (field: string, why: string) => new TypeError(`${name}: pagination.${field} ${why}`);
  const d = descriptor as unknown as Record<string, unknown>;
  const pointer = (field: string, required: boolean): Pointer | undefined => {
    const value = d[field];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string") throw bad(field, "must be a JSON pointer string");
    const segments = parsePointer(value);
    if (!segments) throw bad(field, `is not a JSON pointer: ${JSON.stringify(value.slice(0, 100))}`);
    return { text: value, segments };
  };
  const param = (field: string, required: boolean): string | undefined => {
    const value = d[field];
    if (value === undefined && !required) return undefined;
    if (typeof value !== "string") throw bad(field, "must be a query parameter name");
    return value;
  };
  const integer = (field: string, min: number): number | undefined => {
    const value = d[field];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) throw bad(field, `must be an integer ≥ ${min}`);
    return value;
  };
  if (d.style !== "cursor" && d.style !== "page") throw bad("style", 'must be "cursor" or "page"');
  const cursor = d.style === "cursor";
  param("limitParam", false);
  return {
    cursor,
    items: pointer("items", true)!,
    param: param(cursor ? "cursorParam" : "pageParam", true)!,
    nextCursor: cursor ? pointer("nextCursor", true) : undefined,
    hasMore: cursor ? pointer("hasMore", false) : undefined,
    next: cursor ? undefined : pointer("next", false),
    total: cursor ? undefined : pointer("total", false),
    firstPage: (cursor ? undefined : integer("firstPage", 0)) ?? 1,
    pageSize: integer("pageSize", 1),
  };
}

/**
 * Every page from the one `input` asks for. Ends on an empty page, a page shorter than `pageSize`, and per style:
 * cursor: `hasMore` false, or no next cursor; page: the `next` link missing or null, or `total` items seen.
 */
export async function* paginate(
  source: PageSource,
  rules: PageRules,
  input: OperationInputShape | undefined | void,
  call: CallOptions | undefined,
): AsyncGenerator<PageOf, void, undefined> {
  const base: OperationInputShape = input ?? {};
  const query: Record<string, unknown> = { ...base.query };
  const cursors = new Set<string>();
  let number = 1;
  let seen = 0;
  let previous: string | undefined;
  const start = query[rules.param];
  if (rules.cursor) {
    if (start !== undefined && start !== null && start !== "") cursors.add(String(start));
  } else {
    number = start === undefined ? rules.firstPage : Number(start);
    if (!Number.isSafeInteger(number)) throw new TypeError(`${source.name}: query.${rules.param} must be an integer page number`);
    setOwn(query, rules.param, number);
  }
  for (let page = 1; ; page++) {
    const request: OperationInputShape = { ...base, query: { ...query } };
    const fail = (reason: string) => source.fail(request, page, reason);
    const { data, response } = await source.fetch(request, call);
    const items = read(data, rules.items);
    if (!Array.isArray(items)) throw fail(`the body has no items array at ${JSON.stringify(rules.items.text)}`);
    yield { data, items, response };
    if (items.length === 0 || (rules.pageSize !== undefined && items.length < rules.pageSize)) return;
    if (rules.cursor) {
      if (rules.hasMore && read(data, rules.hasMore) === false) return;
      const next = read(data, rules.nextCursor!);
      if (next === undefined || next === null || next === "") return;
      if (typeof next !== "string" && typeof next !== "number") throw fail(`the next cursor at ${JSON.stringify(rules.nextCursor!.text)} is not a string`);
      const key = String(next);
      if (cursors.has(key)) throw fail(`the server handed out the cursor ${JSON.stringify(key.slice(0, 100))} again (a cursor loop)`);
      cursors.add(key);
      setOwn(query, rules.param, next);
    } else {
      seen += items.length;
      const total = rules.total && read(data, rules.total);
      if (typeof total === "number" && seen >= total) return;
      const link = rules.next && read(data, rules.next);
      if (rules.next && (link === undefined || link === null || link === "" || link === false)) return;
      const text = JSON.stringify(items);
      if (text === previous) throw fail(`page ${number} has the same items as page ${number - 1} (the server ignores "${rules.param}")`);
      previous = text;
      setOwn(query, rules.param, ++number);
    }
  }
}

/** Every item of every page; an abort of `signal` ends it at the next item. */
export async function* paginateItems(
  pages: AsyncGenerator<PageOf, void, undefined>,
  signal: AbortSignal | undefined,
): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages) {
    for (const item of page.items) {
      if (signal?.aborted) throw signal.reason;
      yield item;
    }
  }
}

/** An own property even for a parameter named `__proto__` (assignment would set the prototype instead). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** RFC 6901: `""` or `/`-separated segments with `~1` for `/` and `~0` for `~`; undefined when malformed. */
export const parsePointer = tryParsePointer;

/** The value at a pointer, following own properties and array indices only; undefined when absent. */
export function read(value: unknown, pointer: Pointer): unknown {
  let current = value;
  for (const segment of pointer.segments) {
    if (Array.isArray(current)) current = /^(?:0|[1-9]\d*)$/.test(segment) ? current[Number(segment)] : undefined;
    else if (current !== null && typeof current === "object" && Object.hasOwn(current, segment)) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
