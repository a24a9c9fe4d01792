import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, createClient, NotFoundError } from "../src/index.js";
import { createFixtureClient, DEFAULT_BASE_URL, OPERATIONS } from "./fixtures/client.js";
import { json, MODEL, sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

describe("operation methods", () => {
  it("maps path, query, header and body onto the request and returns the parsed 2xx body", async () => {
    server.handle(sequence([201, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url });
    const created = await client.createModel({ body: { name: "Support", tags: ["a"] } });
    expect(created).toEqual(MODEL);
    const [req] = server.requests;
    expect(req?.method).toBe("POST");
    expect(req?.url).toBe("/v1/models");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req!.body)).toEqual({ name: "Support", tags: ["a"] });

    server.handle(sequence([200, { data: [] }]));
    await client.searchModels({ query: { q: "a b&c" }, header: { "X-Org-Id": "org 1" } });
    expect(server.requests[0]?.url).toBe("/v1/models/search?q=a%20b%26c");
    expect(server.requests[0]?.headers["x-org-id"]).toBe("org 1");

    server.handle(sequence([200, MODEL]));
    await client.getModel({ path: { model_id: "a/b c" } });
    expect(server.requests[0]?.url).toBe("/v1/models/a%2Fb%20c");
  });

  it("can be called without input when nothing is required", async () => {
    server.handle(sequence([200, { data: [MODEL], next_cursor: null }]));
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(client.listModels()).resolves.toEqual({ data: [MODEL], next_cursor: null });
    expect(server.requests[0]?.url).toBe("/v1/models");
    expect(server.requests[0]?.headers["content-type"]).toBeUndefined();
  });

  it("returns undefined for 204 and for an empty 200, and text for non-JSON content", async () => {
    const client = createFixtureClient({ baseUrl: server.url });
    server.handle(sequence([204, undefined]));
    await expect(client.deleteModel({ path: { model_id: "m1" } })).resolves.toBeUndefined();

    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end();
    });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toBeUndefined();

    server.handle((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
    await expect(client.getHealth()).resolves.toBe("ok");
  });

  it("uses the vendor's default base URL unless baseUrl is given", async () => {
    const seen: string[] = [];
    const client = createFixtureClient({
      fetch: async (request) => {
        seen.push(request.url);
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    await client.listModels({ query: { limit: 2 } });
    expect(seen).toEqual([`${DEFAULT_BASE_URL}/v1/models?limit=2`]);
  });

  it("throws ApiError subclasses for non-2xx, carrying the parsed body", async () => {
    server.handle(sequence([404, { error: { code: "not_found", message: "no such model" } }]));
    const client = createFixtureClient({ baseUrl: server.url });
    const error = await client.getModel({ path: { model_id: "zz" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as NotFoundError).body).toEqual({ error: { code: "not_found", message: "no such model" } });
  });

  it("rejects an operation named raw", () => {
    // A table no generated client could have (the types refuse it), so it is handed over untyped.
    expect(() => createClient({ raw: { method: "get", path: "/" } } as never, {}, {})).toThrow(/raw/);
  });
});

describe("raw", () => {
  it("is openapi-fetch with the runtime's headers, returning { data, error, response } without throwing", async () => {
    server.handle(sequence([404, { error: { code: "not_found", message: "x" } }]));
    const client = createFixtureClient({ baseUrl: server.url, token: "tok-1", workspaceId: "ws" });
    const { data, error, response } = await client.raw.GET("/v1/models/{model_id}", { params: { path: { model_id: "m1" } } });
    expect(data).toBeUndefined();
    expect(error).toEqual({ error: { code: "not_found", message: "x" } });
    expect(response.status).toBe(404);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer tok-1");
    expect(server.requests[0]?.headers["workspace-id"]).toBe("ws");
  });

  it("does not retry (retries belong to operation methods)", async () => {
    server.handle(sequence([503, {}], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    const { response } = await client.raw.GET("/v1/models");
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("middleware added with raw.use() also applies to operation methods", async () => {
    server.handle((req, res) => json(res, 200, { ...MODEL, name: String(req.headers["x-trace"]) }));
    const client = createFixtureClient({ baseUrl: server.url });
    client.raw.use({
      onRequest({ request }) {
        request.headers.set("x-trace", "t-42");
        return request;
      },
    });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toMatchObject({ name: "t-42" });
  });

  it("middleware removed with raw.eject() no longer applies to operation methods or raw", async () => {
    server.handle((req, res) => json(res, 200, { ...MODEL, name: String(req.headers["x-trace"]) }));
    const client = createFixtureClient({ baseUrl: server.url });
    const trace = {
      onRequest({ request }: { request: Request }) {
        request.headers.set("x-trace", "t-7");
        return request;
      },
    };
    client.raw.use(trace);
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toMatchObject({ name: "t-7" });
    client.raw.eject(trace);
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toMatchObject({ name: "undefined" });
    expect((await client.raw.GET("/v1/models/{model_id}", { params: { path: { model_id: "m1" } } })).data).toMatchObject({ name: "undefined" });
  });
});

describe("operation table", () => {
  it("an operation named __proto__ or constructor is an own method, and the prototype is untouched", async () => {
    server.handle((_req, res) => json(res, 200, { ok: true }));
    const operations = JSON.parse('{"__proto__": {"method": "get", "path": "/a"}, "constructor": {"method": "get", "path": "/b"}}') as Record<
      string,
      { method: "get"; path: string }
    >;
    const client = createClient(operations as never, { baseUrl: server.url }, {}) as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.getPrototypeOf(client)).toBe(Object.prototype);
    expect(Object.keys(client).sort()).toEqual(["__proto__", "constructor", "raw"]);
    await expect(Object.getOwnPropertyDescriptor(client, "__proto__")!.value()).resolves.toEqual({ ok: true });
    await expect(client.constructor!()).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => r.url)).toEqual(["/a", "/b"]);
  });

  it("builds exactly one method per descriptor", () => {
    const client = createFixtureClient() as unknown as Record<string, unknown>;
    for (const name of Object.keys(OPERATIONS)) expect(typeof client[name]).toBe("function");
    expect(Object.keys(client).sort()).toEqual([...Object.keys(OPERATIONS), "raw"].sort());
  });
});
