import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionError, createClient, InternalServerError, NotFoundError, RateLimitError, type ClientOptions, type OperationTable } from "../src/index.js";
import { isRetryableStatus, parseRetryAfter, resolveRetryPolicy, retryDelay } from "../src/retry.js";
import { createFixtureClient } from "./fixtures/client.js";
import type { paths } from "./fixtures/schema.js";
import { json, MODEL, sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("retries", () => {
  it("retries 5xx and succeeds", async () => {
    server.handle(sequence([500, { e: 1 }], [502, { e: 2 }], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual(MODEL);
    expect(server.requests).toHaveLength(3);
  });

  it("gives up after `retries` retries (default 2) and throws the last error", async () => {
    server.handle(sequence([503, { attempt: "first" }], [503, { attempt: "second" }], [500, { attempt: "last" }], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(500);
    expect((error as InternalServerError).body).toEqual({ attempt: "last" });
    expect(server.requests).toHaveLength(3);
  });

  it("retries 408 and 429, and connection errors", async () => {
    server.handle(sequence([408, {}], [429, {}], "destroy", [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 3, ...fast });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual(MODEL);
    expect(server.requests).toHaveLength(4);
  });

  it.each([400, 401, 403, 404, 409, 422])("does not retry %i", async (status) => {
    server.handle(sequence([status, { status }], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
  });

  it("honours per-client and per-call retries", async () => {
    const client = createFixtureClient({ baseUrl: server.url, retries: 0, ...fast });
    server.handle(sequence([500, {}], [200, MODEL]));
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);

    server.handle(sequence([500, {}], [500, {}], [500, {}], [200, MODEL]));
    await expect(client.getModel({ path: { model_id: "m1" } }, { retries: 3 })).resolves.toEqual(MODEL);
    expect(server.requests).toHaveLength(4);
  });

  it("retries PUT and DELETE (idempotent) and re-sends the same body", async () => {
    server.handle(sequence([503, {}], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await client.replaceModel({ path: { model_id: "m1" }, body: { name: "Support", tags: ["x"] } });
    expect(server.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(JSON.parse(server.requests[1]!.body)).toEqual({ name: "Support", tags: ["x"] });

    server.handle(sequence([502, {}], [204, undefined]));
    await expect(client.deleteModel({ path: { model_id: "m1" } })).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });
});

describe("POST/PATCH and idempotency keys", () => {
  const plainPost = {
    createModel: { method: "post", path: "/v1/models" },
    updateModel: { method: "patch", path: "/v1/models/{model_id}" },
  } as const satisfies OperationTable<paths>;
  const createPlain = (options: ClientOptions) => createClient<paths, typeof plainPost>(plainPost, options, {});

  it("does not retry POST or PATCH without an idempotency key", async () => {
    const client = createPlain({ baseUrl: server.url, ...fast });
    server.handle(sequence([503, {}], [201, MODEL]));
    await expect(client.createModel({ body: { name: "x" } })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers["idempotency-key"]).toBeUndefined();

    server.handle(sequence("destroy", [200, MODEL]));
    await expect(client.updateModel({ path: { model_id: "m1" }, body: {} })).rejects.toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });

  it("sends a generated key when the operation has an idempotency header, reusing it on every retry", async () => {
    server.handle(sequence([503, {}], "destroy", [201, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await expect(client.createModel({ body: { name: "Support" } })).resolves.toEqual(MODEL);
    const keys = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(server.requests.map((r) => r.body))).toEqual(new Set([JSON.stringify({ name: "Support" })]));

    server.handle(sequence([201, MODEL]));
    await client.createModel({ body: { name: "Support" } });
    expect(server.requests[0]?.headers["idempotency-key"]).toMatch(UUID);
    expect(server.requests[0]?.headers["idempotency-key"]).not.toBe(keys[0]);
  });

  it("uses CallOptions.idempotencyKey, and it makes a plain POST retryable", async () => {
    server.handle(sequence([500, {}], [201, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await client.createModel({ body: { name: "x" } }, { idempotencyKey: "key-123" });
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["key-123", "key-123"]);

    const plain = createPlain({ baseUrl: server.url, ...fast });
    server.handle(sequence([500, {}], [201, MODEL]));
    await expect(plain.createModel({ body: { name: "x" } }, { idempotencyKey: "key-9" })).resolves.toEqual(MODEL);
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["key-9", "key-9"]);
  });

  it("keeps a key the caller put in the input or call headers", async () => {
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    server.handle(sequence([500, {}], [201, MODEL]));
    await client.createModel({ body: { name: "x" }, header: { "Idempotency-Key": "from-input" } });
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["from-input", "from-input"]);

    const plain = createPlain({ baseUrl: server.url, ...fast });
    server.handle(sequence([500, {}], [201, MODEL]));
    await plain.createModel({ body: { name: "x" } }, { headers: { "idempotency-key": "from-headers" } });
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual(["from-headers", "from-headers"]);
  });
});

describe("Retry-After", () => {
  it("waits the number of seconds the server asks for", async () => {
    server.handle(sequence([429, { e: "slow down" }, { "retry-after": "0.3" }], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    await client.getModel({ path: { model_id: "m1" } });
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(280);
  });

  it("understands an HTTP date, capped by maxRetryAfterMs", async () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    server.handle(sequence([503, {}, { "retry-after": inTenSeconds }], [200, MODEL]));
    const client = createFixtureClient({ baseUrl: server.url, retry: { baseDelayMs: 1, maxRetryAfterMs: 250 } });
    const started = Date.now();
    await client.getModel({ path: { model_id: "m1" } });
    const waited = server.requests[1]!.receivedAt - server.requests[0]!.receivedAt;
    expect(waited).toBeGreaterThanOrEqual(240);
    expect(Date.now() - started).toBeLessThan(8_000); // far below the 10 s asked for: the cap applied
  });

  it("throws RateLimitError when 429 persists", async () => {
    server.handle(sequence([429, { e: 1 }, { "retry-after": "0" }]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 1, ...fast });
    await expect(client.listModels()).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(2);
  });

  it("parses seconds, dates and retry-after-ms", () => {
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(parseRetryAfter(new Headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Mon, 01 Jan 2024 00:00:05 GMT" }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ "retry-after": "Sun, 31 Dec 2023 00:00:00 GMT" }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers({ "retry-after-ms": "150", "retry-after": "9" }), now)).toBe(150);
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});

describe("backoff", () => {
  it("is exponential with full jitter, bounded by maxDelayMs", () => {
    const policy = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    expect(retryDelay(policy, 0, undefined, () => 0.999)).toBe(99);
    expect(retryDelay(policy, 1, undefined, () => 0.999)).toBe(199);
    expect(retryDelay(policy, 3, undefined, () => 0.999)).toBe(799);
    expect(retryDelay(policy, 10, undefined, () => 0.999)).toBe(999);
    expect(retryDelay(policy, 2, undefined, () => 0)).toBe(0);
    expect(retryDelay(policy, 0, new Headers({ "retry-after": "120" }))).toBe(60_000);
  });

  it("defaults to 500 ms base, 8 s max, 60 s Retry-After cap", () => {
    expect(resolveRetryPolicy(undefined)).toEqual({ baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });
  });

  it("retries exactly 408, 429 and 5xx", () => {
    expect([200, 400, 404, 408, 409, 429, 499, 500, 503, 599].filter(isRetryableStatus)).toEqual([408, 429, 500, 503, 599]);
  });

  it("stops waiting when the caller aborts during backoff", async () => {
    const controller = new AbortController();
    const reason = new Error("user gave up");
    server.handle((_req, res) => {
      json(res, 503, {}, { "retry-after": "30" });
      // Abort once the 503 is on its way: the client is then waiting out the 30 s Retry-After.
      res.on("finish", () => setTimeout(() => controller.abort(reason), 50));
    });
    const client = createFixtureClient({ baseUrl: server.url });
    const started = Date.now();
    await expect(client.getModel({ path: { model_id: "m1" } }, { signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(20_000); // far below the 30 s Retry-After: the abort cut the wait
    expect(server.requests).toHaveLength(1);
  });

  it("does not retry 404 even with retries configured", async () => {
    server.handle(sequence([404, {}]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 5, ...fast });
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(1);
  });
});
