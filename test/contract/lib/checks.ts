/**
 * The per-operation checks. Each throws a ContractViolation carrying a divergence row (what the server did
 * against what the spec says); `input` is the call to make (the spec's example by default; on a twin or a live
 * server, the example with the ids of records the run created itself).
 */
import { isDeepStrictEqual } from "node:util";
import { errorClassFor } from "@model-apis/runtime";
import { ContractViolation, type Divergence } from "./divergence.ts";
import { responseExample, type Operation } from "./operations.ts";
import { recordingFetch } from "./recording-fetch.ts";
import { documentedRedirects, prismValidationAnswer, type ValidationCase } from "./applicability.ts";
import { exampleInput, type FaultPlace, type Input } from "./requests.ts";
import { responsePointer, specValidator, type SchemaIssue } from "./schema-validator.ts";
import { deref, type Spec, type Vendor } from "./vendors.ts";

export { ContractViolation } from "./divergence.ts";

// biome-ignore lint/suspicious/noExplicitAny: generated clients are called by operationId
type AnyClient = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: the options of every vendor's create<Vendor>Client
type ClientFactory = (options: Record<string, any>) => AnyClient;

export interface Target {
  vendor: Vendor;
  baseUrl: string;
  token: string;
  /** Generated client factory, create<Vendor>Client. */
  createClient: ClientFactory;
  /** Runtime error classes, to check the thrown types. */
  errors: Record<string, new (...args: never[]) => Error>;
  /** The stateless examples mock: a success must equal the spec's example, and Prism's own 422 is accepted. */
  examples: boolean;
  /** A Prism mock (the stateless mock or the twin), not a live server. */
  mock: boolean;
}

const validators = new Map<string, ReturnType<typeof specValidator>>();
function validatorFor(vendor: Vendor) {
  let v = validators.get(vendor.slug);
  if (!v) validators.set(vendor.slug, (v = specValidator(vendor.spec, vendor.slug)));
  return v;
}

interface Got {
  status?: number;
  issue?: SchemaIssue;
}

function fail(target: Target, op: Operation, check: string, input: Input | undefined, expected: string, detail: string, got: Got = {}, value?: unknown): never {
  const divergence: Divergence = {
    vendor: target.vendor.slug,
    operation: op.id,
    check,
    request: { method: op.method, path: op.path, ...(input ? { input } : {}) },
    expected,
    got: {
      message: detail,
      ...(got.status === undefined ? {} : { status: got.status }),
      ...(got.issue ? { pointer: got.issue.pointer || "/", ...(got.issue.keyword ? { keyword: got.issue.keyword } : {}) } : {}),
    },
  };
  throw new ContractViolation(`${target.vendor.slug} ${op.id} [${check}]: ${detail}`, divergence, value);
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
  return issues
    .slice(0, 5)
    .map((i) => `${i.pointer || "/"} ${i.message}`)
    .join("; ");
}

/** Why Prism refused, when it says (errors mode: the served example or generated body violates its schema). */
const violationsOf = (last: { headers: Headers } | undefined): string => {
  const violations = last?.headers.get("sl-violations");
  return violations ? ` (sl-violations: ${violations.slice(0, 300)})` : "";
};

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value: unknown) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined, error }),
  );

/** A documented redirect (documentedRedirects), not followed: its status, no sl-violations, a Location header when documented. */
async function checkRedirect(target: Target, op: Operation, check: string, input: Input, headers?: Record<string, string>): Promise<void> {
  const rec = recordingFetch({ redirect: "manual" });
  const redirects = documentedRedirects(op);
  const expected = `a documented redirect (${redirects.join(", ")})`;
  const { error } = await outcome(client(target, target.token, rec.fetch)[op.id](input, headers ? { headers } : undefined));
  const last = rec.last();
  if (!last) fail(target, op, check, input, expected, `no response: ${String(error)}`);
  if (!redirects.includes(String(last.status)))
    fail(target, op, check, input, expected, `status ${last.status} is not a documented redirect`, { status: last.status });
  const violations = last.headers.get("sl-violations");
  if (violations) fail(target, op, check, input, expected, `sl-violations: ${violations}`, { status: last.status });
  const documented = deref(target.vendor.spec, op.op.responses?.[String(last.status)]);
  const location = Object.keys(documented?.headers ?? {}).some((h) => h.toLowerCase() === "location");
  if (location && !last.headers.get("location")) fail(target, op, check, input, expected, "no Location header", { status: last.status });
}

/** The documented success: documented status, schema-valid body, no sl-violations (and, on the examples mock, the example). Returns the value. */
export async function checkSuccess(target: Target, op: Operation, input: Input = exampleInput(target.vendor.spec, op)): Promise<unknown> {
  if (documentedRedirects(op).length) return checkRedirect(target, op, "success", input);
  const rec = recordingFetch();
  const { value, error } = await outcome(client(target, target.token, rec.fetch)[op.id](input));
  const last = rec.last();
  const expected = `a documented success (${op.success.join(", ")}) with a schema-valid body`;
  if (error !== undefined)
    fail(
      target,
      op,
      "success",
      input,
      expected,
      `threw ${(error as Error).name} ${(error as { status?: number }).status ?? ""}: ${(error as Error).message}${violationsOf(last)}`,
      { status: last?.status },
    );
  if (!last) fail(target, op, "success", input, expected, "no request was sent");
  const status = String(last.status);
  if (!op.success.includes(status))
    fail(target, op, "success", input, expected, `status ${status} is not a documented success (${op.success.join(", ")})`, { status: last.status });
  const violations = last.headers.get("sl-violations");
  if (violations) fail(target, op, "success", input, expected, `sl-violations: ${violations}`, { status: last.status });
  const issues = schemaIssues(target, op, status, last.text, last.headers.get("content-type"));
  if (issues?.length)
    fail(target, op, "success", input, expected, `response body does not match the schema of ${status}: ${describeIssues(issues)}`, {
      status: last.status,
      issue: issues[0],
    });
  if (target.examples) {
    const { type, example } = responseExample(target.vendor.spec, op, status);
    if (type && /json/.test(type) && !isDeepStrictEqual(value, example)) {
      fail(target, op, "success", input, "the spec's example", `returned value differs from the spec's example: ${JSON.stringify(value)?.slice(0, 200)}`, {
        status: last.status,
      });
    }
    if (!type && value !== undefined && value !== null && value !== "")
      fail(target, op, "success", input, "no content", `expected no content, got ${JSON.stringify(value)}`, { status: last.status });
  }
  return value;
}

export type AuthCase = "no token" | "bad token";

/** Without a token, or with one the server never issued, the call is an AuthenticationError 401 with a schema-valid body. */
export async function checkAuth(
  target: Target,
  op: Operation,
  which: AuthCase = "no token",
  input: Input = exampleInput(target.vendor.spec, op),
): Promise<void> {
  const check = which === "no token" ? "auth" : "auth: bad token";
  const rec = recordingFetch();
  const token = which === "no token" ? undefined : "model-apis-contract-not-a-real-token";
  const { error } = await outcome(client(target, token, rec.fetch)[op.id](input));
  const expected = "401 with a schema-valid body";
  if (!(error instanceof target.errors.ApiError!))
    fail(target, op, check, input, expected, `expected ApiError 401, got ${error === undefined ? "success" : String(error)}`, { status: rec.last()?.status });
  const status = (error as unknown as { status: number }).status;
  if (status !== 401) fail(target, op, check, input, expected, `expected 401, got ${status}`, { status });
  if (!(error instanceof target.errors.AuthenticationError!)) fail(target, op, check, input, expected, "401 is not an AuthenticationError", { status });
  const last = rec.last()!;
  const issues = schemaIssues(target, op, "401", last.text, last.headers.get("content-type"));
  if (issues?.length) fail(target, op, check, input, expected, `401 body does not match its schema: ${describeIssues(issues)}`, { status, issue: issues[0] });
}

/**
 * A bad request is refused with a documented 4xx as an ApiError. On the examples mock Prism's own 422 is also
 * accepted. On a mock of a `lint: imported` vendor (a spec taken as published, which seldom documents its validation
 * answer) Prism's own 422 is accepted only when its body names the fault (prismValidationAnswer): the mock validated
 * the request and refused it for the reason the check made. A 2xx, a 5xx, another undocumented 4xx, or a 422 that
 * names another fault still fails; a live server must answer a documented 4xx.
 */
export async function checkValidation(
  target: Target,
  op: Operation,
  which: ValidationCase,
  mutated: { input: Input; what: string; place?: FaultPlace },
): Promise<void> {
  const { input, what } = mutated;
  const allowed = new Set([...op.errors.filter((s) => s.startsWith("4")), ...(target.examples ? ["422"] : [])]);
  const prism = target.mock && target.vendor.lint === "imported" && mutated.place !== undefined;
  const expected = `a documented 4xx (${[...allowed].join(", ")})${prism ? ", or Prism's own 422 naming the fault" : ""}`;
  const { value, error } = await outcome(client(target, target.token)[op.id](input));
  if (!(error instanceof target.errors.ApiError!))
    fail(target, op, which, input, expected, `${what}: expected an ApiError 4xx, got ${error === undefined ? "success" : String(error)}`, {}, value);
  const { status, body } = error as unknown as { status: number; body: unknown };
  if (allowed.has(String(status))) return;
  if (prism && status === 422 && prismValidationAnswer(body, mutated.place!)) return;
  fail(target, op, which, input, expected, `${what}: status ${status} is not a documented 4xx (${[...allowed].join(", ")})`, { status });
}

/** An id nobody created gets the documented not-found answer: `status`, a body valid against its schema. */
export async function checkUnknownId(target: Target, op: Operation, input: Input, status: number): Promise<void> {
  const rec = recordingFetch();
  const expected = `${status} with a schema-valid body`;
  const { error } = await outcome(client(target, target.token, rec.fetch)[op.id](input));
  if (!(error instanceof target.errors.ApiError!))
    fail(target, op, "unknown id", input, expected, `expected ApiError ${status}, got ${error === undefined ? "success" : String(error)}`, {
      status: rec.last()?.status,
    });
  const got = (error as unknown as { status: number }).status;
  if (got !== status) fail(target, op, "unknown id", input, expected, `expected ${status}, got ${got}`, { status: got });
  const last = rec.last()!;
  const issues = schemaIssues(target, op, String(status), last.text, last.headers.get("content-type"));
  if (issues?.length)
    fail(target, op, "unknown id", input, expected, `${status} body does not match its schema: ${describeIssues(issues)}`, { status: got, issue: issues[0] });
}

/** `Prefer: code=NNN` for a documented error status: the right ApiError subclass with a body matching its schema. */
export async function checkErrorStatus(target: Target, op: Operation, status: string): Promise<void> {
  const input = exampleInput(target.vendor.spec, op);
  const check = `error ${status}`;
  const rec = recordingFetch();
  const { error } = await outcome(client(target, target.token, rec.fetch)[op.id](input, { headers: { Prefer: `code=${status}` } }));
  const expected = `the documented ${status}`;
  if (!(error instanceof target.errors.ApiError!))
    fail(target, op, check, input, expected, `expected ApiError ${status}, got ${error === undefined ? "success" : String(error)}`);
  const e = error as unknown as { status: number; body: unknown };
  if (String(e.status) !== status) fail(target, op, check, input, expected, `expected ${status}, got ${e.status}`, { status: e.status });
  // the subclass the runtime maps this status to (runtime/src/errors.ts errorClassFor; its own tests check the map)
  const cls = errorClassFor(e.status);
  if (!(error instanceof cls)) fail(target, op, check, input, expected, `not an instance of ${cls.name}`, { status: e.status });
  const last = rec.last()!;
  const issues = schemaIssues(target, op, status, last.text, last.headers.get("content-type"));
  if (issues?.length)
    fail(target, op, check, input, expected, `body does not match its schema: ${describeIssues(issues)}`, { status: e.status, issue: issues[0] });
  const { type, example } = responseExample(target.vendor.spec, op, status);
  if (type && /json/.test(type) && example !== undefined && !isDeepStrictEqual(e.body, example)) {
    fail(target, op, check, input, expected, `typed body differs from the spec's example: ${JSON.stringify(e.body)?.slice(0, 200)}`, { status: e.status });
  }
}

/** Dynamic responses (Prism generates them from the schema) for a fixed set of seeds all validate. */
export async function checkDynamic(target: Target, op: Operation, seeds: number[]): Promise<void> {
  const input = exampleInput(target.vendor.spec, op);
  if (documentedRedirects(op).length) {
    for (const seed of seeds) await checkRedirect(target, op, "dynamic", input, { Prefer: `dynamic=true, seed=${seed}` });
    return;
  }
  for (const seed of seeds) {
    const rec = recordingFetch();
    const { error } = await outcome(client(target, target.token, rec.fetch)[op.id](input, { headers: { Prefer: `dynamic=true, seed=${seed}` } }));
    const expected = "a schema-valid generated body";
    if (error !== undefined) fail(target, op, "dynamic", input, expected, `seed ${seed}: threw ${String(error)}${violationsOf(rec.last())}`);
    const last = rec.last()!;
    const violations = last.headers.get("sl-violations");
    if (violations) fail(target, op, "dynamic", input, expected, `seed ${seed}: sl-violations ${violations}`, { status: last.status });
    const issues = schemaIssues(target, op, String(last.status), last.text, last.headers.get("content-type"));
    if (issues?.length)
      fail(target, op, "dynamic", input, expected, `seed ${seed}: generated body does not match the schema: ${describeIssues(issues)}`, {
        status: last.status,
        issue: issues[0],
      });
  }
}
