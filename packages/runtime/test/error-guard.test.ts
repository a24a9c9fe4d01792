import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, NotFoundError } from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import { sequence, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const NOT_FOUND = { error: { code: "not_found", message: "no such model" } };

describe("method.isError", () => {
  it("recognises the method's own error with a documented status, and records the operation", async () => {
    server.handle(sequence([404, NOT_FOUND]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as ApiError).operation).toBe("getModel");
    expect(client.getModel.isError(error)).toBe(true);
    expect(client.getModel.isError(error, 404)).toBe(true);
    if (client.getModel.isError(error, 404)) expect(error.body.error.message).toBe("no such model");
  });

  it("is false for another status, another operation's error, and anything that is no ApiError", async () => {
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    server.handle(sequence([404, NOT_FOUND]));
    const notFound = await client.deleteModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(client.deleteModel.isError(notFound, 404)).toBe(true);
    // The same status from deleteModel is not getModel's error: its documented body could differ.
    expect(client.getModel.isError(notFound)).toBe(false);
    expect(client.getModel.isError(notFound, 404)).toBe(false);
    expect(client.createModel.isError(notFound)).toBe(false);

    server.handle(sequence([422, { detail: [] }]));
    const invalid = await client.createModel({ body: { name: "x" } }).catch((e: unknown) => e);
    expect(client.createModel.isError(invalid, 422)).toBe(true);
    expect(client.createModel.isError(invalid, 409 as 422)).toBe(false);

    const lookalike = new ApiError({ status: 404, body: NOT_FOUND, headers: new Headers(), method: "GET", url: "/", operation: "getModel" });
    expect(client.getModel.isError(lookalike)).toBe(false);
    expect(client.getModel.isError(new Error("404"))).toBe(false);
    expect(client.getModel.isError({ status: 404, body: NOT_FOUND })).toBe(false);
    expect(client.getModel.isError(undefined)).toBe(false);
  });

  it("is false for a status the operation does not document, though the call threw it", async () => {
    server.handle(sequence([500, { oops: true }]));
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(client.getModel.isError(error)).toBe(false);
  });

  it("matches documented ranges and default", async () => {
    const client = createFixtureClient({ baseUrl: server.url, retries: 0 });
    server.handle(sequence([418, { title: "teapot", status: 418 }]));
    const ranged = await client.searchModels({ query: { q: "x" }, header: { "X-Org-Id": "o" } }).catch((e: unknown) => e);
    expect(client.searchModels.isError(ranged, 418)).toBe(true);
    expect(client.searchModels.isError(ranged)).toBe(true);

    server.handle(sequence([503, { error: { code: "down", message: "m" } }]));
    const fallback = await client.getHealth().catch((e: unknown) => e);
    expect(client.getHealth.isError(fallback)).toBe(true);
  });

  it("works for errors of every client built from the same table, and detached from its client", async () => {
    server.handle(sequence([404, NOT_FOUND]));
    const one = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const other = createFixtureClient({ baseUrl: server.url, retries: 0 });
    const error = await one.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    const { isError } = other.getModel;
    expect(isError(error, 404)).toBe(true);
  });
});
