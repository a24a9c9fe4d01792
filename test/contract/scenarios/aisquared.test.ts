/** AI Squared: the Workspace-Id header every call needs, and the JSON:API envelope of every answer. */
import { afterEach, describe, expect, expectTypeOf, inject, it } from "vitest";
import { ApiError, createAiSquaredClient, type Model, type ModelListResponse } from "@model-apis/aisquared";
import { startWireProxy, type WireProxy } from "../lib/wire-proxy.ts";

const target = inject("targets").aisquared;
let proxy: WireProxy | undefined;
afterEach(async () => proxy?.close());

const LINK_KEYS = ["first", "last", "next", "prev", "self"];

describe.runIf(target && !target.live)("aisquared scenarios (mock)", () => {
  it("the workspaceId option becomes the Workspace-Id header of every request, and a per-call header wins", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createAiSquaredClient({ baseUrl: proxy.url, token: target!.token, workspaceId: 7 });
    await client.listModels();
    await client.getModel({ path: { id: 42 } });
    await client.getModel({ path: { id: 42 }, header: { "Workspace-Id": 9 } });
    expect(proxy.requests.map((r) => r.headers["workspace-id"])).toEqual(["7", "7", "9"]);
  });

  it("without a Workspace-Id the request is refused with a 4xx ApiError, and nothing is sent twice", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createAiSquaredClient({ baseUrl: proxy.url, token: target!.token });
    const error = await client.listModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBeGreaterThanOrEqual(400);
    expect((error as ApiError).status).toBeLessThan(500);
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0]!.headers["workspace-id"]).toBeUndefined();
  });

  it("lists and single models come in the JSON:API envelope: data {id, type, attributes} and five links", async () => {
    const client = createAiSquaredClient({ baseUrl: target!.baseUrl, token: target!.token, workspaceId: 7, validateResponses: true });
    const page = await client.listModels({ query: { page: 1, per_page: 10 } });
    expect(Object.keys(page.links).sort()).toEqual(LINK_KEYS);
    expect(page.data.length).toBeGreaterThan(0);
    for (const model of page.data) {
      expect(model.type).toBe("models");
      expect(model.id).toMatch(/^\d+$/); // rendered as a string, although the path takes an integer
      expect(model.attributes.name).toEqual(expect.any(String));
      expect(model).not.toHaveProperty("relationships");
    }
    const one = await client.getModel({ path: { id: Number(page.data[0]!.id) } });
    expect(one.data.type).toBe("models");
    expect(one.data.attributes.connector).toEqual(expect.objectContaining({ id: expect.anything() }));
    expectTypeOf(page).toEqualTypeOf<ModelListResponse>();
    expectTypeOf(one.data).toEqualTypeOf<Model>();
  });

  it("the second page's links point both ways (Prefer: example=secondPage)", async () => {
    const client = createAiSquaredClient({ baseUrl: target!.baseUrl, token: target!.token, workspaceId: 7 });
    const page = await client.listModels({ query: { page: 2, per_page: 1 } }, { headers: { Prefer: "example=secondPage" } });
    expect(new URL(page.links.next!).searchParams.get("page")).toBe("3");
    expect(new URL(page.links.prev!).searchParams.get("page")).toBe("1");
  });
});
