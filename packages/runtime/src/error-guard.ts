/** Which operation threw an `ApiError`, so that its `isError` can type the body by the status it documents. */
import { ApiError } from "./errors.js";
import type { OperationDescriptor } from "./types.js";

/** Error -> the table entry of the operation whose call got it (entries are shared by every client of a table). */
const origins = new WeakMap<ApiError, OperationDescriptor>();

export function recordOrigin(error: ApiError, descriptor: OperationDescriptor): void {
  origins.set(error, descriptor);
}

/**
 * `error` is an ApiError from a call of this operation, with `status` if given, and its status is one the
 * operation documents: the code itself, its range (`4XX`) or `default`.
 */
export function isOperationError(descriptor: OperationDescriptor, error: unknown, status?: number): boolean {
  if (!(error instanceof ApiError) || origins.get(error) !== descriptor) return false;
  if (status !== undefined && error.status !== status) return false;
  const documented = descriptor.errors;
  if (!documented) return false;
  const range = `${Math.floor(error.status / 100)}XX`;
  return documented.some(
    (key) => key === error.status || key === String(error.status) || (typeof key === "string" && (key.toUpperCase() === range || key === "default")),
  );
}
