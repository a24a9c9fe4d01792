/**
 * Every operation a twin owns answers, from its state, a documented status with a body that validates against
 * the spec's schema for that status; called with the spec's examples on a twin reset to those examples.
 * Also: a list with a fixed server page size pages once it holds more than a page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationRoles } from "@model-apis/spec-model";
import { createInput, lifecyclePlans, listIds, recordOf, type Call } from "./lib/lifecycle.ts";
import { operationsOf } from "./lib/operations.ts";
import { recordingFetch } from "./lib/recording-fetch.ts";
import { exampleInput } from "./lib/requests.ts";
import { responsePointer, specValidator } from "./lib/schema-validator.ts";
import { deref, vendors, type Spec } from "./lib/vendors.ts";

type Mock = { url: string; close(): Promise<void>; reset(): void; mode: string };
type AnyClient = Record<string, (input: unknown) => Promise<unknown>>;

for (const vendor of vendors()) {
  const roles = operationRoles(vendor.spec);
  if (roles.size === 0) continue;
  describe(`${vendor.slug} twin`, () => {
    let twin: Mock;
    let client: AnyClient;
    const rec = recordingFetch();
    const validate = specValidator(vendor.spec, `${vendor.slug}-twin`);
    beforeAll(async () => {
      const { startMock } = (await import(`@model-apis/${vendor.slug}-mock`)) as { startMock: (o: object) => Promise<Mock> };
      twin = await startMock({ port: 0, errors: true });
      const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, (o: object) => AnyClient>;
      client = mod[`create${vendor.clientName}Client`]!({ baseUrl: twin.url, token: "twin-test-token", retries: 0, fetch: rec.fetch });
    });
    afterAll(() => twin?.close());

    it("is a twin", () => expect(twin.mode).toBe("twin"));

    for (const op of operationsOf(vendor.spec).filter((o) => roles.has(o.id))) {
      it(`${op.id} (${roles.get(op.id)!.operation.role}) answers a documented status with a schema-valid body`, async () => {
        twin.reset();
        await client[op.id]!(exampleInput(vendor.spec, op)).catch(() => undefined);
        const last = rec.last()!;
        const status = String(last.status);
        expect([...op.success, ...op.errors], `${op.id} answered ${status}: ${last.text.slice(0, 200)}`).toContain(status);
        expect(last.headers.get("sl-violations") ?? "", "no response violations").not.toMatch(/"response"/);
        const response = deref(vendor.spec, op.op.responses?.[status]);
        const type = Object.keys(response?.content ?? {})[0];
        if (!type || !/json/.test(type)) return expect(last.text).toBe("");
        const issues = validate(responsePointer(vendor.spec, op.path, op.method, status, type), JSON.parse(last.text));
        expect(issues, `${op.id} ${status} body`).toEqual([]);
      });
    }
  });
}

describe("fixed-size pages", () => {
  for (const vendor of vendors()) {
    for (const plan of lifecyclePlans(vendor.spec)) {
      const p = plan.list.op["x-model-apis-pagination"] as Spec | undefined;
      if (!p?.pageSize || p.limitParam) continue;
      it(`${vendor.slug} ${plan.list.id} walks ${p.pageSize + 1} records over two pages of ${p.pageSize}`, async () => {
        const { startMock } = (await import(`@model-apis/${vendor.slug}-mock`)) as { startMock: (o: object) => Promise<Mock> };
        const twin = await startMock({ port: 0, errors: true, state: "empty" });
        try {
          const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, (o: object) => AnyClient>;
          const c = mod[`create${vendor.clientName}Client`]!({ baseUrl: twin.url, token: "twin-test-token", retries: 0 });
          const call: Call = (id, input) => c[id]!(input);
          const ids: string[] = [];
          for (let i = 0; i <= p.pageSize; i++) {
            const record = recordOf(plan.semantics, await call(plan.create.id, createInput(vendor.spec, plan, `page ${i}`, `page-${i}`)));
            ids.push(String(record![plan.semantics.id.property]));
          }
          const listed = await listIds(call, vendor.spec, plan);
          expect(listed.pages).toBe(2);
          expect([...listed.ids].sort()).toEqual([...ids].sort());
        } finally {
          await twin.close();
        }
      });
    }
  }
});
