/**
 * Each resource's lifecycle through the generated client, derived from its semantics: on every vendor's twin,
 * or (CONTRACT_TARGET=live, CONTRACT_ALLOW_DESTRUCTIVE=1) on a live server. Records get a run-unique label (and
 * client-given ids a run-unique prefix); whatever the test created is deleted, even when a step fails.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { createInput, expectedBody, lifecyclePlans, listIds, notFoundAnswer, recordOf, sentScalars, updateInput, withId, type Call } from "./lib/lifecycle.ts";
import { allowDestructive } from "./lib/live.ts";
import { vendors, type Spec } from "./lib/vendors.ts";

const RUN = `ma${randomBytes(3).toString("hex")}`;

type AnyClient = Record<string, (input: unknown) => Promise<unknown>>;

async function clientFor(slug: string, clientName: string, target: { baseUrl: string; token: string }): Promise<Call> {
  const mod = (await import(`@model-apis/${slug}`)) as Record<string, (o: object) => AnyClient>;
  const client = mod[`create${clientName}Client`]!({ baseUrl: target.baseUrl, token: target.token, retries: 0 });
  return (operationId, input) => client[operationId]!(input);
}

/** The thrown ApiError's status and body, or a failure when the call succeeded. */
async function failure(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) throw new Error(`expected an error answer, got success: ${JSON.stringify(outcome.value)?.slice(0, 200)}`);
  const error = outcome.error as { status?: number; body?: unknown };
  if (typeof error.status !== "number") throw outcome.error;
  return { status: error.status, body: error.body };
}

for (const vendor of vendors()) {
  for (const plan of lifecyclePlans(vendor.spec)) {
    describe(`${vendor.slug} ${plan.resource} lifecycle`, () => {
      const spec = vendor.spec;
      const idProperty = plan.semantics.id.property;

      it("create two → get each → list holds both → update → get reflects it → delete → not found → list lacks it", async (ctx) => {
        const target = inject("twins")[vendor.slug];
        if (!target || (target.live && !allowDestructive())) return ctx.skip();
        const call = await clientFor(vendor.slug, vendor.clientName, target);
        const created: unknown[] = [];
        try {
          const inputs = ["a", "b"].map((n) => createInput(spec, plan, `${RUN} ${n}`, `${RUN}-${n}`));
          const records: Spec[] = [];
          for (const input of inputs) {
            const record = recordOf(plan.semantics, await call(plan.create.id, input));
            expect(record?.[idProperty], `${plan.create.id} answers the new record's id`).toBeDefined();
            created.push(record![idProperty]);
            expect(record, "the created record echoes what was sent").toMatchObject(sentScalars(plan, input));
            records.push(record!);
          }
          const [a, b] = records as [Spec, Spec];
          expect(String(a[idProperty])).not.toBe(String(b[idProperty]));

          for (const record of records) {
            const got = recordOf(plan.semantics, await call(plan.read.id, withId(spec, plan.semantics, plan.read, record[idProperty])));
            expect(got).toMatchObject({ [idProperty]: record[idProperty], [plan.label]: record[plan.label] });
          }

          const listed = await listIds(call, spec, plan, 1);
          expect(listed.ids).toEqual(expect.arrayContaining([String(a[idProperty]), String(b[idProperty])]));

          if (plan.update) {
            const label = `${RUN} a updated`;
            const updated = recordOf(plan.semantics, await call(plan.update.id, updateInput(spec, plan, a[idProperty], inputs[0]!, label)));
            expect(updated?.[plan.label]).toBe(label);
            const got = recordOf(plan.semantics, await call(plan.read.id, withId(spec, plan.semantics, plan.read, a[idProperty])));
            expect(got?.[plan.label], "get reflects the update").toBe(label);
          }

          if (plan.remove) {
            await call(plan.remove.id, withId(spec, plan.semantics, plan.remove, a[idProperty]));
            created.shift();
            const gone = await failure(call(plan.read.id, withId(spec, plan.semantics, plan.read, a[idProperty])));
            const answer = notFoundAnswer(plan, plan.read);
            if (answer) {
              expect(gone.status, "get of a deleted record").toBe(answer.status);
              if (!target.live) expect(gone.body).toEqual(expectedBody(answer, a[idProperty]));
            } else expect(gone.status).toBeGreaterThanOrEqual(400);
            const after = await listIds(call, spec, plan, 1);
            expect(after.ids).not.toContain(String(a[idProperty]));
            expect(after.ids).toContain(String(b[idProperty]));
          }
        } finally {
          if (plan.remove) for (const id of created) await call(plan.remove.id, withId(spec, plan.semantics, plan.remove, id)).catch(() => undefined);
        }
      });

      it("a duplicate or invalid create gets the vendor's own status and body", async (ctx) => {
        const target = inject("twins")[vendor.slug];
        if (!target || (target.live && !allowDestructive())) return ctx.skip();
        const call = await clientFor(vendor.slug, vendor.clientName, target);
        const duplicate = plan.semantics.errors?.duplicate;
        if (plan.semantics.id.source === "client" && duplicate) {
          const input = createInput(spec, plan, `${RUN} dup`, `${RUN}-dup`);
          const first = recordOf(plan.semantics, await call(plan.create.id, input));
          try {
            const again = await failure(call(plan.create.id, input));
            expect(again.status).toBe(duplicate.status);
            if (!target.live) expect(again.body).toEqual(expectedBody(duplicate, first?.[idProperty]));
          } finally {
            if (plan.remove) await call(plan.remove.id, withId(spec, plan.semantics, plan.remove, first?.[idProperty])).catch(() => undefined);
          }
          return;
        }
        const validation = plan.semantics.errors?.validation;
        if (!validation) return ctx.skip();
        const input = createInput(spec, plan, "", `${RUN}-invalid`);
        const at = plan.semantics.envelope?.request;
        const fields = (at ? (input.body as Spec)[at.slice(1)] : input.body) as Spec;
        delete fields[plan.label];
        const schemaRequired = Object.keys(fields).length;
        for (const key of Object.keys(fields)) delete fields[key];
        expect(schemaRequired, "the create example has fields to leave out").toBeGreaterThan(0);
        const refused = await failure(call(plan.create.id, input));
        expect(refused.status).toBe(validation.status);
        const body = refused.body as Spec;
        if (validation.style === "fastapi") expect(body.detail[0]).toMatchObject({ type: "missing", msg: "Field required" });
        if (validation.style === "dry-validation") expect(Object.keys(body.errors).length).toBeGreaterThan(0);
        if (validation.style === "problem") expect(body).toMatchObject({ status: validation.status });
      });
    });
  }
}
