import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TimeoutError } from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import { json, MODEL, sequence, startServer, waitUnlessGone, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("method.withResponse", () => {
  it("resolves to the parsed body and the Response, with its status and headers", async () => {
    server.handle(sequence([200, MODEL, { "x-request-id": "req_9", "x-ratelimit-remaining": "41" }]));
    const client = createFixtureClient({ baseUrl: server.url });
    const { data, response } = await client.getModel.withResponse({ path: { model_id: "m1" } });
    expect(data).toEqual(MODEL);
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("41");
    expect(response.bodyUsed).toBe(true);
    expect(server.requests[0]?.url).toBe("/v1/models/m1");
  });

  it("retries like the method itself and hands back the response of the attempt that succeeded", async () => {
    server.handle(sequence([503, {}, { "x-attempt": "1" }], [200, MODEL, { "x-attempt": "2" }]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    const { response } = await client.getModel.withResponse({ path: { model_id: "m1" } });
    expect(server.requests).toHaveLength(2);
    expect(response.headers.get("x-attempt")).toBe("2");
  });

  it("keeps the idempotency key across retries and the timeout of each attempt", async () => {
    server.handle(sequence("destroy", [201, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    const { data, response } = await client.createModel.withResponse({ body: { name: "Support" } });
    expect(data).toEqual(MODEL);
    expect(response.status).toBe(201);
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);

    server.handle(async (_req, res) => {
      if (await waitUnlessGone(res, 30_000)) json(res, 200, MODEL);
    });
    const strict = createFixtureClient({ baseUrl: server.url, timeoutMs: 1_000, retries: 0 });
    await expect(strict.getModel.withResponse({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(server.requests[0]?.abortedAt).toBeDefined(), { timeout: 10_000, interval: 10 });
  });

  it("throws the same typed errors as the method", async () => {
    server.handle(sequence([404, { error: { code: "nf", message: "gone" } }]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = await client.getModel.withResponse({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(client.getModel.isError(error, 404)).toBe(true);
  });

  it("gives undefined data for a 204", async () => {
    server.handle(sequence([204, undefined]));
    const client = createFixtureClient({ baseUrl: server.url });
    const { data, response } = await client.deleteModel.withResponse({ path: { model_id: "m1" } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
  });
});
