/** Cuadra: cursor pagination (items / hasMore / nextCursor) and the Idempotency-Key on POST /v1/models. */
import { afterEach, describe, expect, expectTypeOf, inject, it } from "vitest";
import { createCuadraClient, type ModelPage } from "@model-apis/cuadra";
import { startWireProxy, type WireProxy } from "../lib/wire-proxy.ts";

const target = inject("targets").cuadra;
let proxy: WireProxy | undefined;
afterEach(async () => proxy?.close());

describe.runIf(target && !target.live)("cuadra scenarios (mock)", () => {
  it("pages with cursor: nextCursor goes back as cursor until hasMore is false", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createCuadraClient({ baseUrl: proxy.url, token: target!.token });
    const pages: ModelPage[] = [];
    let cursor: string | undefined;
    do {
      // The mock answers the documented first page, then (asked for it by name) the documented last page.
      const page = await client.listModels(
        { query: { limit: 2, "expand[]": ["model", "versions"], ...(cursor ? { cursor } : {}) } },
        cursor ? { headers: { Prefer: "example=lastPage" } } : {},
      );
      pages.push(page);
      cursor = page.hasMore ? (page.nextCursor ?? undefined) : undefined;
    } while (cursor && pages.length < 5);
    expect(pages.map((p) => [p.items.length, p.hasMore])).toEqual([
      [2, true],
      [0, false],
    ]);
    const [first, second] = proxy.requests.map((r) => new URL(r.url, proxy!.url).searchParams);
    expect(first!.has("cursor")).toBe(false);
    expect(second!.get("cursor")).toBe(pages[0]!.nextCursor);
    // expand[] is form/explode: one key per value.
    expect(first!.getAll("expand[]")).toEqual(["model", "versions"]);
    expectTypeOf<ModelPage["nextCursor"]>().toEqualTypeOf<string | null | undefined>();
  });

  it("createModel sends an Idempotency-Key, and a retry after a 503 re-sends the same key", async () => {
    proxy = await startWireProxy(target!.baseUrl, { failFirst: 1, faultStatus: 503 });
    const client = createCuadraClient({ baseUrl: proxy.url, token: target!.token, retries: 2, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    const created = await client.createModel({ body: { parentModelId: "550e8400-e29b-41d4-a716-446655440000", displayName: "Support Bot" } });
    expect(created.displayName).toBe("Support Bot");
    const keys = proxy.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("a caller's Idempotency-Key wins, and two calls without one get different keys", async () => {
    proxy = await startWireProxy(target!.baseUrl);
    const client = createCuadraClient({ baseUrl: proxy.url, token: target!.token });
    const body = { parentModelId: "550e8400-e29b-41d4-a716-446655440000", displayName: "Support Bot" };
    await client.createModel({ body }, { idempotencyKey: "create-support-bot-1" });
    await client.createModel({ body });
    await client.createModel({ body });
    const keys = proxy.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toBe("create-support-bot-1");
    expect(keys[1]).not.toBe(keys[2]);
  });

  it("without an Idempotency-Key a POST is not retried", async () => {
    proxy = await startWireProxy(target!.baseUrl, { failFirst: 1, faultStatus: 503 });
    const client = createCuadraClient({ baseUrl: proxy.url, token: target!.token, retries: 2, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    // addModelDataset is a POST without a declared idempotency header.
    const error = await client
      .addModelDataset({ path: { model_id: "7d9f1c2e-3b4a-4c5d-8e6f-0a1b2c3d4e5f" }, body: { datasetId: "ds_xyz789", usageType: "rag" } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(proxy.requests).toHaveLength(1);
  });
});
