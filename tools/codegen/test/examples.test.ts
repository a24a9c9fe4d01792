import { describe, expect, it } from "vitest";
import { exampleCheck } from "../src/normalize/example-check.ts";
import { addGeneratedExamples, GENERATED_EXAMPLE, replaceInvalidExamples } from "../src/normalize/examples.ts";
import { patternSample } from "../src/normalize/sampler.ts";
import type { OpenApiDoc } from "../src/openapi.ts";
import { normalizeIn, tempRepo } from "./helpers.ts";
import { FIXTURES } from "./helpers.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { normalizeDocument } from "../src/normalize/index.ts";
import { loadVendorConfig } from "../src/vendor-config.ts";

function doc(): OpenApiDoc {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/repos/{owner}/{repo}": {
        parameters: [{ $ref: "#/components/parameters/owner" }],
        get: {
          operationId: "getRepo",
          parameters: [
            { name: "repo", in: "path", required: true, schema: { type: "string", pattern: "^[a-z]+$" } },
            { name: "per_page", in: "query", schema: { type: "integer" } },
            { name: "state", in: "query", required: true, schema: { type: "string", enum: ["open", "closed"] } },
            { name: "page", in: "query", required: true, schema: { type: "integer", default: 1 } },
            { name: "sha", in: "query", required: true, example: "abc", schema: { type: "string" } },
          ],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Repo" } } } },
            "404": { description: "no", content: { "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } } } },
          },
        },
        patch: {
          operationId: "updateRepo",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["name"],
                  properties: { name: { type: "string" }, id: { type: "integer", readOnly: true }, topics: { type: "array", items: { type: "string" } } },
                },
              },
            },
          },
          responses: { "200": { $ref: "#/components/responses/RepoResponse" } },
        },
        put: {
          operationId: "replaceRepo",
          requestBody: { content: { "application/json": { schema: { type: "object" }, example: { given: true } } } },
          responses: { "204": { description: "done" } },
        },
      },
    },
    components: {
      parameters: { owner: { name: "owner", in: "path", required: true, schema: { type: "string" } } },
      responses: { RepoResponse: { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Repo" } } } } },
      schemas: {
        Repo: {
          type: "object",
          required: ["id", "full_name"],
          properties: {
            id: { type: "integer" },
            full_name: { type: "string", examples: ["octocat/Hello-World"] },
            secret: { type: "string", writeOnly: true },
            archived_at: { type: ["string", "null"], format: "date-time" },
          },
        },
      },
    },
  };
}

const generated = (node: unknown) => (node as { examples?: Record<string, Record<string, unknown>> }).examples?.[GENERATED_EXAMPLE];

describe("generated examples (lint: imported)", () => {
  it("fill in path and required parameters, request bodies and JSON 2xx bodies, marked, from their schemas", () => {
    const d = doc();
    expect(addGeneratedExamples(d)).toBe(6);
    const get = d.paths["/repos/{owner}/{repo}"].get;
    expect(generated(d.components.parameters.owner)).toEqual({
      summary: "Sampled from the schema; the published spec has no example here.",
      "x-model-apis-generated": "openapi-sampler 1.7.10",
      value: "string",
    });
    expect(generated(get.parameters[0])!.value).toMatch(/^[a-z]+$/);
    expect(generated(get.parameters[2])!.value).toBe("open");
    expect(generated(d.components.responses.RepoResponse.content["application/json"])!.value).toEqual({
      id: 0,
      full_name: "octocat/Hello-World",
      archived_at: "2019-08-24T14:15:22Z",
    });
    expect(generated(get.responses["200"].content["application/json"])!.value).toEqual({
      id: 0,
      full_name: "octocat/Hello-World",
      archived_at: "2019-08-24T14:15:22Z",
    });
    // the request body: required properties only, nothing read-only
    expect(generated(d.paths["/repos/{owner}/{repo}"].patch.requestBody.content["application/json"])!.value).toEqual({ name: "string" });
  });

  it("leave alone what has an example, a schema example or a default, optional parameters and error bodies", () => {
    const d = doc();
    addGeneratedExamples(d);
    const get = d.paths["/repos/{owner}/{repo}"].get;
    expect(get.parameters[1].examples).toBeUndefined(); // optional
    expect(get.parameters[3].examples).toBeUndefined(); // default
    expect(get.parameters[4]).toEqual({ name: "sha", in: "query", required: true, example: "abc", schema: { type: "string" } });
    expect(get.responses["404"].content["application/json"].examples).toBeUndefined();
    expect(d.paths["/repos/{owner}/{repo}"].put.requestBody.content["application/json"]).toEqual({ schema: { type: "object" }, example: { given: true } });
  });

  it("are the same on every run", () => {
    const [a, b] = [doc(), doc()];
    addGeneratedExamples(a);
    addGeneratedExamples(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("stay small for hostile sizes and patterns", () => {
    const d = doc();
    d.components.schemas.Repo.properties.topics = {
      type: "array",
      minItems: 1e9,
      items: { type: "string", minLength: 1e9, pattern: `^${"(a|b)".repeat(100_000)}$` },
    };
    d.components.schemas.Repo.required.push("topics");
    addGeneratedExamples(d);
    const value = generated(d.components.responses.RepoResponse.content["application/json"])!.value as { topics: string[] };
    expect(value.topics.length).toBeLessThanOrEqual(8);
    expect(JSON.stringify(value).length).toBeLessThan(5_000);
  });
});

describe("through normalize", () => {
  it("an invalid published example of a lint: imported vendor gets a sample in front of it, and one warning line at its upstream place", async () => {
    const imported = tempRepo(join(FIXTURES, "imported-repo"));
    try {
      const upstream = join(imported.root, "specs", "acme", "upstream", "openapi.yaml");
      const text = readFileSync(upstream, "utf8");
      const marker = '              schema: {$ref: "#/components/schemas/basic-error"}\n';
      expect(text).toContain(marker);
      writeFileSync(upstream, text.replace(marker, `${marker}              example: {message: 404}\n`));
      const lines: string[] = [];
      const { doc } = await normalizeDocument(loadVendorConfig(join(imported.root, "specs"), "acme"), imported.root, { warn: (l) => lines.push(l) });
      const media = doc.paths["/repos/{owner}/{repo}"].get.responses["404"].content["application/json"];
      expect(Object.keys(media.examples)).toEqual(["generated", "published"]);
      expect(media.examples.published.value).toEqual({ message: 404 });
      const warning = lines.find((l) => l.includes("published example"));
      expect(warning).toMatch(
        /^warning: specs\/acme\/upstream\/openapi\.yaml: 1 published example\(s\) violate their schemas; .* the first at \d+:\d+: \/message: Instance type "number" is invalid\. Expected "string" \(/,
      );
    } finally {
      imported.cleanup();
    }
  });

  it("a lint: imported vendor's spec gets them, a curated (strict) one never does", async () => {
    const imported = tempRepo(join(FIXTURES, "imported-repo"));
    const strict = tempRepo();
    try {
      const acme = await normalizeIn(imported.root, "acme");
      expect(acme.text.match(/x-model-apis-generated: openapi-sampler 1\.7\.10/g)!.length).toBeGreaterThanOrEqual(3);
      expect(acme.doc.components.parameters.owner.examples.generated.value).toBe("string");
      const tiny = await normalizeIn(strict.root);
      expect(tiny.text).not.toContain("x-model-apis-generated");
    } finally {
      imported.cleanup();
      strict.cleanup();
    }
  });
});

describe("samples checked against their schemas (lint: imported)", () => {
  const single = (schema: Record<string, unknown>, where: "path" | "body" = "body"): OpenApiDoc => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/things/{id}": {
        post: {
          operationId: "makeThing",
          parameters: [{ name: "id", in: "path", required: true, schema: where === "path" ? schema : { type: "string" } }],
          responses: { "200": { description: "ok", content: { "application/json": { schema: where === "body" ? schema : { type: "object" } } } } },
        },
      },
    },
  });
  const responseValue = (d: OpenApiDoc) => generated(d.paths["/things/{id}"].post.responses["200"].content["application/json"])!.value;
  const paramValue = (d: OpenApiDoc) => generated(d.paths["/things/{id}"].post.parameters[0])!.value;

  it("a pattern with escapes, groups and alternations gets a value that matches it", () => {
    const d = single({ type: "string", pattern: "^\\d+\\.\\d+\\.\\d+(-(alpha|beta))?$" });
    addGeneratedExamples(d);
    expect(responseValue(d)).toMatch(/^\d+\.\d+\.\d+(-(alpha|beta))?$/);
    expect(patternSample("^v\\d{2}$", undefined, undefined)).toMatch(/^v\d{2}$/);
    expect(patternSample("^[a-z]{10}$", undefined, 5)).toBeUndefined(); // the length bounds are kept
    expect(patternSample("(", undefined, undefined)).toBeUndefined(); // not a regular expression
  });

  it("a path parameter oneOf [integer, string] gets the branch whose string form matches only one", () => {
    const d = single({ oneOf: [{ type: "integer" }, { type: "string" }] }, "path");
    addGeneratedExamples(d);
    // 0 travels as "0", which both branches match (Prism coerces parameters): the string branch is taken
    expect(paramValue(d)).toBe("string");
  });

  it("the first valid sample is taken: a oneOf branch, then the required properties only", () => {
    const d = single({
      type: "object",
      oneOf: [{ required: ["a"], properties: { a: { type: "integer", minimum: 5 } } }, { required: ["b"] }],
      properties: { b: { type: "string" } },
    });
    addGeneratedExamples(d);
    const value = responseValue(d) as Record<string, unknown>;
    expect(exampleCheck(d).body("#/paths/~1things~1{id}/post/responses/200/content/application~1json/schema", value)).toBeUndefined();
  });
});

describe("published examples that violate their schemas (lint: imported)", () => {
  function published(): OpenApiDoc {
    const d = doc();
    const get = d.paths["/repos/{owner}/{repo}"].get;
    // invalid: id is a string, full_name missing
    get.responses["200"].content["application/json"].examples = { default: { $ref: "#/components/examples/repo" } };
    d.components.examples = { repo: { value: { id: "1" } } };
    // valid: left alone
    get.responses["404"].content["application/json"].example = { message: "Not Found" };
    // invalid single `example` on a request body
    d.paths["/repos/{owner}/{repo}"].patch.requestBody.content["application/json"].example = { name: 7 };
    // an invalid parameter example: the enum does not have it
    get.parameters[2].example = "merged";
    return d;
  }

  it("get a valid sample first, marked with the reason, and keep the published one after it", () => {
    const d = published();
    const result = replaceInvalidExamples(d);
    expect(result).toMatchObject({ replaced: 3, unsolved: 0 });
    const get = d.paths["/repos/{owner}/{repo}"].get;
    const media = get.responses["200"].content["application/json"];
    expect(Object.keys(media.examples)).toEqual([GENERATED_EXAMPLE, "default"]);
    expect(media.examples.default).toEqual({ $ref: "#/components/examples/repo" });
    expect(media.examples.generated).toEqual({
      summary: 'Sampled from the schema: the published example "default" violates it (/id: Instance type "string" is invalid. Expected "integer").',
      "x-model-apis-generated": "openapi-sampler 1.7.10",
      value: { id: 0, full_name: "octocat/Hello-World", archived_at: "2019-08-24T14:15:22Z" },
    });
    const body = d.paths["/repos/{owner}/{repo}"].patch.requestBody.content["application/json"];
    expect(body.example).toBeUndefined();
    expect(body.examples).toEqual({
      generated: {
        summary: expect.stringContaining('the published example "published" violates it (/name: Instance type "number" is invalid. Expected "string")'),
        "x-model-apis-generated": "openapi-sampler 1.7.10",
        value: { name: "string" },
      },
      published: { summary: "The published example.", value: { name: 7 } },
    });
    expect(get.parameters[2].examples.generated.value).toBe("open");
    expect(get.parameters[2].examples.published.value).toBe("merged");
    expect(get.responses["404"].content["application/json"].examples).toBeUndefined();
    expect(result.first).toEqual({ at: expect.stringContaining("#/paths/"), problem: expect.any(String) });
  });

  it("stay first, counted, when no valid sample is found", () => {
    const d = doc();
    // nothing satisfies both: the sampler's value cannot be valid
    d.components.schemas.Repo = { type: "integer", minimum: 5, maximum: 1 };
    d.paths["/repos/{owner}/{repo}"].get.responses["200"].content["application/json"].example = 3;
    expect(replaceInvalidExamples(d)).toMatchObject({ replaced: 0, unsolved: 1 });
    expect(d.paths["/repos/{owner}/{repo}"].get.responses["200"].content["application/json"]).toEqual({
      schema: { $ref: "#/components/schemas/Repo" },
      example: 3,
    });
  });

  it("come first also before a published example named like a number (GitHub's '202'), which gets a prefix", () => {
    const d = doc();
    const media = d.paths["/repos/{owner}/{repo}"].get.responses["200"].content["application/json"];
    media.examples = { "202": { value: null }, other: { value: { id: 2, full_name: "a/b" } } };
    expect(replaceInvalidExamples(d)).toMatchObject({ replaced: 1, unsolved: 0 });
    // what JSON and the mock see: the keys in object order
    expect(Object.keys(JSON.parse(JSON.stringify(media.examples)))).toEqual([GENERATED_EXAMPLE, "published-202", "other"]);
    expect(media.examples["published-202"]).toEqual({ value: null });
  });

  it("are the same on every run", () => {
    const [a, b] = [published(), published()];
    replaceInvalidExamples(a);
    replaceInvalidExamples(b);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe("a schema's own example that violates it", () => {
  it("is not taken: the sample is made without the schemas' examples", () => {
    const d: OpenApiDoc = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: {
        "/answers": {
          post: {
            operationId: "createAnswer",
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["examples"],
                    // OpenAI's: a string example for an array of pairs
                    properties: { examples: { type: "array", minItems: 1, items: { type: "array", items: { type: "string" } }, examples: ["[['q', 'a']]"] } },
                  },
                },
              },
            },
            responses: { "204": { description: "done" } },
          },
        },
      },
    };
    addGeneratedExamples(d);
    expect(generated(d.paths["/answers"].post.requestBody.content["application/json"])!.value).toEqual({ examples: [["string"]] });
  });
});
