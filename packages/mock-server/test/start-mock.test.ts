import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { AUTH, getJson, mock, MODELS_SPEC } from "./helpers.js";

const json = { ...AUTH, "content-type": "application/json" };

describe("startMock with the defaults", () => {
  it("listens on 127.0.0.1 on a free port and serves the static example", async () => {
    const server = await mock();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
    expect(server.spec).toBe(MODELS_SPEC);
    const { status, body } = await getJson(`${server.url}/v1/models`);
    expect(status).toBe(200);
    expect(body).toEqual({
      data: [
        { id: "m-1", name: "Support", created: 1700000000, tags: ["support"] },
        { id: "m-2", name: "Sales", created: 1700000001, tags: [] },
      ],
    });
  });

  it("answers 401 with the spec's example when Authorization is missing", async () => {
    const server = await mock();
    const { status, body, headers } = await getJson(`${server.url}/v1/models`, {});
    expect(status).toBe(401);
    expect(body).toEqual({ error: { code: "unauthorized", message: "missing bearer token" } });
    expect(headers.get("sl-violations")).toContain("401");
  });

  it("answers 422 with the spec's example and an sl-violations header for an invalid body", async () => {
    const server = await mock();
    const response = await fetch(`${server.url}/v1/models`, { method: "POST", headers: json, body: JSON.stringify({ name: 42 }) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: "invalid_request", message: "name is required" } });
    const violations = JSON.parse(response.headers.get("sl-violations") ?? "[]") as Array<{ location: string[] }>;
    expect(violations.some((v) => v.location.join(".") === "request.body.name")).toBe(true);
  });

  it("accepts a valid body", async () => {
    const server = await mock();
    const response = await fetch(`${server.url}/v1/models`, { method: "POST", headers: json, body: JSON.stringify({ name: "Support" }) });
    expect(response.status).toBe(201);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("honours Prefer: code=404 and Prefer: example=<name>", async () => {
    const server = await mock();
    const notFound = await getJson(`${server.url}/v1/models/m-1`, { ...AUTH, prefer: "code=404" });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { code: "not_found", message: "model not found" } });
    const empty = await getJson(`${server.url}/v1/models`, { ...AUTH, prefer: "example=empty" });
    expect(empty).toMatchObject({ status: 200, body: { data: [] } });
  });

  it("turns an example that violates its schema into a 500 (errors mode)", async () => {
    const server = await mock();
    const { status, body, headers } = await getJson(`${server.url}/v1/broken`);
    expect(status).toBe(500);
    expect(body).toMatchObject({ type: "https://stoplight.io/prism/errors#VIOLATIONS", status: 500 });
    expect(headers.get("sl-violations")).toContain('"response","body","created"');
  });
});

describe("startMock options", () => {
  it("errors: false serves the bad example as 200 with an sl-violations header", async () => {
    const server = await mock(MODELS_SPEC, { errors: false });
    const { status, body, headers } = await getJson(`${server.url}/v1/broken`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: "yesterday" });
    expect(headers.get("sl-violations")).toContain("created");
  });

  it("checkSecurity: false lets a request without credentials through", async () => {
    const server = await mock(MODELS_SPEC, { checkSecurity: false });
    expect((await getJson(`${server.url}/v1/models`, {})).status).toBe(200);
  });

  it("validateRequest: false accepts an invalid body", async () => {
    const server = await mock(MODELS_SPEC, { validateRequest: false });
    const response = await fetch(`${server.url}/v1/models`, { method: "POST", headers: json, body: JSON.stringify({ name: 42 }) });
    expect(response.status).toBe(201);
  });

  it("takes a fixed port", async () => {
    const first = await mock();
    const port = first.port;
    await first.close();
    const server = await mock(MODELS_SPEC, { port });
    expect(server.port).toBe(port);
    expect((await getJson(`${server.url}/v1/models`)).status).toBe(200);
  });

  it("listens on every interface with host 0.0.0.0 and still returns a connectable URL", async () => {
    const server = await mock(MODELS_SPEC, { host: "0.0.0.0" });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect((await getJson(`${server.url}/v1/models`)).status).toBe(200);
  });
});

describe("spec inputs", () => {
  it("takes a file: URL", async () => {
    const server = await mock(pathToFileURL(MODELS_SPEC));
    expect((await getJson(`${server.url}/v1/models`)).status).toBe(200);
  });

  it("takes a parsed document without changing it", async () => {
    const document = {
      openapi: "3.1.0",
      jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
      info: { title: "Inline", version: "1" },
      paths: {
        "/v1/ping": {
          get: {
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Pong" }, example: { pong: true } } },
              },
            },
          },
        },
      },
      components: { schemas: { Pong: { type: "object", properties: { pong: { type: "boolean" } } } } },
    };
    const before = JSON.stringify(document);
    const server = await mock(document);
    expect(server.spec).toBe("the spec object");
    expect(await getJson(`${server.url}/v1/ping`, {})).toMatchObject({ status: 200, body: { pong: true } });
    expect(JSON.stringify(document)).toBe(before);
  });
});
