import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { pointerLocator } from "../src/load.ts";
import { locatePointers } from "../src/normalize/locate.ts";

/** Every key path in a JSON value (objects and arrays), and some that do not exist. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  if (typeof value !== "object" || value === null) return out;
  for (const [key, child] of Object.entries(value)) {
    const keys = [...prefix, key];
    out.push(keys, [...keys, "missing"]);
    out.push(...paths(child, keys));
  }
  return out;
}

const json = fc.jsonValue({ maxDepth: 4 });
const keyed = fc.dictionary(fc.string({ unit: fc.constantFrom("a", "b", "/", "~", '"', "\\", "é", "\n", " ", ":", "{", "[") }), json, { maxKeys: 5 });

describe("locatePointers", () => {
  it("gives, for JSON text (compact or indented) and YAML text, the place locatePointer gives for each pointer", () => {
    fc.assert(
      fc.property(keyed, fc.constantFrom(0, 2), (doc, indent) => {
        const targets = paths(doc);
        for (const text of [JSON.stringify(doc, null, indent), stringify(doc)]) {
          // locatePointer(text, keys) is pointerLocator(text)(keys); the text is parsed once for all the pointers
          const locate = pointerLocator(text);
          expect(locatePointers(text, targets)).toEqual(targets.map((keys) => locate(keys)));
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it("finds places deep in a big JSON text in one pass", () => {
    const doc = {
      paths: Object.fromEntries(
        Array.from({ length: 5000 }, (_, i) => [`/p${i}`, { get: { responses: { "200": { description: `r${i}`, content: [1, { x: i }] } } } }]),
      ),
    };
    const text = JSON.stringify(doc, null, 2);
    const [first, last, item] = locatePointers(text, [
      ["paths", "/p0", "get"],
      ["paths", "/p4999", "get", "responses", "200", "description"],
      ["paths", "/p7", "get", "responses", "200", "content", "1", "x"],
    ]);
    // the places, found by searching the text: the key's opening quote (what locatePointer gives, checked above)
    const place = (key: string, path: string) => {
      const i = text.indexOf(key, text.indexOf(`"${path}": {`));
      const before = text.slice(0, i);
      return `${before.split("\n").length}:${i - before.lastIndexOf("\n")}`;
    };
    expect(first).toBe("4:7");
    expect(first).toBe(place('"get"', "/p0"));
    expect(last).toBe(place('"description"', "/p4999"));
    expect(item).toBe(place('"x"', "/p7"));
  });
});
