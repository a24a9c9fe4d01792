/**
 * The client's auto-pagination (`method.all()` and `method.pages()`) against each vendor's twin, over more than
 * one page in the vendor's own style: Cuadra's cursors, AI Squared's page numbers with links, Open WebUI's fixed
 * pages of 30 with a total.
 */
import { describe, expect, it } from "vitest";
import { PAGINATION_EXTENSION, type PaginationSemantics } from "@model-apis/spec-model";
import { createInput, lifecyclePlans, recordOf } from "./lib/lifecycle.ts";
import { exampleInput } from "./lib/requests.ts";
import { vendors } from "./lib/vendors.ts";

type Mock = { url: string; close(): Promise<void> };
// biome-ignore lint/suspicious/noExplicitAny: generated clients are called by operationId
type AnyClient = Record<string, any>;

for (const vendor of vendors()) {
  for (const plan of lifecyclePlans(vendor.spec)) {
    const pagination = plan.list.op[PAGINATION_EXTENSION] as PaginationSemantics | undefined;
    if (!pagination) continue;
    const count = pagination.limitParam ? 5 : (pagination.pageSize ?? 0) + 3;
    describe(`${vendor.slug} ${plan.list.id} (${pagination.style} pages)`, () => {
      it(`all() walks ${count} records${pagination.limitParam ? " two at a time" : ` over pages of ${pagination.pageSize}`}, pages() shows the pages`, async () => {
        const { startMock } = (await import(`@model-apis/${vendor.slug}-mock`)) as { startMock: (o: object) => Promise<Mock> };
        const twin = await startMock({ port: 0, state: "empty" });
        try {
          const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, (o: object) => AnyClient>;
          const client = mod[`create${vendor.clientName}Client`]!({ baseUrl: twin.url, token: "pages-token", retries: 0 });
          const ids: string[] = [];
          for (let i = 0; i < count; i++) {
            const record = recordOf(plan.semantics, await client[plan.create.id](createInput(vendor.spec, plan, `page ${i}`, `page-${i}`)));
            ids.push(String(record![plan.semantics.id.property]));
          }
          const input = exampleInput(vendor.spec, plan.list);
          if (pagination.limitParam) input.query = { ...input.query, [pagination.limitParam]: 2 };
          const seen: string[] = [];
          for await (const item of client[plan.list.id].all(input)) seen.push(String(recordOf(plan.semantics, item, false)?.[plan.semantics.id.property]));
          expect([...seen].sort()).toEqual([...ids].sort());
          let pages = 0;
          for await (const page of client[plan.list.id].pages(input)) {
            pages++;
            expect(page.response.status).toBe(200);
          }
          expect(pages).toBe(pagination.limitParam ? Math.ceil(count / 2) : Math.ceil(count / pagination.pageSize!));
        } finally {
          await twin.close();
        }
      });
    });
  }
}
