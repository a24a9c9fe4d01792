import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as runtime from "@model-apis/runtime";
import { checkAuth, checkDynamic, checkErrorStatus, checkSuccess, checkValidation, type Target, type ValidationCase } from "./lib/checks.ts";
import { allowDestructive, isDestructive } from "./lib/live.ts";
import { operationsOf } from "./lib/operations.ts";
import { flushResults, record, recordSkip } from "./lib/record.ts";
import { missingExamples } from "./lib/requests.ts";
import { vendors } from "./lib/vendors.ts";

/**
 * Every operation of every spec, derived from the spec itself: a new operation is tested without edits here,
 * and one that cannot be called from its examples fails with a message that names it.
 */
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const VALIDATION: ValidationCase[] = ["missing required field", "wrong type", "bad path parameter"];

afterAll(() => flushResults("every-operation"));

for (const vendor of vendors()) {
  describe(vendor.slug, () => {
    const target = {} as Target;
    let available = true;
    beforeAll(async () => {
      const t = inject("targets")[vendor.slug];
      available = Boolean(t);
      if (!t) return;
      const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, unknown>;
      const createClient = mod[`create${vendor.clientName}Client`] as Target["createClient"];
      expect(createClient, `@model-apis/${vendor.slug} exports create${vendor.clientName}Client`).toBeTypeOf("function");
      Object.assign(target, { vendor, baseUrl: t.baseUrl, token: t.token, createClient, errors: runtime, mock: !t.live });
    });

    for (const op of operationsOf(vendor.spec)) {
      describe(op.id, () => {
        const row = (check: string) => ({ vendor: vendor.slug, operation: op.id, check, ...(op.assumption ? { assumption: true } : {}) });
        const live = () => !target.mock;
        const skipLive = (destructiveOnly: boolean) => !available || (live() && (!destructiveOnly || (isDestructive(op.method) && !allowDestructive())));

        it("can be called from the spec's examples", () => {
          expect(missingExamples(vendor.spec, op), `${vendor.slug} ${op.id} needs examples for`).toEqual([]);
        });

        it("success: documented status, schema-valid body, the spec's example", async (ctx) => {
          if (skipLive(true)) return recordSkip(row("success")), ctx.skip();
          await record(row("success"), () => checkSuccess(target, op));
        });

        it("auth: no token gives ApiError 401 with the typed body", async (ctx) => {
          if (!op.errors.includes("401")) return recordSkip(row("auth"), "n/a");
          if (!available) return recordSkip(row("auth")), ctx.skip();
          await record(row("auth"), () => checkAuth(target, op));
        });

        for (const which of VALIDATION) {
          it(`validation: ${which} gives a documented 4xx`, async (ctx) => {
            if (skipLive(false) || (live() && isDestructive(op.method) && !allowDestructive())) return recordSkip(row(which)), ctx.skip();
            await record(row(which), () => checkValidation(target, op, which));
          });
        }

        for (const status of op.errors) {
          it(`error ${status}: Prefer code=${status} throws the typed ApiError`, async (ctx) => {
            if (!available || live()) return recordSkip(row(`error ${status}`)), ctx.skip();
            await record(row(`error ${status}`), () => checkErrorStatus(target, op, status));
          });
        }

        it(`dynamic: ${SEEDS.length} seeded generated responses validate`, async (ctx) => {
          if (!available || live()) return recordSkip(row("dynamic")), ctx.skip();
          await record(row("dynamic"), () => checkDynamic(target, op, SEEDS));
        });
      });
    }
  });
}
