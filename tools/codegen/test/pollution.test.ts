import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planVendor, type VendorPlan } from "../src/generate.ts";
import { lintText } from "../src/lint.ts";
import { normalizeVendor, type Normalized } from "../src/normalize/index.ts";
import { redoclyConfigPath } from "../src/repo.ts";
import { loadVendorConfig } from "../src/vendor-config.ts";
import { FIXTURES, normalizeIn, tempRepo, writeYaml } from "./helpers.ts";

/**
 * `__proto__`, `constructor` and `prototype` as keys in the hostile fixture's spec (paths, schemas, properties,
 * examples), vendor.yaml (server variables) and overlay updates: normalize, lint and generate run in this process,
 * and must leave the built-in prototypes alone and keep those keys as plain data.
 */
const BUILTINS = { Object, Array, Function, String };
type Snapshot = Record<string, [string, unknown][]>;

function prototypes(): Snapshot {
  return Object.fromEntries(
    Object.entries(BUILTINS).map(([name, ctor]) => [
      name,
      Reflect.ownKeys(ctor.prototype).map((key) => {
        const d = Object.getOwnPropertyDescriptor(ctor.prototype, key)!;
        return [String(key), d.value ?? d.get] as [string, unknown];
      }),
    ]),
  );
}

/** Every object of a parsed document whose prototype is not the plain one (data that became a prototype). */
function unusualPrototypes(root: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (typeof node !== "object" || node === null) return;
    const proto = Object.getPrototypeOf(node);
    if (proto !== Object.prototype && proto !== Array.prototype) out.push(at);
    for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
  };
  walk(root, "#");
  return out;
}

const before = prototypes();
let root: string;
let cleanup: () => void;
let normalized: Normalized;
let plan: VendorPlan;

beforeAll(async () => {
  ({ root, cleanup } = tempRepo(join(FIXTURES, "hostile")));
  const config = loadVendorConfig(join(root, "specs"), "hostile");
  normalized = await normalizeVendor(config, root);
  plan = await planVendor(config, normalized, root);
  await lintText(normalized.file, normalized.text, { configPath: redoclyConfigPath(root) });
}, 60_000);
afterAll(() => cleanup?.());

describe("__proto__, constructor and prototype keys", () => {
  it("pollute no built-in prototype, and run nothing", () => {
    expect(prototypes()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it("arrive as plain own keys in the normalized spec and in the bundled openapi.json", () => {
    const documents = {
      "in memory": normalized.doc,
      "openapi.yaml": parse(normalized.text),
      "openapi.json": JSON.parse(plan.packages[0]!.files.get("openapi.json")!),
    };
    for (const [name, doc] of Object.entries(documents)) {
      expect(unusualPrototypes(doc), name).toEqual([]);
      const schemas = doc.components.schemas;
      expect(Object.keys(schemas), name).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
      // biome-ignore lint/suspicious/noProto: the test is that a schema named __proto__ survives as plain data
      expect(Object.keys(schemas.__proto__.properties), name).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
      // biome-ignore lint/suspicious/noProto: the test is that a schema named __proto__ survives as plain data
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the hostile text must stay a literal string
      expect(schemas.__proto__.title, `${name}: overlay update of a schema named __proto__`).toBe("`${globalThis.__pwned = 1}`");
      expect(Object.keys(schemas.prototype.properties), `${name}: overlay keys`).toEqual(expect.arrayContaining(["constructor", "prototype"]));
      const example = Object.values(
        doc.paths as Record<string, { get?: { responses: Record<string, { content?: Record<string, { example?: unknown }> }> } }>,
      )[0]!.get!.responses["200"]!.content!["application/json"]!.example;
      expect(Object.hasOwn(example as object, "__proto__"), name).toBe(true);
      // biome-ignore lint/suspicious/noProto: the test is that an example's __proto__ key is kept as plain data
      expect((example as Record<string, unknown>)["__proto__"], name).toEqual({ polluted: true });
      expect(Object.hasOwn(doc.servers[0].variables, "__proto__"), name).toBe(true);
      expect(Object.keys(doc.paths), name).toContain("/__proto__");
    }
  });

  it("arrive in the generated types as property names", () => {
    const source = ts.createSourceFile("schema.ts", plan.packages[0]!.files.get("src/schema.ts")!, ts.ScriptTarget.Latest);
    const names = new Set<string>();
    const visit = (node: ts.Node) => {
      if (ts.isPropertySignature(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) names.add(node.name.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const key of ["__proto__", "constructor", "prototype", "/__proto__"]) expect(names).toContain(key);
  });
});

describe("keys named like Object.prototype members", () => {
  it("are typed as property names (valueOf, hasOwnProperty, constructor with a name)", async () => {
    const { root: dir, cleanup: done } = tempRepo();
    try {
      const file = join(dir, "specs/tiny/upstream/openapi.yaml");
      const spec = parse(readFileSync(file, "utf8"));
      Object.assign(spec.components.schemas.Model.properties, {
        valueOf: { type: "string" },
        hasOwnProperty: { type: "string" },
        constructor: { type: "object", properties: { name: { type: "string" } } },
      });
      writeYaml(file, spec);
      const config = loadVendorConfig(join(dir, "specs"), "tiny");
      const plan = await planVendor(config, await normalizeIn(dir), dir);
      const types = plan.packages[0]!.files.get("src/schema.ts")!;
      expect(types).toMatch(/valueOf\?: string;/);
      expect(types).toMatch(/hasOwnProperty\?: string;/);
      expect(types).toMatch(/constructor\?: \{\s*name\?: string;/);
    } finally {
      done();
    }
    expect(prototypes()).toEqual(before);
  });

  it("an operationId with # or % is refused with its JSON pointer (openapi-typescript would rewrite it)", async () => {
    const { root: dir, cleanup: done } = tempRepo();
    try {
      const file = join(dir, "specs/tiny/upstream/openapi.yaml");
      const spec = parse(readFileSync(file, "utf8"));
      const [path, item] = Object.entries(spec.paths as Record<string, Record<string, { operationId?: string }>>)[0]!;
      const method = ["get", "post", "put", "patch", "delete"].find((m) => m in item)!;
      item[method]!.operationId = "list#Models";
      writeYaml(file, spec);
      const config = loadVendorConfig(join(dir, "specs"), "tiny");
      await expect(planVendor(config, await normalizeIn(dir), dir)).rejects.toThrow(
        `operationId "list#Models" at #/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/operationId cannot be typed`,
      );
    } finally {
      done();
    }
  });
});
