import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import { sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("ApiError", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
  ] as const)("maps %i to %o", async (status, Class) => {
    server.handle(sequence([status, { error: { code: `c${status}`, message: "m" } }]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect((error as ApiError).constructor).toBe(Class);
    expect((error as ApiError).name).toBe(Class.name);
    expect((error as ApiError).status).toBe(status);
    expect((error as ApiError).body).toEqual({ error: { code: `c${status}`, message: "m" } });
  });

  it("carries method, sanitized URL, response headers and the request id", async () => {
    server.handle(sequence([409, { error: { code: "dup", message: "exists" } }, { "x-request-id": "req_123", "x-extra": "1" }]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = (await client.listModels({ query: { cursor: "c1" } }).catch((e: unknown) => e)) as ConflictError;
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${server.url}/v1/models?cursor=c1`);
    expect(error.requestId).toBe("req_123");
    expect(error.headers.get("x-extra")).toBe("1");
    expect(error.message).toBe(`409 Conflict: GET ${server.url}/v1/models?cursor=c1 (request id req_123)`);
  });

  it.each(["request-id", "x-correlation-id", "x-amzn-requestid"])("finds the request id in %s", async (header) => {
    server.handle(sequence([404, {}, { [header]: "rid-7" }]));
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(client.getModel({ path: { model_id: "m1" } })).rejects.toMatchObject({ requestId: "rid-7" });
  });

  it("keeps a non-JSON error body as text and an empty one as undefined", async () => {
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    server.handle((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<h1>Bad gateway</h1>");
    });
    await expect(client.listModels()).rejects.toMatchObject({ status: 502, body: "<h1>Bad gateway</h1>" });
    server.handle((_req, res) => {
      res.writeHead(401);
      res.end();
    });
    const error = (await client.listModels().catch((e: unknown) => e)) as AuthenticationError;
    expect(error.body).toBeUndefined();
    expect(error.requestId).toBeUndefined();
  });

  it("redacts credential query parameters from the URL", async () => {
    server.handle(sequence([404, {}]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = (await client.listModels({ query: { cursor: "abc", token: "t0p", api_key: "k3y" } as never }).catch((e: unknown) => e)) as ApiError;
    expect(server.requests[0]?.url).toBe("/v1/models?cursor=abc&token=t0p&api_key=k3y");
    expect(error.url).toBe(`${server.url}/v1/models?cursor=abc&token=[REDACTED]&api_key=[REDACTED]`);
    expect(error.message).not.toMatch(/t0p|k3y/);
  });

  it("refuses a baseUrl with credentials without repeating them", () => {
    let error: unknown;
    try {
      createFixtureClient({ baseUrl: "https://alice:s3cret@api.test" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/must not contain credentials/);
    expect(String(error)).not.toContain("s3cret");
  });
});

describe("errors never carry the secrets", () => {
  const SECRET = "sk-live-error-secret-456";
  /** The message, the stack and every enumerable field (headers and cause included), as text. */
  const everything = (error: unknown) => {
    const e = error as Error & Record<string, unknown>;
    const headers = e.headers instanceof Headers ? Object.fromEntries(e.headers) : e.headers;
    return JSON.stringify({ message: e.message, stack: e.stack, fields: { ...e, headers }, cause: String(e.cause ?? "") });
  };

  it("an ApiError: not in its message, stack or enumerable fields, even when the server echoes the query", async () => {
    server.handle((req, res) => {
      res.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" });
      res.end(JSON.stringify({ detail: "bad token" }));
      void req;
    });
    const error = await createFixtureClient({ baseUrl: server.url, token: SECRET })
      .listModels({ query: { api_key: SECRET } } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(everything(error)).not.toContain(SECRET);
  });

  it("a ConnectionError: not in its message, stack, fields or cause", async () => {
    server.handle(sequence("destroy"));
    const error = await createFixtureClient({ baseUrl: server.url, token: () => SECRET, retries: 0 })
      .listModels({ query: { api_key: SECRET } } as never)
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe("ConnectionError");
    expect(everything(error)).not.toContain(SECRET);
  });
});

describe("the error classes every client re-exports", () => {
  it("ERROR_CLASS_NAMES (the emitter's list) are exactly the Error classes index.ts exports", async () => {
    const { ERROR_CLASS_NAMES } = await import("../src/error-classes.js");
    const runtime = (await import("../src/index.js")) as Record<string, unknown>;
    const exported = Object.entries(runtime)
      .filter(([, value]) => typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof Error)
      .map(([name]) => name)
      .sort();
    expect(exported).toEqual([...ERROR_CLASS_NAMES].sort());
  });
});
