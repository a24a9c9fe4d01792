/**
 * @model-apis/runtime: what every generated model-apis client is built on. openapi-fetch does the HTTP; this
 * package adds bearer auth, vendor headers, typed errors, retries with backoff, timeouts, idempotency keys,
 * optional response validation and redacted logging.
 *
 * Public surface:
 * - `createClient(operations, options, vendor)`: used by generated clients.
 * - Option types: `ClientOptions`, `CallOptions`, `RetryOptions`, `Logger`, `TokenProvider`, `VendorConfig`,
 *   `OperationDescriptor`, `HttpMethod`.
 * - Type helpers over openapi-typescript operations: `OperationInput`, `OperationResult`, `OperationErrorBody`,
 *   `OperationError`.
 * - Errors: `ApiError` and its per-status subclasses, `ConnectionError`, `TimeoutError`, `ResponseValidationError`.
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
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  TimeoutError,
  UnprocessableEntityError,
  type ValidationIssue,
} from "./errors.js";
export type { OperationError, OperationErrorBody, OperationInput, OperationResult } from "./operation-types.js";
export type { CallOptions, ClientOptions, HttpMethod, Logger, OperationDescriptor, RetryOptions, TokenProvider, VendorConfig } from "./types.js";
export type { Client } from "openapi-fetch";
