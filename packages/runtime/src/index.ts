/**
 * @model-apis/runtime: what every generated model-apis client is built on. openapi-fetch does the HTTP; this
 * package adds bearer auth, vendor headers, typed errors, retries with backoff, timeouts, idempotency keys,
 * optional response validation and redacted logging.
 *
 * Public surface:
 * - `createClient(operations, options, vendor)`: used by generated clients.
 * - Option types: `ClientOptions`, `CallOptions`, `RetryOptions`, `Logger`, `TokenProvider`, `VendorConfig`,
 *   `OperationDescriptor`, `PaginationDescriptor` (`CursorPagination`, `PagePagination`), `HttpMethod`.
 * - Client types: `ModelApisClient` (derived from a table), `OperationTable` (what a table `satisfies`),
 *   `OperationMethod`, `PaginatedMethod`, `WithResponse`, `Page`, `PageItem`.
 * - Type helpers over openapi-typescript operations: `OperationInput`, `OperationResult`, `OperationErrorBody`,
 *   `OperationError`, `ErrorStatus`.
 * - Errors: `ApiError` and its per-status subclasses, `ConnectionError`, `TimeoutError`, `ResponseValidationError`,
 *   `PaginationError`.
 * - `Client`: openapi-fetch's client type (the `raw` property).
 */
export { createClient, DEFAULT_TIMEOUT_MS } from "./client.js";
export { DEFAULT_RETRIES } from "./retry.js";
export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  UnprocessableEntityError,
  errorClassFor,
  type ValidationIssue,
} from "./errors.js";
export type { ModelApisClient, OperationMethod, OperationTable, Page, PageItem, PaginatedMethod, WithResponse } from "./client-types.js";
export type { ErrorStatus, OperationError, OperationErrorBody, OperationInput, OperationResult } from "./operation-types.js";
export type {
  CallOptions,
  ClientOptions,
  CursorPagination,
  FormMediaType,
  HttpMethod,
  Logger,
  OperationDescriptor,
  PagePagination,
  PaginationDescriptor,
  RetryOptions,
  TokenProvider,
  VendorConfig,
} from "./types.js";
export type { Client } from "openapi-fetch";
