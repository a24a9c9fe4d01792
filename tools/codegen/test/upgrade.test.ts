import { describe, expect, it } from "vitest";
import { lintDocumentObject } from "../src/lint.ts";
import { upgradeTo31 } from "../src/normalize/upgrade.ts";
import type { OpenApiDoc } from "../src/openapi.ts";

/** A document with the given component schemas (and one operation using the first), in OpenAPI `version`. */
function docWith(version: string, schemas: Record<string, unknown>, extra: Record<string, unknown> = {}): OpenApiDoc {
  const first = Object.keys(schemas)[0]!;
  return {
    openapi: version,
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "listThings",
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${first}` } } } } },
        },
      },
    },
    components: { schemas },
    ...extra,
  };
}

const schemasOf = (doc: OpenApiDoc) => doc.components.schemas as Record<string, Record<string, unknown>>;

/** The structural rules (struct: a valid OpenAPI 3.1 document and valid schemas) find nothing. */
async function expectValid31(doc: OpenApiDoc) {
  const problems = await lintDocumentObject(doc, { structureOnly: true });
  expect(problems.map((p) => `${p.pointer} ${p.message}`)).toEqual([]);
}

describe("upgrade of a 3.0 document", () => {
  it("nullable becomes a null type, also in the enum, and around compositions and $refs", async () => {
    const { doc, notes } = upgradeTo31(
      docWith("3.0.3", {
        Plain: { type: "string", nullable: true },
        Enum: { type: "string", nullable: true, enum: ["a", "b"] },
        EnumWithNull: { type: "string", nullable: true, enum: ["a", null] },
        AllOf: { description: "an owner", nullable: true, allOf: [{ $ref: "#/components/schemas/Plain" }], readOnly: true },
        Ref: { $ref: "#/components/schemas/Plain", nullable: true },
        OneOf: { nullable: true, oneOf: [{ type: "string" }, { type: "integer" }] },
        TypedComposition: { type: "object", nullable: true, allOf: [{ $ref: "#/components/schemas/Plain" }] },
        NotNullable: { type: "integer", nullable: false },
        Anything: { nullable: true, description: "any value" },
      }),
    );
    const s = schemasOf(doc);
    expect(doc.openapi).toBe("3.1.0");
    expect(s.Plain).toEqual({ type: ["string", "null"] });
    expect(s.Enum).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
    expect(s.EnumWithNull).toEqual({ type: ["string", "null"], enum: ["a", null] });
    expect(s.AllOf).toEqual({ description: "an owner", readOnly: true, anyOf: [{ allOf: [{ $ref: "#/components/schemas/Plain" }] }, { type: "null" }] });
    expect(s.Ref).toEqual({ anyOf: [{ $ref: "#/components/schemas/Plain" }, { type: "null" }] });
    expect(s.OneOf).toEqual({ oneOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] });
    expect(s.TypedComposition).toEqual({ anyOf: [{ type: "object", allOf: [{ $ref: "#/components/schemas/Plain" }] }, { type: "null" }] });
    expect(s.NotNullable).toEqual({ type: "integer" });
    expect(s.Anything).toEqual({ description: "any value" });
    expect(notes).toEqual([]);
    await expectValid31(doc);
  });

  it("boolean exclusive bounds become numeric ones; one without a bound is removed with a warning at its place", async () => {
    const { doc, notes } = upgradeTo31(
      docWith("3.0.3", {
        Score: { type: "number", minimum: 0, exclusiveMinimum: true, maximum: 1, exclusiveMaximum: false },
        Loose: { type: "number", exclusiveMaximum: true },
      }),
    );
    expect(schemasOf(doc).Score).toEqual({ type: "number", exclusiveMinimum: 0, maximum: 1 });
    expect(schemasOf(doc).Loose).toEqual({ type: "number" });
    expect(notes).toEqual([
      {
        keys: ["components", "schemas", "Loose", "exclusiveMaximum"],
        pointer: "#/components/schemas/Loose/exclusiveMaximum",
        severity: "warning",
        message: "exclusiveMaximum: true without a numeric maximum bounds nothing; removed",
      },
    ]);
    await expectValid31(doc);
  });

  it("example and one-value enum become examples and const in typed schemas, as openapi-format's upgrade gives them", () => {
    const { doc } = upgradeTo31(docWith("3.0.3", { Kind: { type: "string", enum: ["model"], example: "model" }, Untyped: { example: 1 } }));
    expect(schemasOf(doc).Kind).toEqual({ type: "string", const: "model", examples: ["model"] });
    expect(schemasOf(doc).Untyped).toEqual({ example: 1 });
  });

  it("converts schemas only: properties named like keywords, example values and extensions stay as they are", async () => {
    const data = { type: "column", nullable: true, example: "x", enum: ["one"] };
    const { doc } = upgradeTo31(
      docWith("3.0.3", {
        Column: {
          type: "object",
          "x-vendor": { nullable: true, type: "string" },
          properties: {
            type: { type: "string" },
            nullable: { type: "boolean" },
            example: { type: "string" },
            enum: { type: "array", items: { type: "string" } },
          },
          example: data,
        },
      }),
    );
    const column = schemasOf(doc).Column!;
    expect(Object.keys(column.properties as object)).toEqual(["type", "nullable", "example", "enum"]);
    expect(column["x-vendor"]).toEqual({ nullable: true, type: "string" });
    expect(column.examples).toEqual([data]);
    await expectValid31(doc);
  });

  it("keeps a property named __proto__ as data when it renames keys around it", () => {
    const schema = JSON.parse('{"type":"object","example":{"a":1},"properties":{"__proto__":{"type":"string","nullable":true}}}');
    const { doc } = upgradeTo31(docWith("3.0.3", { Proto: schema }));
    const properties = schemasOf(doc).Proto!.properties as Record<string, unknown>;
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(properties, "__proto__")!.value).toEqual({ type: ["string", "null"] });
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it("file uploads take their 3.1 form; x-webhooks becomes webhooks", () => {
    const upload = (type: string, schema: unknown) => ({
      post: {
        operationId: `upload${type.length}`,
        requestBody: { content: { [type]: { schema, example: "bytes" } } },
        responses: { "204": { description: "done" } },
      },
    });
    const doc = docWith("3.0.3", { A: { type: "string" } }, { "x-webhooks": { ping: { post: { responses: { "200": { description: "ok" } } } } } });
    Object.assign(doc.paths, {
      "/raw": upload("application/octet-stream", { type: "string", format: "binary" }),
      "/form": upload("multipart/form-data", { type: "object", properties: { file: { type: "string", format: "binary" } } }),
      "/image": upload("image/png", { type: "string", format: "base64" }),
    });
    const out = upgradeTo31(doc).doc;
    const body = (path: string) => Object.values(out.paths[path].post.requestBody.content)[0] as Record<string, unknown>;
    expect(body("/raw")).toEqual({ example: "bytes" });
    expect(body("/form").schema).toEqual({ type: "object", properties: { file: { type: "string", contentMediaType: "application/octet-stream" } } });
    expect(body("/image").schema).toEqual({ type: "string", contentEncoding: "base64" });
    expect(Object.keys(out)).toContain("webhooks");
    expect(out["x-webhooks"]).toBeUndefined();
  });

  it("finds schemas in parameters, headers, callbacks, webhooks and every subschema keyword", () => {
    const n = () => ({ type: "string", nullable: true });
    const doc = docWith("3.0.3", {
      Deep: {
        type: "object",
        properties: { a: { type: "array", items: n() } },
        additionalProperties: n(),
        patternProperties: { "^x": n() },
        not: n(),
        anyOf: [n()],
      },
    });
    doc.paths["/things"].get.parameters = [
      { name: "q", in: "query", schema: n() },
      { name: "c", in: "query", content: { "application/json": { schema: n() } } },
    ];
    doc.paths["/things"].get.responses["200"].headers = { "X-Rate": { schema: n() } };
    doc.paths["/things"].get.callbacks = {
      done: {
        "{$request.body#/url}": { post: { requestBody: { content: { "application/json": { schema: n() } } }, responses: { "200": { description: "ok" } } } },
      },
    };
    doc.components.parameters = { p: { name: "p", in: "query", schema: n() } };
    const out = JSON.stringify(upgradeTo31(doc).doc);
    expect(out).not.toContain("nullable");
    expect(out.match(/\["string","null"\]/g)).toHaveLength(10);
  });
});

describe("upgrade of the 3.0 forms in a 3.1 document", () => {
  it("converts nullable and boolean bounds, keeps numeric bounds, example and one-value enums as 3.1 has them", async () => {
    const { doc, notes } = upgradeTo31(
      docWith("3.1.0", {
        Multiplier: { type: "number", minimum: 0, exclusiveMinimum: true },
        Numeric: { type: "number", minimum: 0, exclusiveMinimum: 5 },
        Name: { type: "string", nullable: true, example: "x", enum: ["only"] },
      }),
    );
    expect(schemasOf(doc).Multiplier).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(schemasOf(doc).Numeric).toEqual({ type: "number", minimum: 0, exclusiveMinimum: 5 });
    expect(schemasOf(doc).Name).toEqual({ type: ["string", "null"], example: "x", enum: ["only", null] });
    expect(notes).toEqual([]);
    await expectValid31(doc);
  });

  it("$recursiveRef to a component's $recursiveAnchor becomes a $ref to it; an inline one a $dynamicRef", async () => {
    const filter = {
      $recursiveAnchor: true,
      type: "object",
      properties: { filters: { type: "array", items: { oneOf: [{ type: "string" }, { $recursiveRef: "#" }] } } },
    };
    const doc = docWith("3.1.0", { CompoundFilter: structuredClone(filter) });
    doc.paths["/things"].get.requestBody = { content: { "application/json": { schema: structuredClone(filter) } } };
    const { doc: out, notes } = upgradeTo31(doc);
    expect(schemasOf(out).CompoundFilter).toEqual({
      type: "object",
      properties: { filters: { type: "array", items: { oneOf: [{ type: "string" }, { $ref: "#/components/schemas/CompoundFilter" }] } } },
    });
    const inline = out.paths["/things"].get.requestBody.content["application/json"].schema;
    expect(inline.$dynamicAnchor).toBe("recursive");
    expect(inline.properties.filters.items.oneOf[1]).toEqual({ $dynamicRef: "#recursive" });
    expect(notes).toEqual([]);
    await expectValid31(out);
  });

  it("reads snake_case keywords as the keyword and removes optional, with one warning per place", async () => {
    const { doc, notes } = upgradeTo31(
      docWith("3.1.0", {
        Range: { type: "array", items: { type: "number" }, min_items: 2, max_items: 2 },
        Logprobs: { type: "object", properties: { logprobs: { type: "array", optional: true, items: { type: "number" } } } },
        Both: { type: "string", maxLength: 3, max_length: 4 },
      }),
    );
    expect(schemasOf(doc).Range).toEqual({ type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 });
    expect(schemasOf(doc).Both).toEqual({ type: "string", maxLength: 3 });
    expect(notes.map((n) => [n.pointer, n.severity, n.message])).toEqual([
      ["#/components/schemas/Range/min_items", "warning", "min_items is not a JSON Schema keyword; read as minItems"],
      ["#/components/schemas/Range/max_items", "warning", "max_items is not a JSON Schema keyword; read as maxItems"],
      [
        "#/components/schemas/Logprobs/properties/logprobs/optional",
        "warning",
        "optional is not a JSON Schema keyword (a property is optional unless its object lists it in required); removed",
      ],
      ["#/components/schemas/Both/max_length", "warning", "max_length is not a JSON Schema keyword and maxLength is already there; max_length removed"],
    ]);
    await expectValid31(doc);
  });

  it("what has no 3.1 equivalent is an error note at its place", () => {
    const { notes } = upgradeTo31(docWith("3.1.0", { Loose: { type: "object", properties: { a: { $recursiveRef: "#" }, b: { $recursiveRef: "#/x" } } } }));
    expect(notes.map((n) => [n.pointer, n.severity])).toEqual([
      ["#/components/schemas/Loose/properties/a/$recursiveRef", "error"],
      ["#/components/schemas/Loose/properties/b/$recursiveRef", "error"],
    ]);
    expect(notes[0]!.message).toMatch(/without an enclosing \$recursiveAnchor/);
  });
});
