/**
 * The names of the runtime's error classes, which every generated client re-exports (tools/codegen's emitter
 * reads this list). index.ts exports exactly these classes; test/errors.test.ts checks that the two agree.
 */
export const ERROR_CLASS_NAMES = [
  "ApiError",
  "AuthenticationError",
  "BadRequestError",
  "ConflictError",
  "ConnectionError",
  "InternalServerError",
  "NotFoundError",
  "PaginationError",
  "PermissionDeniedError",
  "RateLimitError",
  "ResponseValidationError",
  "TimeoutError",
  "UnprocessableEntityError",
] as const;
