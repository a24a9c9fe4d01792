/**
 * `createClient`: one method per operation on top of openapi-fetch (the methods' own client, and `raw` for the
 * caller, with the same headers and middleware). Each method call:
 * builds openapi-fetch options once, then per attempt arms a timeout, sends, reads the body, and either returns
 * the parsed 2xx body, retries (connection error / timeout / 408 / 429 / 5xx, idempotent calls only), or throws.
 * Every method also has `withResponse` (the same call, resolving to `{ data, response }`) and `isError`; list
 * operations with a `pagination` descriptor have `pages` and `all`.
 */
import createFetchClient, {
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
  type Client,
  type HeadersOptions,
  type Middleware,
} from "openapi-fetch";
import { staticHeaders, tokenMiddleware } from "./auth.js";
import type { ModelApisClient, OperationTable } from "./client-types.js";
import { isOperationError, recordOrigin } from "./error-guard.js";
import { ConnectionError, createApiError, PaginationError, requestIdOf, ResponseValidationError } from "./errors.js";
import type { PageRules, PageSource } from "./paginate.js";
import { compilePath, type PathSerializer } from "./path.js";
import { sanitizeUrl } from "./redact.js";
import { InvalidJson, parseBody } from "./response.js";
import { DEFAULT_RETRIES, isIdempotentMethod, isRetryableStatus, resolveRetryPolicy, retryDelay, sleep, type RetryPolicy } from "./retry.js";
import { Attempt, type FetchLike } from "./timeout.js";
import type { CallOptions, ClientOptions, FormMediaType, Logger, OperationDescriptor, OperationInputShape, VendorConfig } from "./types.js";
import type { ResponseValidator } from "./validate.js";

export const DEFAULT_TIMEOUT_MS = 60_000;

const querySerializer = createQuerySerializer();

/** Settings shared by every method of one client. */
interface Runtime {
  baseUrl: string;
  fetch: FetchLike;
  timeoutMs: number;
  retries: number;
  policy: RetryPolicy;
  logger: Logger | undefined;
  validate: ResponseValidator | undefined;
  /** No middleware: openapi-fetch calls fetch synchronously, so an attempt can be handed over instead of passed in. */
  handOff: boolean;
  /** The attempt of the openapi-fetch call being made right now (set and cleared around it). */
  handoff: Attempt | undefined;
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
  /** The methods' openapi-fetch client's method for it (`GET`, ...). */
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  send: Client<any>["GET"];
  /** Compiled for this client's base URL and the path template; undefined when the path has no parameters. */
  pathSerializer: PathSerializer | undefined;
  /** The request body's form media type (the descriptor's requestMediaType), or undefined for JSON. */
  form: FormMediaType | undefined;
}

/** openapi-fetch request options, built once per call and reused by its attempts. It reads 2xx bodies as text. */
interface FetchInit {
  /** The caller's input itself (openapi-fetch reads its path, query and header), or a copy with an idempotency key. */
  params: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> } | undefined;
  body?: unknown;
  headers?: HeadersOptions;
  parseAs: "text";
  pathSerializer?: PathSerializer;
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * Builds a client object: one method per entry of `operations` (`method(input?, callOptions?)`) plus `raw`, an
 * openapi-fetch client. `raw` shares auth, static/vendor headers, logging and middleware (`raw.use()` applies to
 * the methods too), but has no timeout, no retries, and keeps openapi-fetch's `{ data, error, response }` results
 * instead of throwing. The client's type
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
  const headers = staticHeaders(options, vendor);
  // querySerializer: openapi-fetch's default, built once here instead of on every request.
  const shared = { baseUrl, headers: Object.keys(headers).length ? headers : undefined, querySerializer };
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  const raw = createFetchClient<any>({ ...shared, fetch: baseFetch });
  // The methods' own openapi-fetch client, with the same headers and middleware as raw. Its fetch sends through the
  // attempt that execute() hands over just before calling it (see handOver).
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  const inner = createFetchClient<any>({ ...shared, fetch: (request: Request) => handOver(rt, request) });
  const middleware = [
    typeof options.token === "function" ? tokenMiddleware(options.token) : undefined,
    options.logger ? lazyLogging(options.logger) : undefined,
  ].filter((m) => m !== undefined);
  raw.use(...middleware);
  inner.use(...middleware);

  const rt: Runtime = {
    baseUrl: baseUrl.replace(/\/$/, ""),
    fetch: baseFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: Math.max(0, options.retries ?? DEFAULT_RETRIES),
    policy: resolveRetryPolicy(options.retry),
    logger: options.logger,
    validate: options.validateResponses && vendor.spec ? lazyValidator(vendor.spec) : undefined,
    handOff: middleware.length === 0,
    handoff: undefined,
  };
  // Middleware added to raw applies to the methods too (and turns the hand-over off: see handOver).
  const { use, eject } = raw;
  raw.use = (...added) => {
    use(...added);
    inner.use(...added);
    rt.handOff = false;
  };
  raw.eject = (...removed) => {
    eject(...removed);
    inner.eject(...removed);
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
      send: inner[method as "GET"],
      pathSerializer: compilePath(`${rt.baseUrl}${descriptor.path}`),
      form: descriptor.requestMediaType,
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

/**
 * `pages` and `all`. The pagination module is imported on first use (most clients never page, and it stays out of
 * their bundle); the descriptor (spec data) is checked then, so a bad one fails the first iteration, naming its field.
 */
function addPagination(rt: Runtime, op: Operation, descriptor: NonNullable<OperationDescriptor["pagination"]>, target: object): void {
  let rules: PageRules | undefined;
  const source: PageSource = {
    name: op.name,
    fetch: (input, call) => execute(rt, op, input, call, true) as Promise<{ data: unknown; response: Response }>,
    fail: (input, page, reason) => new PaginationError({ operation: op.name, method: op.method, url: requestUrl(rt, op, input), page, reason }),
  };
  async function* pages(input?: OperationInputShape, call?: CallOptions) {
    const paging = await import("./paginate.js");
    rules ??= paging.pageRules(op.name, descriptor);
    yield* paging.paginate(source, rules, input, call);
  }
  async function* all(input?: OperationInputShape, call?: CallOptions) {
    const paging = await import("./paginate.js");
    yield* paging.paginateItems(pages(input, call), call?.signal);
  }
  define(target, "pages", pages);
  define(target, "all", all);
}

/** The logging middleware, imported on first use: clients without a logger never load it. */
function lazyLogging(logger: Logger): Middleware {
  let loaded: Promise<Middleware> | undefined;
  const load = () => (loaded ??= import("./logger.js").then((module) => module.loggingMiddleware(logger, { sanitizeUrl, requestIdOf })));
  return {
    onRequest: async (options) => (await load()).onRequest?.(options),
    onResponse: async (options) => (await load()).onResponse?.(options),
    onError: async (options) => (await load()).onError?.(options),
  };
}

/** Response validation, imported on first use: clients that do not validate never load it (nor ajv). */
function lazyValidator(loadSpec: () => Promise<unknown>): ResponseValidator {
  let validator: Promise<ResponseValidator> | undefined;
  return async (method, path, status, body) => {
    validator ??= import("./validate.js").then((module) => module.createResponseValidator(loadSpec));
    return (await validator)(method, path, status, body);
  };
}

/**
 * The methods' fetch. When the client has no middleware, execute() hands the attempt over in `rt.handoff` and
 * openapi-fetch, which then reaches fetch without awaiting anything, calls this at once; the attempt sends
 * directly, without a wrapper around fetch's promise (with no middleware, whatever fails once the request is out
 * is fetch or the body). That spares a new fetch function per call, which openapi-fetch's call site pays for, and
 * a promise. With middleware (a token function, a logger, raw.use()) each call passes its own fetch instead.
 */
function handOver(rt: Runtime, request: Request): Promise<Response> {
  const attempt = rt.handoff;
  rt.handoff = undefined;
  if (attempt === undefined)
    return Promise.reject(new Error("@model-apis/runtime: openapi-fetch called fetch after the method call returned (an unsupported openapi-fetch version?)"));
  return attempt.sendDirect(request);
}

async function execute(
  rt: Runtime,
  op: Operation,
  input: OperationInputShape | undefined | void,
  call: CallOptions | undefined,
  withResponse: boolean,
): Promise<unknown> {
  const signal = call?.signal;
  if (signal?.aborted) throw signal.reason;
  // Only the fields the call has: openapi-fetch copies this object twice per attempt.
  const init: FetchInit = { params: input || undefined, parseAs: "text" };
  if (op.pathSerializer) init.pathSerializer = op.pathSerializer;
  if (input && input.body !== undefined) init.body = op.form ? formBody(op.form, input.body) : input.body;
  if (call?.headers) init.headers = call.headers;
  // openapi-fetch labels every body but FormData as JSON: an urlencoded form says what it is (the caller's header wins)
  if (typeof init.body === "string" && op.form === "application/x-www-form-urlencoded")
    init.headers = { "Content-Type": op.form, ...(init.headers as Record<string, string> | undefined) };
  let retryable = op.idempotent;
  if (op.idempotencyHeader !== undefined || call?.idempotencyKey !== undefined || !retryable) {
    retryable = addIdempotencyKey(op, init, call) || retryable;
  }
  if (isStream(init.body)) retryable = false;
  const retries = retryable ? Math.max(0, call?.retries ?? rt.retries) : 0;
  const timeoutMs = call?.timeoutMs ?? rt.timeoutMs;

  for (let attempt = 0; ; attempt++) {
    const guard = new Attempt(rt.fetch, timeoutMs, signal);
    if (rt.handOff) rt.handoff = guard;
    else init.fetch = (request) => guard.send(request);
    let response: Response;
    let data: unknown;
    let error: unknown;
    try {
      let sent: ReturnType<Operation["send"]>;
      try {
        sent = op.send(op.path as never, init as never);
      } finally {
        rt.handoff = undefined;
      }
      const result = await sent;
      response = result.response;
      if (response.ok) data = parseBody(response, result.data);
      else error = result.error === "" ? undefined : result.error;
    } catch (thrown) {
      guard.finish();
      const failure = guard.failed(thrown);
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
        throw new ResponseValidationError({ status: response.status, method: op.method, url: requestUrl(rt, op, init.params), issues, body: data.text });
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
      url: requestUrl(rt, op, init.params),
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
  // The key goes with the operation's header parameters, which take precedence over other headers. A new params
  // object: the caller's input is not changed (spreading it would cost ~0.4 µs per call on Node 20).
  const params = init.params;
  const header = params?.header;
  init.params = { path: params?.path, query: params?.query, header: header ? { ...header, [name]: key } : { [name]: key } };
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
  if (rt.logger?.warn)
    (await import("./logger.js")).logRetry(rt.logger, {
      method: op.method,
      url: requestUrl(rt, op, init.params),
      retry: attempt + 1,
      of: retries,
      delayMs,
      reason,
    });
  await sleep(delayMs, signal);
}

async function validateBody(rt: Runtime, op: Operation, init: FetchInit, status: number, data: unknown): Promise<void> {
  const issues = await rt.validate?.(op.key, op.path, status, data);
  if (issues) throw new ResponseValidationError({ status, method: op.method, url: requestUrl(rt, op, init.params), issues, body: data });
}

/** The sanitized URL of a call (computed only for errors and logs). */
function requestUrl(rt: Runtime, op: Operation, input: FetchInit["params"]): string {
  const params = { path: input?.path, query: input?.query };
  return sanitizeUrl(createFinalURL(op.path, { baseUrl: rt.baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer }));
}

function hasHeader(headers: HeadersOptions | Record<string, unknown> | undefined, name: string): boolean {
  if (!headers) return false;
  if (headers instanceof Headers) return headers.has(name);
  const lower = name.toLowerCase();
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.some(([key, value]) => String(key).toLowerCase() === lower && value !== undefined && value !== null);
}

/**
 * A plain-object body encoded as a form: each field once, an array field once per item; a Blob (a file) as it is
 * (multipart only), an object as JSON, anything else as its string. FormData, URLSearchParams, Blob, string and stream bodies are sent as
 * given (multipart/form-data goes as FormData, whose boundary fetch writes; urlencoded as a string).
 */
export function formBody(type: FormMediaType, body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  if (body instanceof FormData || body instanceof URLSearchParams || body instanceof Blob || isStream(body)) return body;
  const fields: [string, string | Blob][] = [];
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      if (item instanceof Blob) fields.push([name, item]);
      else fields.push([name, typeof item === "object" && item !== null ? JSON.stringify(item) : String(item)]);
    }
  }
  if (type === "application/x-www-form-urlencoded") {
    const params = new URLSearchParams();
    // a file has no urlencoded form: it is left out
    for (const [name, value] of fields) if (typeof value === "string") params.append(name, value);
    return params.toString();
  }
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== "undefined" && body instanceof ReadableStream;
}
