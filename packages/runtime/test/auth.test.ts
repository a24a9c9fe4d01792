import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureClient } from "./fixtures/client.js";
import { MODEL, sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

describe("auth", () => {
  it("sends a string token as a bearer token", async () => {
    server.handle(sequence([200, MODEL]));
    await createFixtureClient({ baseUrl: server.url, token: "abc" }).getModel({ path: { model_id: "m1" } });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer abc");
  });

  it("sends no Authorization header without a token", async () => {
    server.handle(sequence([200, MODEL]));
    await createFixtureClient({ baseUrl: server.url }).getModel({ path: { model_id: "m1" } });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it("calls a sync token function before every request", async () => {
    server.handle(sequence([200, MODEL]));
    let n = 0;
    const client = createFixtureClient({ baseUrl: server.url, token: () => `t${++n}` });
    await client.getModel({ path: { model_id: "m1" } });
    await client.getModel({ path: { model_id: "m1" } });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("awaits an async token function on every attempt, retries included", async () => {
    server.handle(sequence([503, {}], [503, {}], [200, MODEL]));
    let n = 0;
    const client = createFixtureClient({
      baseUrl: server.url,
      ...fast,
      token: async () => {
        await new Promise((r) => setTimeout(r, 5));
        return `refreshed-${++n}`;
      },
    });
    await client.getModel({ path: { model_id: "m1" } });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer refreshed-1", "Bearer refreshed-2", "Bearer refreshed-3"]);
  });

  it("sends vendor header options (Workspace-Id) on every request, and nothing when absent", async () => {
    server.handle(sequence([200, MODEL]));
    await createFixtureClient({ baseUrl: server.url, workspaceId: 42 }).getModel({ path: { model_id: "m1" } });
    await createFixtureClient({ baseUrl: server.url, workspaceId: 42 }).listModels();
    expect(server.requests.map((r) => r.headers["workspace-id"])).toEqual(["42", "42"]);

    server.handle(sequence([200, MODEL]));
    await createFixtureClient({ baseUrl: server.url }).getModel({ path: { model_id: "m1" } });
    expect(server.requests[0]?.headers).not.toHaveProperty("workspace-id");
  });

  it("merges static, per-call and parameter headers with the more specific winning", async () => {
    server.handle(sequence([200, { data: [] }]));
    const client = createFixtureClient({ baseUrl: server.url, headers: { "X-App": "static", "X-Org-Id": "static-org", "X-Keep": "k" } });
    await client.searchModels({ query: { q: "a" }, header: { "X-Org-Id": "param-org" } }, { headers: { "X-App": "call" } });
    const headers = server.requests[0]!.headers;
    expect(headers["x-app"]).toBe("call");
    expect(headers["x-org-id"]).toBe("param-org");
    expect(headers["x-keep"]).toBe("k");
  });

  it("lets the token option win over a static Authorization header", async () => {
    server.handle(sequence([200, MODEL]));
    await createFixtureClient({ baseUrl: server.url, token: "tok", headers: { Authorization: "Basic zzz" } }).listModels();
    expect(server.requests[0]?.headers.authorization).toBe("Bearer tok");
  });
});
