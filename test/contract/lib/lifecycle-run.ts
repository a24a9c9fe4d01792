/**
 * One resource's lifecycle as named steps; a broken step throws a ContractViolation that names the step, the
 * JSON pointer and what the server did (the divergence report's row).
 */
import { isDeepStrictEqual } from "node:util";
import { toPointer } from "@model-apis/spec-model";
import { ContractViolation } from "./divergence.ts";
import { expectedBody, listIds, notFoundAnswer, recordOf, sentScalars, updateInput, withId, type Call, type LifecyclePlan } from "./lifecycle.ts";
import type { Operation } from "./operations.ts";
import type { Input } from "./requests.ts";
import { stopped } from "./ledger.ts";
import type { Subjects } from "./subjects.ts";
import type { Spec } from "./vendors.ts";

export interface LifecycleContext {
  vendor: string;
  spec: Spec;
  plan: LifecyclePlan;
  call: Call;
  subjects: Subjects;
  /** On a live server, error bodies are checked for their status only (their texts carry server details). */
  live: boolean;
}

function violation(
  ctx: LifecycleContext,
  op: Operation,
  step: string,
  input: Input | undefined,
  expected: string,
  message: string,
  got: { status?: number; pointer?: string } = {},
): ContractViolation {
  return new ContractViolation(`${ctx.vendor} ${ctx.plan.resource} lifecycle [${step}]: ${message}`, {
    vendor: ctx.vendor,
    operation: op.id,
    check: `lifecycle: ${step}`,
    request: { method: op.method, path: op.path, ...(input ? { input } : {}) },
    expected,
    got: { message, ...got },
  });
}

async function attempt(ctx: LifecycleContext, op: Operation, step: string, input: Input): Promise<unknown> {
  try {
    return await ctx.call(op.id, input);
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw violation(ctx, op, step, input, "a documented success", `${op.id} failed: ${String(error)}`, status === undefined ? {} : { status });
  }
}

async function refusal(ctx: LifecycleContext, op: Operation, step: string, input: Input): Promise<{ status: number; body: unknown }> {
  const outcome = await ctx.call(op.id, input).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ("value" in outcome) {
    // it should have been refused; if it created a record, that record is deleted with the others
    if (op.id === ctx.plan.create.id) ctx.subjects.track(ctx.plan, outcome.value);
    throw violation(ctx, op, step, input, "an error answer", `${op.id} succeeded; the body at / is ${JSON.stringify(outcome.value)?.slice(0, 160)}`, {
      pointer: "/",
    });
  }
  const error = outcome.error as { status?: number; body?: unknown };
  if (typeof error.status !== "number") throw violation(ctx, op, step, input, "an error answer", `${op.id}: ${String(outcome.error)}`);
  return { status: error.status, body: error.body };
}

/** The first field where `record` differs from `want`, as a pointer. */
function differs(record: Spec | undefined, want: Spec): { pointer: string; got: unknown; want: unknown } | undefined {
  for (const [key, value] of Object.entries(want)) {
    if (!isDeepStrictEqual(record?.[key], value)) return { pointer: toPointer([key]), got: record?.[key], want: value };
  }
  return undefined;
}

function expectFields(ctx: LifecycleContext, op: Operation, step: string, input: Input, record: Spec | undefined, want: Spec): void {
  const diff = differs(record, want);
  if (diff)
    throw violation(
      ctx,
      op,
      step,
      input,
      `${diff.pointer} = ${JSON.stringify(diff.want)}`,
      `${diff.pointer} is ${JSON.stringify(diff.got)}, not ${JSON.stringify(diff.want)}`,
      { pointer: diff.pointer },
    );
}

/** create two → get each → list holds both → update → get reflects it → delete → not found → list lacks it. */
export async function runLifecycle(ctx: LifecycleContext): Promise<void> {
  const { plan, spec, subjects } = ctx;
  const idProperty = plan.semantics.id.property;
  const records: Spec[] = [];
  const inputs: Input[] = [];
  for (const n of [1, 2]) {
    if (stopped(subjects.ledgerDir)) throw new Error("the run was interrupted: no more records are created");
    const input = subjects.createInputFor(plan);
    const value = await attempt(ctx, plan.create, `create ${n}`, input);
    subjects.track(plan, value);
    const record = recordOf(plan.semantics, value);
    if (record?.[idProperty] === undefined)
      throw violation(ctx, plan.create, `create ${n}`, input, `the new record's ${idProperty}`, `the answer has no ${idProperty}`, {
        pointer: `/${idProperty}`,
      });
    expectFields(ctx, plan.create, `create ${n} echoes what was sent`, input, record, sentScalars(plan, input));
    records.push(record);
    inputs.push(input);
  }
  const [a, b] = records as [Spec, Spec];
  if (String(a[idProperty]) === String(b[idProperty]))
    throw violation(ctx, plan.create, "create 2", inputs[1], "distinct ids", `both creates answered ${idProperty} ${String(a[idProperty])}`, {
      pointer: `/${idProperty}`,
    });

  for (const [i, record] of records.entries()) {
    const input = withId(spec, plan.semantics, plan.read, record[idProperty]);
    const got = recordOf(plan.semantics, await attempt(ctx, plan.read, `get ${i + 1}`, input));
    expectFields(ctx, plan.read, `get ${i + 1} returns what create answered`, input, got, {
      [idProperty]: record[idProperty],
      [plan.label]: record[plan.label],
    });
  }

  const wanted = [String(a[idProperty]), String(b[idProperty])];
  const listed = await listIds(ctx.call, spec, plan, 1).catch((error: Error) => {
    throw violation(ctx, plan.list, "list", undefined, "pages that end", error.message);
  });
  for (const id of wanted)
    if (!listed.ids.includes(id))
      throw violation(
        ctx,
        plan.list,
        "list holds both",
        undefined,
        `${idProperty} ${id} in the list`,
        `${id} is not among the ${listed.ids.length} listed over ${listed.pages} page(s)`,
        { pointer: `/${idProperty}` },
      );

  if (plan.update) {
    const label = `${subjects.run} updated`;
    const input = updateInput(spec, plan, a[idProperty], inputs[0]!, label);
    const updated = recordOf(plan.semantics, await attempt(ctx, plan.update, "update", input));
    expectFields(ctx, plan.update, "update answers the change", input, updated, { [plan.label]: label });
    const getInput = withId(spec, plan.semantics, plan.read, a[idProperty]);
    const got = recordOf(plan.semantics, await attempt(ctx, plan.read, "get after update", getInput));
    expectFields(ctx, plan.read, "get reflects the update", getInput, got, { [plan.label]: label });
  }

  if (!plan.remove) return;
  const removeInput = withId(spec, plan.semantics, plan.remove, a[idProperty]);
  await attempt(ctx, plan.remove, "delete", removeInput);
  subjects.untrack(plan, a[idProperty]);
  const getInput = withId(spec, plan.semantics, plan.read, a[idProperty]);
  const gone = await refusal(ctx, plan.read, "get after delete", getInput);
  const answer = notFoundAnswer(plan, plan.read);
  const status = answer?.status ?? 404;
  if (gone.status !== status)
    throw violation(ctx, plan.read, "get after delete is not found", getInput, `status ${status}`, `status ${gone.status}`, { status: gone.status });
  if (answer && !ctx.live && !isDeepStrictEqual(gone.body, expectedBody(answer, a[idProperty]))) {
    throw violation(
      ctx,
      plan.read,
      "get after delete is the vendor's not-found",
      getInput,
      JSON.stringify(expectedBody(answer, a[idProperty])),
      `body ${JSON.stringify(gone.body)?.slice(0, 160)}`,
      { status: gone.status, pointer: "" },
    );
  }
  const after = await listIds(ctx.call, spec, plan, 1);
  if (after.ids.includes(wanted[0]!))
    throw violation(ctx, plan.list, "list lacks the deleted record", undefined, `no ${idProperty} ${wanted[0]}`, `${wanted[0]} is still listed`, {
      pointer: `/${idProperty}`,
    });
  if (!after.ids.includes(wanted[1]!))
    throw violation(ctx, plan.list, "list keeps the other record", undefined, `${idProperty} ${wanted[1]}`, `${wanted[1]} is gone too`, {
      pointer: `/${idProperty}`,
    });
}

/** A duplicate client-given id, or a create without its fields, gets the vendor's own status (and body on a twin). */
export async function runRefusal(ctx: LifecycleContext): Promise<"duplicate" | "invalid" | undefined> {
  const { plan, subjects } = ctx;
  const duplicate = plan.semantics.errors?.duplicate;
  if (plan.semantics.id.source === "client" && duplicate) {
    const input = subjects.createInputFor(plan);
    const first = recordOf(plan.semantics, await attempt(ctx, plan.create, "create", input));
    subjects.track(plan, first);
    const again = await refusal(ctx, plan.create, "create again with the same id", input);
    if (again.status !== duplicate.status)
      throw violation(ctx, plan.create, "a duplicate id is refused", input, `status ${duplicate.status}`, `status ${again.status}`, { status: again.status });
    const want = expectedBody(duplicate, first?.[plan.semantics.id.property]);
    if (!ctx.live && !isDeepStrictEqual(again.body, want))
      throw violation(ctx, plan.create, "a duplicate id gets the vendor's body", input, JSON.stringify(want), JSON.stringify(again.body)?.slice(0, 160), {
        status: again.status,
        pointer: "",
      });
    return "duplicate";
  }
  const validation = plan.semantics.errors?.validation;
  if (!validation) return undefined;
  const input = subjects.createInputFor(plan);
  const at = plan.semantics.envelope?.request;
  if (at) (input.body as Spec)[at.slice(1)] = {};
  else input.body = {};
  const refused = await refusal(ctx, plan.create, "create without fields", input);
  if (refused.status !== validation.status)
    throw violation(ctx, plan.create, "an invalid create is refused", input, `status ${validation.status}`, `status ${refused.status}`, {
      status: refused.status,
    });
  const body = refused.body as Spec;
  const shaped =
    validation.style === "fastapi"
      ? Array.isArray(body?.detail) && body.detail.every((d: Spec) => Array.isArray(d.loc) && typeof d.msg === "string")
      : validation.style === "dry-validation"
        ? typeof body?.errors === "object" && !Array.isArray(body.errors)
        : body?.status === validation.status;
  if (!shaped)
    throw violation(
      ctx,
      plan.create,
      `an invalid create gets a ${validation.style} body`,
      input,
      `a ${validation.style} error body`,
      JSON.stringify(body)?.slice(0, 160),
      { status: refused.status, pointer: "" },
    );
  return "invalid";
}
