import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ResponseValidationError } from "../src/index.js";
import { createResponseValidator } from "../src/validate.js";
import { createFixtureClient, specLoadCount } from "./fixtures/client.js";
import { json, startServer, type TestServer } from "./helpers/server.js";

let server: TestServer;
// ajv's compile, counted where the runtime calls it (it imports the same module on first use)
const { Ajv2020 } = await import("ajv/dist/2020.js");
const compile = vi.spyOn(Ajv2020.prototype, "compile");
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => {
  compile.mockRestore();
  return server.close();
});

const MODEL = { id: "m1", name: "Support", created_at: "2024-01-01T00:00:00Z", context_window: 8192 };

describe("validateResponses", () => {
  it("is off by default: a body that breaks the schema is returned as is, and the spec is never loaded", async () => {
    const loads = specLoadCount();
    server.handle((_req, res) => json(res, 200, { ...MODEL, context_window: "big" }));
    const model = await createFixtureClient({ baseUrl: server.url }).getModel({ path: { model_id: "m1" } });
    expect(model).toMatchObject({ context_window: "big" });
    expect(specLoadCount()).toBe(loads);
  });

  it("passes a body that matches the 2xx schema (refs, nullable types, formats)", async () => {
    server.handle((_req, res) => json(res, 200, { ...MODEL, context_window: null }));
    const client = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    await expect(client.getModel({ path: { model_id: "m1" } })).resolves.toEqual({ ...MODEL, context_window: null });
  });

  it("throws ResponseValidationError listing every failing JSON pointer", async () => {
    server.handle((_req, res) => json(res, 200, { id: "m1", name: 42, created_at: "not a date", context_window: "big", extra: true }));
    const client = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const e = error as ResponseValidationError;
    expect(e.status).toBe(200);
    expect(e.method).toBe("GET");
    expect(e.url).toBe(`${server.url}/v1/models/m1`);
    expect(e.issues.map((i) => i.instancePath).sort()).toEqual(["", "/context_window", "/created_at", "/name"]);
    expect(e.message).toContain("/name");
    expect(e.body).toMatchObject({ name: 42 });
  });

  it("reports a missing required property at the object's pointer, naming the property", async () => {
    server.handle((_req, res) => json(res, 200, { id: "m1", created_at: MODEL.created_at, context_window: 1 }));
    const client = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    const error = (await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e)) as ResponseValidationError;
    expect(error.issues).toEqual([{ instancePath: "", message: expect.stringContaining("name") }]);
  });

  it("does not validate error bodies: a non-2xx is an ApiError whatever its shape", async () => {
    server.handle((_req, res) => json(res, 404, { unexpected: ["shape"] }));
    const client = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    const error = await client.getModel({ path: { model_id: "m1" } }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ResponseValidationError);
    expect(error).toMatchObject({ status: 404, body: { unexpected: ["shape"] } });
  });

  it("loads the spec once and reuses compiled validators across calls and clients", async () => {
    server.handle((_req, res) => json(res, 200, MODEL));
    const first = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    await first.getModel({ path: { model_id: "m1" } });
    const loads = specLoadCount();
    const second = createFixtureClient({ baseUrl: server.url, validateResponses: true });
    for (let i = 0; i < 5; i++) await second.getModel({ path: { model_id: "m1" } });
    await first.getModel({ path: { model_id: "m1" } });
    // Each client asks its loader once (the module-import analogue); the compiled validator is shared: over the
    // whole file, getModel's 200 schema was compiled exactly once.
    expect(specLoadCount() - loads).toBeLessThanOrEqual(1);
    const getModel200 = compile.mock.calls.filter(([schema]) =>
      /models~1(%7B|\{)model_id(%7D|\})\/get\/responses\/200\//.test(String((schema as { $ref?: string }).$ref)),
    );
    expect(getModel200, JSON.stringify(compile.mock.calls.map(([schema]) => schema))).toHaveLength(1);
  });
});

describe("properties named like Object.prototype members", () => {
  it("a body without `constructor` or `toString` is valid against a schema that declares them (no false /constructor errors)", async () => {
    const doc = {
      openapi: "3.1.0",
      paths: {
        "/things": {
          get: {
            responses: {
              "200": {
                content: { "application/json": { schema: { type: "object", properties: { constructor: { type: "string" }, toString: { type: "integer" } } } } },
              },
            },
          },
        },
      },
    };
    const validate = createResponseValidator(async () => doc);
    expect(await validate("get", "/things", 200, {})).toBeUndefined();
    expect(await validate("get", "/things", 200, { constructor: 5 })).toEqual([{ instancePath: "/constructor", message: expect.stringContaining("string") }]);
  });
});
