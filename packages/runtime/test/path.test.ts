import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { compilePath } from "../src/path.js";

const URLS = [
  "https://api.test/v1/models/{model_id}",
  "https://api.test/v1/models/{model_id}/datasets/{dataset_id}",
  "https://{region}.api.test/v1/{id}/{id}",
  "/a/{x}.{y}/{x}",
  "https://api.test/v1/{a b}/{ü}/{__proto__}",
];
const VALUES: unknown[] = ["m1", "a/b c", "ü€😀", "%41", "$&$1$$", "{x}", "", 0, 42, -1.5, true, false, 10n, null, undefined];

describe("compilePath", () => {
  it("gives exactly openapi-fetch's default output for every primitive value, missing values included", () => {
    let compared = 0;
    for (const url of URLS) {
      const serialize = compilePath(url)!;
      const names = [...new Set(url.match(/\{[^{}]+\}/g)!.map((t) => t.slice(1, -1)))];
      for (const value of VALUES) {
        for (const other of ["v", undefined]) {
          const params: Record<string, unknown> = {};
          names.forEach((name, i) => Object.defineProperty(params, name, { value: i === 0 ? value : other, enumerable: true }));
          expect(serialize(url, params), `${url} ${String(value)}`).toBe(defaultPathSerializer(url, params));
          compared++;
        }
      }
    }
    expect(compared).toBe(URLS.length * VALUES.length * 2);
  });

  it("hands arrays, objects and another URL to openapi-fetch's default", () => {
    const url = "https://api.test/v1/models/{model_id}";
    const serialize = compilePath(url)!;
    for (const value of [["a", "b"], { role: "admin", id: 7 }])
      expect(serialize(url, { model_id: value })).toBe(defaultPathSerializer(url, { model_id: value }));
    expect(serialize("https://other.test/{model_id}", { model_id: "x" })).toBe("https://other.test/x");
  });

  it("is not compiled for paths without parameters or with label, matrix or exploded ones", () => {
    for (const url of ["https://api.test/v1/models", "/a/{.x}", "/a/{;x}", "/a/{x*}", "/a/{y}/{x*}"]) expect(compilePath(url)).toBeUndefined();
  });
});
