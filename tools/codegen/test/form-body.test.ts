import { describe, expect, it } from "vitest";
import { emitClient } from "../src/emit/client.ts";
import { operationModels } from "../src/emit/model.ts";
import type { OpenApiDoc } from "../src/openapi.ts";
import type { VendorConfig } from "../src/vendor-config.ts";

/** An operation whose request body is a form gets `requestMediaType` in the operation table (the runtime encodes it). */
const body = (type: string) => ({ required: true, content: { [type]: { schema: { type: "object", properties: { file: { type: "string" } } } } } });
const doc: OpenApiDoc = {
  openapi: "3.1.0",
  info: { title: "Forms", version: "1" },
  servers: [{ url: "https://forms.test" }],
  paths: {
    "/files": { post: { operationId: "createFile", requestBody: body("multipart/form-data"), responses: { "200": { description: "ok" } } } },
    "/token": { post: { operationId: "createToken", requestBody: body("application/x-www-form-urlencoded"), responses: { "200": { description: "ok" } } } },
    "/things": { post: { operationId: "createThing", requestBody: body("application/json"), responses: { "200": { description: "ok" } } } },
  },
};
const config = {
  slug: "forms",
  title: "Forms API",
  clientName: "Forms",
  package: "@model-apis/forms",
  version: "1",
  description: "",
  servers: [{ url: "https://forms.test" }],
  upstream: [],
  dir: "/nowhere",
} as VendorConfig;

describe("form request bodies in the operation table", () => {
  it("multipart and urlencoded bodies are marked; a JSON body is not", () => {
    const models = operationModels(doc);
    expect(models.map((m) => m.requestMediaType)).toEqual(["multipart/form-data", "application/x-www-form-urlencoded", undefined]);
    const code = emitClient(doc, config, models, [], "header");
    expect(code).toContain(`  "createFile": { method: "post", path: "/files", requestMediaType: "multipart/form-data" },`);
    expect(code).toContain(`  "createToken": { method: "post", path: "/token", requestMediaType: "application/x-www-form-urlencoded" },`);
    expect(code).toContain(`  "createThing": { method: "post", path: "/things" },`);
  });
});
