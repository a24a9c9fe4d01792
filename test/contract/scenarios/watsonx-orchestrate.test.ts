/** watsonx Orchestrate: the repeatable exact-name filter `?name=a&name=b` on GET /models, answered by a bare array. */
import { afterEach, describe, expect, expectTypeOf, inject, it } from "vitest";
import { createWatsonxOrchestrateClient, type ListVirtualModel, NotFoundError } from "@model-apis/watsonx-orchestrate";
import { startWireProxy, type WireProxy } from "../lib/wire-proxy.ts";

const target = inject("targets")["watsonx-orchestrate"];
let proxy: WireProxy | undefined;
afterEach(async () => proxy?.close());

const NAMES = ["virtual-model/openai/gpt-4o", "virtual-model/anthropic/claude-sonnet-4"];

describe.runIf(target && !target.live)("watsonx-orchestrate scenarios (mock)", () => {
  it("repeats the name query once per value (form, explode) and gets a bare JSON array back", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createWatsonxOrchestrateClient({ baseUrl: proxy.url, token: target!.token, validateResponses: true });
    const models = await client.listModels({ query: { name: NAMES } }, { headers: { Prefer: "example=byName" } });
    expect(Array.isArray(models)).toBe(true);
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(model.name).toMatch(/^virtual-model\/[^/]+\/.+$/);
    const query = new URL(proxy.requests[0]!.url, proxy.url).search;
    expect(query).toBe(`?${NAMES.map((n) => `name=${encodeURIComponent(n)}`).join("&")}`);
    expectTypeOf(models).toEqualTypeOf<ListVirtualModel[]>();
  });

  it("one name is still sent as name=<value>, and no name sends no query at all", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createWatsonxOrchestrateClient({ baseUrl: proxy.url, token: target!.token });
    await client.listModels({ query: { name: [NAMES[0]!] } });
    await client.listModels();
    expect(proxy.requests.map((r) => new URL(r.url, proxy!.url).searchParams.getAll("name"))).toEqual([[NAMES[0]], []]);
  });

  it("404 on the list means nothing is registered: a NotFoundError the caller can map to []", async () => {
    const client = createWatsonxOrchestrateClient({ baseUrl: target!.baseUrl, token: target!.token });
    const models = await client
      .listModels(undefined, { headers: { Prefer: "code=404" } })
      .catch((e: unknown) => (e instanceof NotFoundError ? [] : Promise.reject(e)));
    expect(models).toEqual([]);
  });
});
