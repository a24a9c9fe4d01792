/**
 * Errors thrown by operation methods. None of them holds the request, its headers or the token; URLs are
 * passed through `sanitizeUrl` before they are stored.
 */

/** Response headers that carry a request id, in order of preference. */
const REQUEST_ID_HEADERS = [
  "x-request-id",
  "request-id",
  "x-correlation-id",
  "correlation-id",
  "x-amzn-requestid",
  "x-amz-request-id",
  "x-ms-request-id",
  "x-trace-id",
  "cf-ray",
];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

export interface ApiErrorInit {
  status: number;
  statusText?: string;
  body: unknown;
  headers: Headers;
  method: string;
  /** Already sanitized. */
  url: string;
  /** Name of the client method whose call got the response. */
  operation?: string;
}

/**
 * A non-2xx response. `body` is the parsed JSON (or text) the server sent, `undefined` when empty; it is `unknown`
 * here, and typed by an operation method's `isError(error, status)`, which ties the status to the body the spec
 * documents for it.
 */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  readonly method: string;
  readonly url: string;
  readonly requestId: string | undefined;
  /** Name of the client method whose call got the response (`undefined` for errors built elsewhere). */
  readonly operation: string | undefined;

  constructor(init: ApiErrorInit) {
    const requestId = requestIdOf(init.headers);
    const text = init.statusText ? ` ${init.statusText}` : "";
    super(`${init.status}${text}: ${init.method} ${init.url}${requestId ? ` (request id ${requestId})` : ""}`);
    this.status = init.status;
    this.body = init.body;
    this.headers = init.headers;
    this.method = init.method;
    this.url = init.url;
    this.requestId = requestId;
    this.operation = init.operation;
  }
}

/** 400 */
export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
/** 401 */
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
/** 403 */
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
/** 404 */
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
/** 409 */
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
/** 422 */
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
/** 429 */
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
/** Any 5xx */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The `ApiError` subclass the runtime throws for a status: the one place that maps statuses to classes. */
export function errorClassFor(status: number): typeof ApiError {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
}

/** The most specific `ApiError` subclass for a status. */
export function createApiError(init: ApiErrorInit): ApiError {
  return new (errorClassFor(init.status))(init);
}

/** No response: DNS, refused or reset connection, TLS, or the socket closed mid-body. `cause` is the fetch error. */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  readonly method: string;
  readonly url: string;

  constructor(method: string, url: string, cause?: unknown, message?: string) {
    super(message ?? `Connection error: ${method} ${url}${describeCause(cause)}`, { cause });
    this.method = method;
    this.url = url;
  }
}

/** An attempt took longer than `timeoutMs` (request and body). The connection was aborted. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number) {
    super(method, url, undefined, `Request timed out after ${timeoutMs} ms: ${method} ${url}`);
    this.timeoutMs = timeoutMs;
  }
}

export interface ValidationIssue {
  /** JSON pointer into the response body ("" is the whole body). */
  instancePath: string;
  message: string;
}

/** A 2xx body that does not match the spec's response schema (or is not the JSON it claims to be). */
export class ResponseValidationError extends Error {
  override name = "ResponseValidationError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly issues: ValidationIssue[];
  readonly body: unknown;

  constructor(init: { status: number; method: string; url: string; issues: ValidationIssue[]; body: unknown }) {
    const shown = init.issues.slice(0, 10).map((i) => `${i.instancePath || "(body)"} ${i.message}`);
    if (init.issues.length > shown.length) shown.push(`… ${init.issues.length - shown.length} more`);
    super(`Response ${init.status} to ${init.method} ${init.url} does not match its schema: ${shown.join("; ")}`);
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.issues = init.issues;
    this.body = init.body;
  }
}

/**
 * A list operation's pages went wrong: a page without its items array, a cursor the server handed out before
 * (a loop), or a page repeating the one before it. `page` is the 1-based number of the page fetched last.
 */
export class PaginationError extends Error {
  override name = "PaginationError";
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly page: number;

  constructor(init: { operation: string; method: string; url: string; page: number; reason: string }) {
    super(`${init.operation}: ${init.reason} (page ${init.page}, ${init.method} ${init.url})`);
    this.operation = init.operation;
    this.method = init.method;
    this.url = init.url;
    this.page = init.page;
  }
}

/** The fetch error's own cause (undici puts `ECONNREFUSED`/`other side closed` there), for the message. */
function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: unknown } | undefined)?.cause ?? cause;
  const code = (inner as { code?: unknown } | undefined)?.code;
  const message = inner instanceof Error ? inner.message : undefined;
  const text = typeof code === "string" && message && !message.includes(code) ? `${code} ${message}` : (message ?? (typeof code === "string" ? code : ""));
  return text ? ` (${text})` : "";
}
