/**
 * `createClient`: one method per operation on top of an openapi-fetch client (`raw`). Each method call:
 * builds openapi-fetch options once, then per attempt arms a timeout, sends, reads the body, and either returns
 * the parsed 2xx body, retries (connection error / timeout / 408 / 429 / 5xx, idempotent calls only), or throws.
 * Every method also has `withResponse` (the same call, resolving to `{ data, response }`) and `isError`; list
 * operations with a `pagination` descriptor have `pages` and `all`.
 */
import createFetchClient, { createFinalURL, createQuerySerializer, defaultPathSerializer, type Client, type HeadersOptions } from "openapi-fetch";
import { staticHeaders, tokenMiddleware } from "./auth.js";
import type { ModelApisClient, OperationTable } from "./client-types.js";
import { isOperationError, recordOrigin } from "./error-guard.js";
import { ConnectionError, createApiError, ResponseValidationError } from "./errors.js";
import { loggingMiddleware, logRetry } from "./logger.js";
import { pageRules, paginate, paginateItems, type PageRules, type PageSource } from "./paginate.js";
import { sanitizeUrl } from "./redact.js";
import { InvalidJson, parseBody } from "./response.js";
import { DEFAULT_RETRIES, isIdempotentMethod, isRetryableStatus, resolveRetryPolicy, retryDelay, sleep, type RetryPolicy } from "./retry.js";
import { Attempt, type FetchLike } from "./timeout.js";
import type { CallOptions, ClientOptions, Logger, OperationDescriptor, OperationInputShape, VendorConfig } from "./types.js";
import { createResponseValidator, type ResponseValidator } from "./validate.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Settings shared by every method of one client. */
interface Runtime {
  raw: Client<any>;
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  retries: number;
  policy: RetryPolicy;
  logger: Logger | undefined;
  validate: ResponseValidator | undefined;
}

/** An operation descriptor with what each call needs precomputed. */
interface Operation {
  name: string;
  /** The table entry itself: errors remember it, so that `isError` knows where they came from. */
  descriptor: OperationDescriptor;
  /** Upper-case, as sent. */
  method: string;
  /** Lower-case, as openapi-fetch and the spec key it. */
  key: OperationDescriptor["method"];
  path: string;
  idempotent: boolean;
  idempotencyHeader: string | undefined;
}

/** openapi-fetch request options, built once per call and reused by its attempts. It reads 2xx bodies as text. */
interface FetchInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  headers?: HeadersOptions;
  parseAs: "text";
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Builds a client object: one method per entry of `operations` (`method(input?, callOptions?)`) plus `raw`, the
 * underlying openapi-fetch client. `raw` shares auth, static/vendor headers and logging, but has no timeout, no
 * retries, and keeps openapi-fetch's `{ data, error, response }` results instead of throwing. The client's type
 * is derived from the table's (`Paths` is openapi-typescript's `paths`; `Supplied` names header parameters that
 * client options send).
 */
export function createClient<Paths extends {}, Table extends OperationTable<Paths>, Supplied extends PropertyKey = never>(
  operations: Table,
  options: ClientOptions,
  vendor: VendorConfig,
): ModelApisClient<Paths, Table, Supplied> {
  if (options.validateResponses && !vendor.spec) throw new TypeError("validateResponses needs the vendor's spec loader (VendorConfig.spec)");
  const baseUrl = options.baseUrl ?? vendor.baseUrl ?? "";
  // fetch refuses such URLs with an error that repeats them, credentials included.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(baseUrl)) throw new TypeError("baseUrl must not contain credentials (user:password@); use `token` or `headers`");
  const baseFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const raw = createFetchClient<any>({ baseUrl, headers: staticHeaders(options, vendor), fetch: baseFetch });
  if (typeof options.token === "function") raw.use(tokenMiddleware(options.token));
  if (options.logger) raw.use(loggingMiddleware(options.logger));

  const rt: Runtime = {
    raw,
    baseUrl: baseUrl.replace(/\/$/, ""),
    fetch: baseFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: Math.max(0, options.retries ?? DEFAULT_RETRIES),
    policy: resolveRetryPolicy(options.retry),
    logger: options.logger,
    validate: options.validateResponses && vendor.spec ? createResponseValidator(vendor.spec) : undefined,
  };

  const client: Record<string, unknown> = {};
  for (const [name, descriptor] of Object.entries(operations as Readonly<Record<string, OperationDescriptor>>)) {
    if (name === "raw") throw new TypeError('An operation may not be named "raw"');
    const method = descriptor.method.toUpperCase();
    const op: Operation = {
      name,
      descriptor,
      method,
      key: descriptor.method,
      path: descriptor.path,
      idempotent: isIdempotentMethod(method),
      idempotencyHeader: descriptor.idempotencyHeader,
    };
    const call = (input?: OperationInputShape, options?: CallOptions) => execute(rt, op, input, options, false);
    define(call, "withResponse", (input?: OperationInputShape, options?: CallOptions) => execute(rt, op, input, options, true));
    define(call, "isError", (error: unknown, status?: number) => isOperationError(descriptor, error, status));
    if (descriptor.pagination !== undefined) addPagination(rt, op, descriptor.pagination, call);
    // defineProperty, not assignment: an operation named "__proto__" becomes a method, not the prototype.
    Object.defineProperty(client, name, { value: call, enumerable: true });
  }
  Object.defineProperty(client, "raw", { value: raw, enumerable: true });
  // The object has exactly the table's methods (and raw), which is what ModelApisClient<…, Table> describes.
  return client as ModelApisClient<Paths, Table, Supplied>;
}

function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true });
}

/** `pages` and `all`; the descriptor (spec data) is checked on first use, so a bad one fails there, naming its field. */
function addPagination(rt: Runtime, op: Operation, descriptor: NonNullable<OperationDescriptor["pagination"]>, target: object): void {
  let rules: PageRules | undefined;
  const source: PageSource = {
    name: op.name,
    method: op.method,
    fetch: (input, call) => execute(rt, op, input, call, true) as Promise<{ data: unknown; response: Response }>,
    url: (input) => requestUrl(rt, op, { params: { path: input.path, query: input.query }, parseAs: "text" }),
  };
  const pages = (input?: OperationInputShape, call?: CallOptions) => paginate(source, (rules ??= pageRules(op.name, descriptor)), input, call);
  define(target, "pages", pages);
  define(target, "all", (input?: OperationInputShape, call?: CallOptions) => paginateItems(pages(input, call), call?.signal));
}

async function execute(rt: Runtime, op: Operation, input: OperationInputShape | undefined | void, call: CallOptions | undefined, withResponse: boolean): Promise<unknown> {
  const signal = call?.signal;
  if (signal?.aborted) throw signal.reason;
  const init: FetchInit = { parseAs: "text" };
  let retryable = op.idempotent;
  if (input) {
    init.params = { path: input.path, query: input.query, header: input.header };
    if (input.body !== undefined) init.body = input.body;
  }
  if (call?.headers) init.headers = call.headers;
  if (op.idempotencyHeader !== undefined || call?.idempotencyKey !== undefined || !retryable) {
    retryable = addIdempotencyKey(op, init, call) || retryable;
  }
  if (isStream(init.body)) retryable = false;
  const retries = retryable ? Math.max(0, call?.retries ?? rt.retries) : 0;
  const timeoutMs = call?.timeoutMs ?? rt.timeoutMs;

  for (let attempt = 0; ; attempt++) {
    const guard = new Attempt(rt.fetch, timeoutMs, signal);
    init.fetch = guard.fetch;
    let response: Response;
    let data: unknown;
    let error: unknown;
    try {
      const result = await rt.raw.request(op.key, op.path as never, init as never);
      response = result.response;
      if (response.ok) data = parseBody(response, result.data);
      else error = result.error === "" ? undefined : result.error;
    } catch (thrown) {
      guard.finish();
      const failure = guard.abortedBy !== 0 || signal?.aborted || (guard.responded && thrown instanceof TypeError) ? guard.failure(thrown) : thrown;
      if (failure instanceof ConnectionError && attempt < retries) {
        await backoff(rt, op, init, attempt, retries, undefined, failure.name, signal);
        continue;
      }
      throw failure;
    }
    guard.finish(true);

    if (response.ok) {
      if (data instanceof InvalidJson) {
        const issues = [{ instancePath: "", message: `is not valid JSON (${data.reason})` }];
        throw new ResponseValidationError({ status: response.status, method: op.method, url: requestUrl(rt, op, init), issues, body: data.text });
      }
      if (rt.validate) await validateBody(rt, op, init, response.status, data);
      return withResponse ? { data, response } : data;
    }
    if (attempt < retries && isRetryableStatus(response.status)) {
      await backoff(rt, op, init, attempt, retries, response.headers, `status ${response.status}`, signal);
      continue;
    }
    const apiError = createApiError({
      status: response.status,
      statusText: response.statusText,
      body: error,
      headers: response.headers,
      method: op.method,
      url: requestUrl(rt, op, init),
      operation: op.name,
    });
    recordOrigin(apiError, op.descriptor);
    throw apiError;
  }
}

/**
 * Sends an idempotency key when the operation declares an idempotency header or the caller gives a key: the
 * caller's key, else one already in the input/call headers, else a new UUID (one per call, so every retry
 * repeats it). Returns whether the request carries a key, which makes POST/PATCH retryable.
 */
function addIdempotencyKey(op: Operation, init: FetchInit, call: CallOptions | undefined): boolean {
  const name = op.idempotencyHeader ?? "Idempotency-Key";
  const given = call?.idempotencyKey;
  if (given === undefined && (hasHeader(init.params?.header, name) || hasHeader(call?.headers, name))) return true;
  if (given === undefined && op.idempotencyHeader === undefined) return false;
  const key = given ?? globalThis.crypto.randomUUID();
  // The key goes with the operation's header parameters, which take precedence over other headers.
  init.params = { ...init.params, header: { ...init.params?.header, [name]: key } };
  return true;
}

/** Waits before retry `attempt + 1` (Retry-After or jittered backoff), logging it; the caller's abort ends the wait. */
async function backoff(
  rt: Runtime,
  op: Operation,
  init: FetchInit,
  attempt: number,
  retries: number,
  headers: Headers | undefined,
  reason: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const delayMs = retryDelay(rt.policy, attempt, headers);
  if (rt.logger?.warn) logRetry(rt.logger, { method: op.method, url: requestUrl(rt, op, init), retry: attempt + 1, of: retries, delayMs, reason });
  await sleep(delayMs, signal);
}

async function validateBody(rt: Runtime, op: Operation, init: FetchInit, status: number, data: unknown): Promise<void> {
  const issues = await rt.validate?.(op.key, op.path, status, data);
  if (issues) throw new ResponseValidationError({ status, method: op.method, url: requestUrl(rt, op, init), issues, body: data });
}

const querySerializer = createQuerySerializer();

/** The sanitized URL of a call (computed only for errors and logs). */
function requestUrl(rt: Runtime, op: Operation, init: FetchInit): string {
  const params = { path: init.params?.path, query: init.params?.query };
  return sanitizeUrl(createFinalURL(op.path, { baseUrl: rt.baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer }));
}

function hasHeader(headers: HeadersOptions | Record<string, unknown> | undefined, name: string): boolean {
  if (!headers) return false;
  if (headers instanceof Headers) return headers.has(name);
  const lower = name.toLowerCase();
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.some(([key, value]) => String(key).toLowerCase() === lower && value !== undefined && value !== null);
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}
