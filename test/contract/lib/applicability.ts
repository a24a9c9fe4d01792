/**
 * Which checks apply to an operation, and what counts as a right answer: pure functions of the spec, kept apart
 * from the checks that call the server (checks.ts), and tested on their own (suite/imported-policy.test.ts).
 */
import type { Operation } from "./operations.ts";
import { type FaultPlace, type Input, withBadPathParam, withoutRequired, withWrongType } from "./requests.ts";
import type { Spec } from "./vendors.ts";

/**
 * The redirects an operation documents as its answer when it documents no 2xx (GitHub's log downloads answer only
 * a 302 to a storage URL): the success and dynamic checks then expect one of them, not followed (fetch would follow
 * it off the mock). Empty for an operation with a documented 2xx.
 */
export function documentedRedirects(op: Operation): string[] {
  return op.success.length ? [] : op.errors.filter((s) => /^3\d\d$/.test(s));
}

/**
 * Why the auth checks do not apply to an operation, or undefined when they do: the spec requires no credentials for
 * it (no `security` on the operation or at the root, or an empty requirement `{}` among them, which lets a caller
 * without credentials in), so there is nothing to withhold and no 401 to expect.
 */
export function authNotApplicable(spec: Spec, op: Operation): string | undefined {
  const requirements: unknown = op.op.security ?? spec.security;
  if (!Array.isArray(requirements) || requirements.length === 0)
    return "the spec declares no security for this operation (nor at its root): no credentials to withhold";
  if (requirements.some((r) => typeof r === "object" && r !== null && Object.keys(r).length === 0))
    return "the spec lets this operation be called without credentials (an empty security requirement)";
  return undefined;
}

export type ValidationCase = "missing required field" | "wrong type" | "bad path parameter";

/** The mutated input for a validation case (and where its fault is), or undefined when the operation has nothing to mutate. */
export function validationInput(spec: Spec, op: Operation, which: ValidationCase, base: Input): { input: Input; what: string; place: FaultPlace } | undefined {
  if (which === "missing required field") {
    const m = withoutRequired(spec, op, base.body);
    return m && { input: { ...base, body: m.body }, what: `without ${m.removed}`, place: { location: ["body"], missing: m.removed.slice(1) } };
  }
  if (which === "wrong type") {
    const m = withWrongType(spec, op, base.body);
    return m && { input: { ...base, body: m.body }, what: `wrong type at ${m.changed}`, place: { location: ["body", ...m.changed.split("/").slice(1)] } };
  }
  const m = withBadPathParam(spec, op, base);
  return m && { input: m.input, what: `path parameter ${m.param}=not-a-valid-value`, place: { location: ["path", m.param] } };
}

/** The problem type of Prism's own answer to a request that fails validation. */
export const PRISM_UNPROCESSABLE = "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY";

/**
 * Whether `body` is Prism's own answer to a request that fails validation, naming the fault the mutation made. Prism
 * gives it (422, `application/problem+json`) when the operation documents no 422, 400 or `default` response (else it
 * answers with that one, which the check accepts as documented): `{type: PRISM_UNPROCESSABLE, status: 422,
 * validation: [{location, code, message}]}`. The fault is named when an entry's location is the mutated place (for
 * a removed property: its parent, with a `required` entry naming it).
 */
export function prismValidationAnswer(body: unknown, place: FaultPlace): boolean {
  if (typeof body !== "object" || body === null) return false;
  const { type, status, validation } = body as { type?: unknown; status?: unknown; validation?: unknown };
  if (type !== PRISM_UNPROCESSABLE || status !== 422 || !Array.isArray(validation)) return false;
  return validation.some((v: { location?: unknown; code?: unknown; message?: unknown }) => {
    if (!Array.isArray(v?.location) || v.location.length !== place.location.length || !v.location.every((k, i) => String(k) === place.location[i]))
      return false;
    return place.missing === undefined || (v.code === "required" && typeof v.message === "string" && v.message.includes(`'${place.missing}'`));
  });
}

/** Whether `Prefer: code=<status>` can be checked: fetch follows redirects, and ranges (4XX) cannot be asked for. */
export const preferable = (status: string): boolean => /^\d{3}$/.test(status) && !/^3/.test(status);
