import type { HeadersOptions } from "openapi-fetch";

/** Lower-case HTTP method, as openapi-typescript keys operations under a path item. */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** One row of a generated client's operation table. */
export interface OperationDescriptor {
  readonly method: HttpMethod;
  /** The OpenAPI path template, e.g. `/v1/models/{model_id}`. */
  readonly path: string;
  /**
   * Header that carries an idempotency key (usually `Idempotency-Key`). When set, every call sends a key
   * (generated with `crypto.randomUUID()` unless `CallOptions.idempotencyKey` is given), the same key on
   * every retry of that call, and the call becomes retryable even for POST/PATCH.
   */
  readonly idempotencyHeader?: string;
  /**
   * The spec's non-2xx response keys: status codes (`404`), ranges (`"4XX"`) and `"default"`. A method's
   * `isError(e)` recognises exactly these; without the list it recognises none.
   */
  readonly errors?: readonly (number | string)[];
  /** How the operation pages (the spec's `x-model-apis-pagination`); gives the method `pages()` and `all()`. */
  readonly pagination?: PaginationDescriptor;
  /**
   * The request body's media type when it is a form (the spec's first request media type); without it the body is
   * sent as JSON. A plain-object body is then encoded field by field (formBody), with the form's Content-Type.
   */
  readonly requestMediaType?: FormMediaType;
}

/** The form media types a request body can be encoded as. */
export type FormMediaType = "multipart/form-data" | "application/x-www-form-urlencoded";

/**
 * A list operation's pagination, from the spec's `x-model-apis-pagination`. Pointers are JSON pointers (RFC 6901)
 * into the 2xx body; `""` is the body itself. Parameter names are query parameters of the operation.
 */
export type PaginationDescriptor<Query extends string = string> = CursorPagination<Query> | PagePagination<Query>;

/** Pages chained by an opaque cursor that each page hands out for the next one. */
export interface CursorPagination<Query extends string = string> {
  readonly style: "cursor";
  /** Pointer of the items array. */
  readonly items: string;
  /** Query parameter that carries the cursor. */
  readonly cursorParam: Query;
  /** Pointer of the next page's cursor; missing, `null` or `""` ends. */
  readonly nextCursor: string;
  /** Pointer of a boolean; `false` ends. */
  readonly hasMore?: string;
  /** Query parameter for the page size (the caller's value is sent with every page). */
  readonly limitParam?: Query;
  /** The server's fixed page size: a shorter page ends. */
  readonly pageSize?: number;
}

/** Numbered pages. */
export interface PagePagination<Query extends string = string> {
  readonly style: "page";
  /** Pointer of the items array. */
  readonly items: string;
  /** Query parameter with the page number. */
  readonly pageParam: Query;
  /** Number of the first page. Default 1. */
  readonly firstPage?: number;
  /** Pointer of the next page's link; `null`, `""` or missing ends. Only its presence counts: the link is not followed. */
  readonly next?: string;
  /** Pointer of the total item count; ends once that many items have been seen. */
  readonly total?: string;
  /** Query parameter for the page size (the caller's value is sent with every page). */
  readonly limitParam?: Query;
  /** The server's fixed page size: a shorter page ends. */
  readonly pageSize?: number;
}

/** Bearer token, or a function called before every request (retries included) that returns one. */
export type TokenProvider = string | (() => string | Promise<string>);

/** Console-compatible logging hook. Every method is optional; messages and data never contain secrets. */
export interface Logger {
  debug?(message: string, data?: Record<string, unknown>): void;
  info?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}

/** Backoff settings. Delays are `random(0, min(maxDelayMs, baseDelayMs * 2 ** retry))` (full jitter). */
export interface RetryOptions {
  /** First backoff ceiling. Default 500 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling. Default 8000 ms. */
  maxDelayMs?: number;
  /** A server's `Retry-After` is honoured up to this many ms, then capped. Default 60000 ms. */
  maxRetryAfterMs?: number;
}

/**
 * Options of a generated client. Generated clients add their vendor's header options (e.g. AI Squared's
 * `workspaceId`) by extending this interface; the runtime reads them through `VendorConfig.headerOptions`.
 */
export interface ClientOptions {
  /** Server root. Defaults to the spec's first server. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer <token>`. A function is called before every request. */
  token?: TokenProvider;
  /** Static headers sent with every request. */
  headers?: Record<string, string | undefined>;
  /** Per-attempt timeout in ms, covering the response body. Default 60000; 0 disables it. */
  timeoutMs?: number;
  /** Retries after the first attempt (connection errors, timeouts, 408, 429, 5xx). Default 2. */
  retries?: number;
  retry?: RetryOptions;
  /** Validate 2xx JSON bodies against the spec's response schema (loads ajv on first use). Default false. */
  validateResponses?: boolean;
  logger?: Logger;
  /**
   * Custom fetch. It is called as `fetch(request, { signal })`; honour `init.signal` so that timeouts and
   * aborts release the connection. Once a request is done (its body read), its signal may be handed to a later
   * request of the same client; aborting it then has no effect on the finished one.
   */
  fetch?: (input: Request, init?: RequestInit) => Promise<Response>;
}

/** Per-call options, the last argument of every operation method. */
export interface CallOptions {
  /** Aborting rejects the call with `signal.reason`, unchanged. */
  signal?: AbortSignal;
  /** Overrides `ClientOptions.timeoutMs` for this call. */
  timeoutMs?: number;
  /** Overrides `ClientOptions.retries` for this call. */
  retries?: number;
  /** Idempotency key for this call (sent in the operation's idempotency header, else `Idempotency-Key`). */
  idempotencyKey?: string;
  /** Extra headers for this call; they override the client's headers. */
  headers?: HeadersOptions;
}

/** What a generated client tells the runtime about its vendor. */
export interface VendorConfig {
  /** Default server root, used when `ClientOptions.baseUrl` is not given. */
  baseUrl?: string;
  /** Loads the normalized OpenAPI document; only called when `validateResponses` is on. */
  spec?: () => Promise<unknown>;
  /** Client option name -> header name, e.g. `{ workspaceId: "Workspace-Id" }`. Absent options send nothing. */
  headerOptions?: Readonly<Record<string, string>>;
}

/** The `input` argument of an operation method, before typing (see `OperationInput`). */
export interface OperationInputShape {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}
