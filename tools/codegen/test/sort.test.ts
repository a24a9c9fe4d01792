import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openapiSort } from "openapi-format";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SORT_COMPONENTS, SORT_SET } from "../src/normalize/format.ts";
import { sortLikeOpenapiFormat } from "../src/normalize/sort.ts";
import { FIXTURES } from "./helpers.ts";

/** What openapi-format 1.33's own sort gives with the same settings (it loses "__proto__" keys, so none are used). */
async function reference(doc: unknown): Promise<unknown> {
  return (await openapiSort(structuredClone(doc), { sortSet: structuredClone(SORT_SET) as never, sortComponentsSet: [...SORT_COMPONENTS] })).data;
}

/** Key order is what is compared: JSON text of both. */
async function expectSame(doc: unknown) {
  expect(JSON.stringify(sortLikeOpenapiFormat(structuredClone(doc) as Record<string, unknown>, SORT_SET, SORT_COMPONENTS))).toBe(
    JSON.stringify(await reference(doc)),
  );
}

/** Every object's keys in reverse order, so that the sort has work to do. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed).reverse();
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

const REPO = join(import.meta.dirname, "..", "..", "..");
const specs = [
  ...readdirSync(join(REPO, "specs"))
    .filter((slug) => existsSync(join(REPO, "specs", slug, "openapi.yaml")))
    .map((slug) => join(REPO, "specs", slug, "openapi.yaml")),
  join(FIXTURES, "tiny-repo", "specs", "tiny", "upstream", "openapi.yaml"),
  join(FIXTURES, "imported-repo", "specs", "acme", "upstream", "openapi.yaml"),
];

describe("sortLikeOpenapiFormat gives openapi-format's order", () => {
  for (const file of specs) {
    it(`on ${file.slice(REPO.length + 1)}, and on it with every key order reversed`, async () => {
      const doc = parse(readFileSync(file, "utf8"));
      await expectSame(doc);
      await expectSame(reversed(doc));
    });
  }

  it("on generated documents made of OpenAPI keywords at any depth", async () => {
    const key = fc.constantFrom(
      ...["openapi", "info", "paths", "components", "schemas", "parameters", "responses", "properties", "schema", "example", "examples", "value"],
      ...["requestBody", "get", "post", "name", "in", "type", "description", "Zeta", "alpha", "Alpha", "headers", "content", "0", "10", "2", "x-a"],
    );
    const leaf = fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("object"), tie("array")),
      object: fc.dictionary(key, tie("tree"), { maxKeys: 6 }),
      array: fc.array(fc.oneof(tie("object"), fc.record({ name: fc.constantFrom("b", "A", "a", "c") }, { requiredKeys: [] }), leaf), { maxLength: 4 }),
    }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, tree, { maxKeys: 6 }), async (doc) => {
        // openapi-format throws on some arrays (a null item where it sorts by name): no order to compare with
        const ok = await reference(doc).then(
          () => true,
          () => false,
        );
        fc.pre(ok);
        await expectSame(doc);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 500) },
    );
  });
});
