import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { lintText } from "../src/lint.ts";
import { cli } from "./cli-host.ts";

const REDOCLY = join(import.meta.dirname, "..", "..", "..", "redocly.yaml");
const CLEAN = readFileSync(join(import.meta.dirname, "golden", "tiny", "openapi.yaml"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "model-apis-lint-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: fixtures mutate arbitrary parts of a parsed spec
type Doc = any;
/** One small broken fixture per house-style rule: a mutation of the clean golden spec. */
const BROKEN: Record<string, [rule: string, mutate: (d: Doc) => void]> = {
  "operationId not verb+noun": ["rule/operation-id-verb-noun", (d) => (d.paths["/v1/models"].get.operationId = "models_list")],
  "two tags": ["rule/operation-one-tag", (d) => (d.paths["/v1/models"].get.tags = ["Models", "Extra"])],
  "no security": ["rule/operation-security", (d) => delete d.paths["/v1/models"].get.security],
  "no 401": ["rule/operation-401", (d) => delete d.paths["/v1/models"].post.responses["401"]],
  "request body without example": ["rule/request-body-example", (d) => delete d.paths["/v1/models"].post.requestBody.content["application/json"].example],
  "2xx without example": ["rule/success-response-example", (d) => delete d.paths["/v1/models"].post.responses["201"].content["application/json"].example],
  "component not PascalCase": [
    "rule/component-schema-pascal-case",
    (d) => {
      d.components.schemas.list_models_response = d.components.schemas.ListModelsResponse;
      delete d.components.schemas.ListModelsResponse;
      d.paths["/v1/models"].get.responses["200"].content["application/json"].schema.$ref = "#/components/schemas/list_models_response";
    },
  ],
  "inline response schema": [
    "rule/response-schema-is-ref",
    (d) => (d.paths["/v1/models"].post.responses["401"].content["application/json"].schema = { type: "object" }),
  ],
  "no x-origin": ["rule/info-x-origin", (d) => delete d.info["x-origin"]],
  "invalid example": ["no-invalid-media-type-examples", (d) => (d.paths["/v1/models"].post.responses["201"].content["application/json"].example.id = 42)],
  "no dialect": ["rule/json-schema-dialect", (d) => delete d.jsonSchemaDialect],
  discriminator: ["rule/no-discriminator", (d) => (d.components.schemas.ListModelsResponse.discriminator = { propertyName: "kind" })],
  "allOf beside additionalProperties": [
    "rule/no-allof-with-additional-properties",
    (d) => Object.assign(d.components.schemas.ListModelsResponse, { allOf: [{ type: "object" }], additionalProperties: false }),
  ],
};

describe("house-style lint", () => {
  it("the clean spec has zero errors and zero warnings", async () => {
    expect(await lintText("clean.yaml", CLEAN, { configPath: REDOCLY })).toEqual([]);
  });

  for (const [name, [rule, mutate]] of Object.entries(BROKEN)) {
    it(`fails on a spec with ${name} (${rule}), naming the line`, async () => {
      const doc = parse(CLEAN);
      mutate(doc);
      const problems = await lintText(`${name}.yaml`, stringify(doc), { configPath: REDOCLY });
      const hit = problems.find((p) => p.rule === rule);
      expect(hit, JSON.stringify(problems.map((p) => p.rule))).toBeDefined();
      expect(hit!.severity).toBe("error");
      expect(hit!.line).toBeGreaterThanOrEqual(1);
      expect(hit!.pointer).toMatch(/^#\//);
    });
  }

  it("the lint command exits 1 and prints file:line:col severity rule message", async () => {
    const file = join(dir, "broken.yaml");
    const doc = parse(CLEAN);
    BROKEN["two tags"]![1](doc);
    writeFileSync(file, stringify(doc));
    const result = await cli(join(import.meta.dirname, ".."), "lint", file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+ error rule\/operation-one-tag every operation has exactly one tag/);
  });
});
