import { describe, expect, it } from "vitest";
import { URI_TEMPLATE_SAMPLE } from "../src/faker.js";
import { AUTH, getJson, mock, MODELS_SPEC } from "./helpers.js";

async function models(url: string, prefer?: string): Promise<unknown> {
  const { status, body, headers } = await getJson(`${url}/v1/models`, prefer ? { ...AUTH, prefer } : { ...AUTH });
  expect(status).toBe(200);
  // Generated bodies stay valid for a closed schema (unevaluatedProperties: false): no random extra properties.
  expect(headers.get("sl-violations")).toBeNull();
  return body;
}

describe("dynamic responses and seed", () => {
  it("generates the body from the schema instead of serving the example", async () => {
    const server = await mock(MODELS_SPEC, { dynamic: true });
    const body = (await models(server.url)) as { data: Array<Record<string, unknown>> };
    expect(Array.isArray(body.data)).toBe(true);
    expect(body.data.map((model) => model["id"])).not.toEqual(["m-1", "m-2"]);
    for (const model of body.data) expect(Object.keys(model).sort()).toEqual(["created", "id", "name", "tags"]);
  });

  it("gives identical bodies for the same seed, on two servers and on repeated requests", async () => {
    const a = await mock(MODELS_SPEC, { dynamic: true, seed: 42 });
    const b = await mock(MODELS_SPEC, { dynamic: true, seed: 42 });
    const first = await models(a.url);
    expect(await models(b.url)).toEqual(first);
    expect(await models(a.url)).toEqual(first);
  });

  it("gives different bodies for different seeds", async () => {
    const a = await mock(MODELS_SPEC, { dynamic: true, seed: 1 });
    const b = await mock(MODELS_SPEC, { dynamic: true, seed: 2 });
    expect(await models(a.url)).not.toEqual(await models(b.url));
  });

  it("without a seed, generated bodies vary between requests", async () => {
    const server = await mock(MODELS_SPEC, { dynamic: true });
    const bodies = new Set<string>();
    for (let i = 0; i < 3; i++) bodies.add(JSON.stringify(await models(server.url)));
    expect(bodies.size).toBeGreaterThan(1);
  });

  it("applies the seed to Prefer: dynamic=true requests on a static server", async () => {
    const a = await mock(MODELS_SPEC, { seed: 7 });
    const b = await mock(MODELS_SPEC, { seed: 7 });
    const generated = await models(a.url, "dynamic=true");
    expect(await models(b.url, "dynamic=true")).toEqual(generated);
    expect(await models(a.url)).toMatchObject({ data: [{ id: "m-1" }, { id: "m-2" }] });
  });

  it("lets a request's Prefer: seed=N override the server's seed", async () => {
    const a = await mock(MODELS_SPEC, { dynamic: true, seed: 1 });
    const b = await mock(MODELS_SPEC, { dynamic: true, seed: 99 });
    expect(await models(a.url, "seed=5")).toEqual(await models(b.url, "seed=5"));
  });
});

describe("generated formats", () => {
  it("a uri-template field is generated as a template the response validation accepts (errors mode, 20 seeds)", async () => {
    const spec = {
      openapi: "3.1.0",
      jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
      info: { title: "Root", version: "1" },
      paths: {
        "/": {
          get: {
            operationId: "getRoot",
            responses: {
              "200": {
                description: "The root document.",
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      required: ["current_user_url", "emojis_url"],
                      properties: { current_user_url: { type: "string", format: "uri-template" }, emojis_url: { type: "string", format: "uri-template" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const server = await mock(spec, { stateless: true, errors: true });
    for (let seed = 1; seed <= 20; seed++) {
      const { status, body, headers } = await getJson(`${server.url}/`, { prefer: `dynamic=true, seed=${seed}` });
      expect(headers.get("sl-violations"), `seed ${seed}`).toBeNull();
      expect(status, `seed ${seed}`).toBe(200);
      expect(body).toEqual({ current_user_url: URI_TEMPLATE_SAMPLE, emojis_url: URI_TEMPLATE_SAMPLE });
    }
  });
});
