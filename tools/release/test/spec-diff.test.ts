import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { changesLevel, specChanges } from "../src/spec-diff.ts";

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are edited freely
type Doc = Record<string, any>;
const BEFORE: Doc = parse(readFileSync(join(import.meta.dirname, "fixtures", "shop.yaml"), "utf8"));

/** The changes after an edit of a copy of the fixture, as "text: kind" lines. */
function changed(edit: (doc: Doc) => void): { lines: string[]; level: string | undefined } {
  const after = structuredClone(BEFORE);
  edit(after);
  const changes = specChanges(BEFORE, after);
  return { lines: changes.map((c) => `${c.text}: ${c.kind}`), level: changesLevel(changes) };
}

describe("spec diff: the breaking changes the issue names are breaking", () => {
  it("an operation removed", () => {
    expect(changed((d) => delete d.paths["/items/{id}"].get)).toEqual({ lines: ["Removed `getItem` (GET /items/{id}): breaking"], level: "major" });
  });

  it("a request field newly required", () => {
    expect(changed((d) => d.components.schemas.ItemCreate.required.push("note"))).toEqual({
      lines: ["`createItem` (POST /items): request body field `note` is now required: breaking"],
      level: "major",
    });
  });

  it("a query parameter newly required", () => {
    expect(changed((d) => (d.paths["/items"].get.parameters[0].required = true)).lines).toEqual([
      "`listItems` (GET /items): query parameter `limit` is now required: breaking",
    ]);
  });

  it("a response field removed, in every operation that returns it", () => {
    const { lines, level } = changed((d) => delete d.components.schemas.Item.properties.price);
    expect(level).toBe("major");
    expect(lines).toEqual([
      "`listItems` (GET /items): response 200 field `items[].price` removed: breaking",
      "`createItem` (POST /items): response 201 field `price` removed: breaking",
      "`getItem` (GET /items/{id}): response 200 field `price` removed: breaking",
    ]);
  });

  it("a response field retyped (api-smart-diff alone calls it non-breaking)", () => {
    const { lines } = changed((d) => (d.components.schemas.Item.properties.price.type = "string"));
    expect(lines).toContain("`getItem` (GET /items/{id}): response 200 field `price`: type changed from `number` to `string`: breaking");
    expect(lines.every((l) => l.endsWith(": breaking"))).toBe(true);
  });

  it("an enum value removed, from a request and from a response", () => {
    const { lines } = changed((d) => {
      d.components.schemas.Item.properties.status.enum = ["active"];
      d.components.schemas.ItemCreate.properties.status.enum = ["active"];
    });
    expect(lines).toContain("`createItem` (POST /items): request body field `status`: enum value `archived` removed: breaking");
    expect(lines).toContain("`getItem` (GET /items/{id}): response 200 field `status`: enum value `archived` removed: breaking");
    expect(lines.every((l) => l.endsWith(": breaking"))).toBe(true);
  });

  it("an operationId renamed (the client method) and a request field removed", () => {
    expect(changed((d) => (d.paths["/items"].get.operationId = "listAllItems")).lines).toEqual([
      "`listAllItems` (GET /items): operationId (the client method) renamed from `listItems` to `listAllItems`: breaking",
    ]);
    expect(changed((d) => delete d.components.schemas.ItemCreate.properties.note).lines).toEqual([
      "`createItem` (POST /items): request body field `note` removed: breaking",
    ]);
  });
});

describe("spec diff: additions are minor, documentation is patch", () => {
  it("an operation, an optional parameter and a response field added are non-breaking", () => {
    const { lines, level } = changed((d) => {
      d.paths["/items/{id}"].delete = {
        operationId: "deleteItem",
        summary: "Delete an item",
        parameters: d.paths["/items/{id}"].get.parameters,
        responses: { "204": { description: "Deleted" } },
      };
      d.paths["/items"].get.parameters.push({ name: "q", in: "query", schema: { type: "string" } });
    });
    expect(level).toBe("minor");
    expect(lines.sort()).toEqual([
      "Added `deleteItem` (DELETE /items/{id}): non-breaking",
      "`listItems` (GET /items): query parameter `q` added (optional): non-breaking",
    ]);
    expect(changed((d) => (d.components.schemas.Item.properties.color = { type: "string" })).level).toBe("minor");
  });

  it("descriptions, summaries and examples are documentation", () => {
    const { lines, level } = changed((d) => {
      d.paths["/items"].get.description = "Every item.";
      d.components.schemas.Item.properties.name.description = "The name.";
      d.paths["/items"].get.responses["200"].content["application/json"].examples.one.value.items[0].name = "Pencil";
    });
    expect(level).toBe("patch");
    expect(lines).toContain("`listItems` (GET /items): description changed: documentation");
    expect(lines).toContain("`listItems` (GET /items): response 200: examples changed: documentation");
    expect(lines.every((l) => l.endsWith(": documentation"))).toBe(true);
  });

  it("provenance (x-origin) and other vendor extensions are documentation, one line per place", () => {
    const { lines, level } = changed((d) => {
      d.info["x-origin"][0].actions = 4;
      d.paths["/items"].get["x-origin"][0].change = "added";
      d.paths["/items"].get["x-origin"].push({ file: "upstream/openapi.yaml" });
      d.paths["/items"].get["x-assumption"] = "The order is not documented.";
    });
    expect(level).toBe("patch");
    expect(lines.sort()).toEqual([
      "Provenance of `info` (x-origin) updated: documentation",
      "`listItems` (GET /items): provenance (x-origin) updated: documentation",
      "`listItems` (GET /items): x-assumption added: documentation",
    ]);
  });

  it("a new default server is minor; x-model-apis semantics are at least minor; no change is no change", () => {
    expect(changed((d) => (d.servers[0].url = "https://api2.shop.test")).level).toBe("minor");
    expect(changed((d) => (d["x-model-apis-resources"].item.schema = "ItemCreate")).level).toBe("minor");
    expect(changed(() => undefined)).toEqual({ lines: [], level: undefined });
  });
});
