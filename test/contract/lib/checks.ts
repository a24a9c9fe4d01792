import { isDeepStrictEqual } from "node:util";
import { responseExample, type Operation } from "./operations.ts";
import { recordingFetch } from "./recording-fetch.ts";
import { exampleInput, withBadPathParam, withoutRequired, withWrongType, type Input } from "./requests.ts";
import { responsePointer, specValidator, type SchemaIssue } from "./schema-validator.ts";
import { deref, type Spec, type Vendor } from "./vendors.ts";

/** A broken contract: names the vendor, the operation, the check and (for bodies) the JSON pointer. */
export class ContractViolation extends Error {
  override name = "ContractViolation";
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientFactory = (options: Record<string, any>) => AnyClient;

export interface Target {
  vendor: Vendor;
  baseUrl: string;
  token: string;
  /** Generated client factory, create<Vendor>Client. */
  createClient: ClientFactory;
  /** Runtime error classes, to check the thrown types. */
  errors: Record<string, new (...args: never[]) => Error>;
  /** A mock: the value returned must equal the spec's example. */
  mock: boolean;
}

const validators = new Map<string, ReturnType<typeof specValidator>>();
function validatorFor(vendor: Vendor) {
  let v = validators.get(vendor.slug);
  if (!v) validators.set(vendor.slug, (v = specValidator(vendor.spec, vendor.slug)));
  return v;
}

function fail(target: Target, op: Operation, check: string, detail: string): never {
  throw new ContractViolation(`${target.vendor.slug} ${op.id} [${check}]: ${detail}`);
}

/** A client without retries; required header parameters (e.g. Workspace-Id) travel in each call's input. */
function client(target: Target, token: string | undefined, fetchImpl?: typeof fetch): AnyClient {
  return target.createClient({ baseUrl: target.baseUrl, ...(token ? { token } : {}), retries: 0, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

function schemaIssues(target: Target, op: Operation, status: string, text: string, contentType: string | null): SchemaIssue[] | undefined {
  const documented = deref(target.vendor.spec, op.op.responses?.[status]);
  const entry = documented?.content ? (Object.entries(documented.content)[0] as [string, Spec]) : undefined;
  if (!entry || !/json/.test(entry[0]) || !/json/.test(contentType ?? "")) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ pointer: "", message: "response body is not JSON" }];
  }
  return validatorFor(target.vendor)(responsePointer(target.vendor.spec, op.path, op.method, status, entry[0]), body);
}

function describeIssues(issues: SchemaIssue[]): string {
  return issues.slice(0, 5).map((i) => `${i.pointer || "/"} ${i.message}`).join("; ");
}

/** The documented success: call with the spec's request example; status, schema, no sl-violations, value. */
export async function checkSuccess(target: Target, op: Operation): Promise<void> {
  const spec = target.vendor.spec;
  const input = exampleInput(spec, op);
  const rec = recordingFetch();
  let result: unknown;
  try {
    result = await client(target, target.token, rec.fetch)[op.id](input);
  } catch (error) {
    fail(target, op, "success", `threw ${(error as Error).name} ${(error as { status?: number }).status ?? ""}: ${(error as Error).message}`);
  }
  const last = rec.last();
  if (!last) fail(target, op, "success", "no request was sent");
  const status = String(last.status);
  if (!op.success.includes(status)) fail(target, op, "success", `status ${status} is not a documented success (${op.success.join(", ")})`);
  const violations = last.headers.get("sl-violations");
  if (violations) fail(target, op, "success", `sl-violations: ${violations}`);
  const issues = schemaIssues(target, op, status, last.text, last.headers.get("content-type"));
  if (issues?.length) fail(target, op, "success", `response body does not match the schema of ${status}: ${describeIssues(issues)}`);
  if (target.mock) {
    const { type, example } = responseExample(spec, op, status);
    if (type && /json/.test(type) && !isDeepStrictEqual(result, example)) {
      fail(target, op, "success", `returned value differs from the spec's example: ${JSON.stringify(result)?.slice(0, 200)}`);
    }
    if (!type && result !== undefined && result !== null && result !== "") fail(target, op, "success", `expected no content, got ${JSON.stringify(result)}`);
  }
}

/** Without a token the call is an ApiError 401 whose body matches the documented 401. */
export async function checkAuth(target: Target, op: Operation): Promise<void> {
  const input = exampleInput(target.vendor.spec, op);
  const rec = recordingFetch();
  const error = await client(target, undefined, rec.fetch)[op.id](input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof target.errors.ApiError!)) fail(target, op, "auth", `expected ApiError 401, got ${error === undefined ? "success" : String(error)}`);
  const status = (error as unknown as { status: number }).status;
  if (status !== 401) fail(target, op, "auth", `expected 401, got ${status}`);
  if (!(error instanceof target.errors.AuthenticationError!)) fail(target, op, "auth", "401 is not an AuthenticationError");
  const last = rec.last()!;
  const issues = schemaIssues(target, op, "401", last.text, last.headers.get("content-type"));
  if (issues?.length) fail(target, op, "auth", `401 body does not match its schema: ${describeIssues(issues)}`);
}

export type ValidationCase = "missing required field" | "wrong type" | "bad path parameter";

/** A bad request is refused with a documented 4xx (or Prism's 422) as an ApiError. Returns false when n/a. */
export async function checkValidation(target: Target, op: Operation, which: ValidationCase): Promise<boolean> {
  const spec = target.vendor.spec;
  const base = exampleInput(spec, op);
  let input: Input | undefined;
  let what = "";
  if (which === "missing required field") {
    const m = withoutRequired(spec, op);
    if (m) [input, what] = [{ ...base, body: m.body }, `without ${m.removed}`];
  } else if (which === "wrong type") {
    const m = withWrongType(spec, op);
    if (m) [input, what] = [{ ...base, body: m.body }, `wrong type at ${m.changed}`];
  } else {
    const m = withBadPathParam(spec, op, base);
    if (m) [input, what] = [m.input, `path parameter ${m.param}=not-a-valid-value`];
  }
  if (!input) return false;
  const error = await client(target, target.token)[op.id](input).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof target.errors.ApiError!)) fail(target, op, which, `${what}: expected an ApiError 4xx, got ${error === undefined ? "success" : String(error)}`);
  const status = String((error as unknown as { status: number }).status);
  const allowed = new Set([...op.errors.filter((s) => s.startsWith("4")), "422"]);
  if (!allowed.has(status)) fail(target, op, which, `${what}: status ${status} is not a documented 4xx (${[...allowed].join(", ")})`);
  return true;
}

const SUBCLASS: Record<string, string> = {
  "400": "BadRequestError",
  "401": "AuthenticationError",
  "403": "PermissionDeniedError",
  "404": "NotFoundError",
  "409": "ConflictError",
  "422": "UnprocessableEntityError",
  "429": "RateLimitError",
};

/** `Prefer: code=NNN` for a documented error status: the right ApiError subclass with a body matching its schema. */
export async function checkErrorStatus(target: Target, op: Operation, status: string): Promise<boolean> {
  if (/^3/.test(status) || !/^\d{3}$/.test(status)) return false; // fetch follows redirects; ranges can't be asked for
  const input = exampleInput(target.vendor.spec, op);
  const rec = recordingFetch();
  const error = await client(target, target.token, rec.fetch)[op.id](input, { headers: { Prefer: `code=${status}` } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof target.errors.ApiError!)) fail(target, op, `error ${status}`, `expected ApiError ${status}, got ${error === undefined ? "success" : String(error)}`);
  const e = error as unknown as { status: number; body: unknown };
  if (String(e.status) !== status) fail(target, op, `error ${status}`, `expected ${status}, got ${e.status}`);
  const cls = SUBCLASS[status] ?? (status.startsWith("5") ? "InternalServerError" : undefined);
  if (cls && !(error instanceof target.errors[cls]!)) fail(target, op, `error ${status}`, `not an instance of ${cls}`);
  const last = rec.last()!;
  const issues = schemaIssues(target, op, status, last.text, last.headers.get("content-type"));
  if (issues?.length) fail(target, op, `error ${status}`, `body does not match its schema: ${describeIssues(issues)}`);
  const { type, example } = responseExample(target.vendor.spec, op, status);
  if (type && /json/.test(type) && example !== undefined && !isDeepStrictEqual(e.body, example)) {
    fail(target, op, `error ${status}`, `typed body differs from the spec's example: ${JSON.stringify(e.body)?.slice(0, 200)}`);
  }
  return true;
}

/** Dynamic responses (Prism generates them from the schema) for a fixed set of seeds all validate. */
export async function checkDynamic(target: Target, op: Operation, seeds: number[]): Promise<void> {
  const input = exampleInput(target.vendor.spec, op);
  for (const seed of seeds) {
    const rec = recordingFetch();
    try {
      await client(target, target.token, rec.fetch)[op.id](input, { headers: { Prefer: `dynamic=true, seed=${seed}` } });
    } catch (error) {
      fail(target, op, "dynamic", `seed ${seed}: threw ${String(error)}`);
    }
    const last = rec.last()!;
    const violations = last.headers.get("sl-violations");
    if (violations) fail(target, op, "dynamic", `seed ${seed}: sl-violations ${violations}`);
    const issues = schemaIssues(target, op, String(last.status), last.text, last.headers.get("content-type"));
    if (issues?.length) fail(target, op, "dynamic", `seed ${seed}: generated body does not match the schema: ${describeIssues(issues)}`);
  }
}

