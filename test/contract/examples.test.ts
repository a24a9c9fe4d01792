/**
 * The examples checks, on each vendor's stateless mock (the spec's examples, Prism only): the documented success
 * equals the example, every documented error status through `Prefer: code`, and 20 seeded dynamic bodies. They
 * test the spec itself (its examples and schemas agree), so they run on the mock only; on a live target the
 * file's tests are skipped.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as runtime from "@model-apis/runtime";
import { preferable } from "./lib/applicability.ts";
import { checkDynamic, checkErrorStatus, checkSuccess, type Target } from "./lib/checks.ts";
import { operationsOf, syntheticInput, syntheticResponse } from "./lib/operations.ts";
import { flushResults, record } from "./lib/record.ts";
import { missingExamples } from "./lib/requests.ts";
import { vendors } from "./lib/vendors.ts";

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const live = process.env.CONTRACT_TARGET === "live";

afterAll(() => flushResults("examples"));

for (const vendor of vendors()) {
  describe.skipIf(live)(`${vendor.slug} (examples)`, () => {
    const target = {} as Target;
    beforeAll(async () => {
      const t = inject("targets")[vendor.slug]!;
      const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, unknown>;
      const createClient = mod[`create${vendor.clientName}Client`] as Target["createClient"];
      expect(createClient, `@model-apis/${vendor.slug} exports create${vendor.clientName}Client`).toBeTypeOf("function");
      Object.assign(target, { vendor, baseUrl: t.baseUrl, token: t.token, createClient, errors: runtime, examples: true, mock: true });
    });

    for (const op of operationsOf(vendor.spec)) {
      describe(op.id, () => {
        // a check on examples normalize sampled is marked synthetic: the call's, or the compared response's
        const sampledInput = syntheticInput(vendor.spec, op).length > 0;
        const row = (check: string, statuses: string[] = []) => ({
          suite: "examples" as const,
          vendor: vendor.slug,
          operation: op.id,
          check,
          ...(op.assumption ? { assumption: true } : {}),
          ...(sampledInput || statuses.some((s) => syntheticResponse(vendor.spec, op, s)) ? { synthetic: true } : {}),
        });

        it("can be called from the spec's examples", () => {
          expect(missingExamples(vendor.spec, op), `${vendor.slug} ${op.id} needs examples for`).toEqual([]);
        });

        it("success: documented status, schema-valid body, the spec's example", async () => {
          await record(row("success", op.success), () => checkSuccess(target, op));
        });

        for (const status of op.errors.filter(preferable)) {
          it(`error ${status}: Prefer code=${status} throws the typed ApiError`, async () => {
            await record(row(`error ${status}`, [status]), () => checkErrorStatus(target, op, status));
          });
        }

        it(`dynamic: ${SEEDS.length} seeded generated responses validate`, async () => {
          await record(row("dynamic"), () => checkDynamic(target, op, SEEDS));
        });
      });
    }
  });
}
