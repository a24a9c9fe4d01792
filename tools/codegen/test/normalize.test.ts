import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { deriveOperationId } from "../src/normalize/operations.ts";
import { normalizeIn, tempRepo, writeYaml } from "./helpers.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function repo() {
  const r = tempRepo();
  cleanup = r.cleanup;
  return r.root;
}

describe("normalize", () => {
  it("upgrades 3.0 to 3.1: nullable becomes a type array, and declares the 2020-12 dialect", async () => {
    const { doc } = await normalizeIn(repo());
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(doc.components.schemas.Model.properties.contextWindow).toEqual({ type: ["integer", "null"] });
    expect(JSON.stringify(doc)).not.toContain(`"nullable":`);
  });

  it("hoists inline request and response schemas into PascalCase components", async () => {
    const { doc } = await normalizeIn(repo());
    expect(doc.paths["/v1/models"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/CreateModelRequest" });
    expect(doc.paths["/v1/models"].get.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ListModelsResponse" });
    expect(doc.components.schemas.ListModelsResponse.properties.items.items).toEqual({ $ref: "#/components/schemas/Model" });
  });

  it("deduplicates an inline schema identical to an existing component", async () => {
    const root = repo();
    const file = join(root, "specs/tiny/upstream/openapi.yaml");
    const spec = parse(readFileSync(file, "utf8"));
    spec.paths["/v1/models"].post.responses["201"].content["application/json"].schema = structuredClone(spec.components.schemas.Model);
    writeYaml(file, spec);
    const { doc } = await normalizeIn(root);
    expect(doc.paths["/v1/models"].post.responses["201"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Model" });
    expect(Object.keys(doc.components.schemas).sort()).toEqual(["CreateModelRequest", "Error", "ListModelsResponse", "Model"]);
  });

  it("gives operations camelCase verb+noun operationIds, one tag, a summary and security", async () => {
    const { doc } = await normalizeIn(repo());
    const ops = [doc.paths["/v1/models"].get, doc.paths["/v1/models"].post, doc.paths["/v1/models/{model_id}"].get];
    expect(ops.map((o) => o.operationId)).toEqual(["listModels", "createModel", "getModel"]);
    for (const op of ops) {
      expect(op.tags).toEqual(["Models"]);
      expect(op.summary).toMatch(/\w/);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
    }
    expect(deriveOperationId("delete", "/api/v1/models/{id}", false)).toBe("deleteModel");
    expect(deriveOperationId("patch", "/api/v1/models/{id}", true)).toBe("patchModel");
    expect(deriveOperationId("patch", "/v1/models/{id}", false)).toBe("updateModel");
    expect(deriveOperationId("put", "/models/{id}", false)).toBe("updateModel");
    expect(deriveOperationId("get", "/v1/models/catalog", false)).toBe("listCatalog");
  });

  it("applies the overlay and records provenance on the operations it added or changed", async () => {
    const { doc } = await normalizeIn(repo());
    const get = doc.paths["/v1/models/{model_id}"].get;
    expect(get["x-origin"]).toEqual([{ file: "overlay.yaml", change: "added", evidence: [{ action: 0, description: expect.stringContaining("Evidence:") }] }]);
    expect(doc.paths["/v1/models"].get.responses["429"]).toBeDefined();
    expect(doc.paths["/v1/models"].get["x-origin"][1]).toMatchObject({ change: "corrected", evidence: [{ action: 1 }] });
    expect(doc.paths["/v1/models"].post["x-origin"]).toEqual([
      { url: "https://docs.tiny.test/openapi.yaml", format: "openapi-3.0.3", retrieved: "2026-11-23" },
    ]);
    expect(doc.info["x-origin"][0]).toMatchObject({ url: "https://docs.tiny.test/openapi.yaml", retrieved: "2026-11-23" });
  });

  it("orders keys canonically and is idempotent: same bytes every run, whatever the input key order", async () => {
    const root = repo();
    const first = await normalizeIn(root);
    const again = await normalizeIn(root);
    expect(again.text).toBe(first.text);
    const file = join(root, "specs/tiny/upstream/openapi.yaml");
    const spec = parse(readFileSync(file, "utf8"));
    const shuffled = { components: spec.components, paths: spec.paths, info: spec.info, servers: spec.servers, openapi: spec.openapi };
    writeYaml(file, shuffled);
    expect((await normalizeIn(root)).text).toBe(first.text);
    expect(Object.keys(first.doc)).toEqual(["openapi", "jsonSchemaDialect", "info", "servers", "tags", "paths", "components"]);
    expect(Object.keys(first.doc.paths["/v1/models"].get).slice(0, 5)).toEqual(["operationId", "summary", "tags", "security", "parameters"]);
  });

  it("normalizing an already-normalized spec changes nothing (idempotent)", async () => {
    const root = repo();
    const first = await normalizeIn(root);
    writeYaml(join(root, "specs/tiny/upstream/openapi.yaml"), first.text.replace(/^#.*\n/, ""));
    writeYaml(join(root, "specs/tiny/overlay.yaml"), "overlay: 1.0.0\ninfo: {title: none, version: 1.0.0}\nactions: []\n");
    const second = await normalizeIn(root);
    const strip = (d: Record<string, unknown>) => JSON.stringify(d, (k, v) => (k === "x-origin" ? undefined : v));
    expect(strip(second.doc)).toBe(strip(first.doc));
  });
});

describe("bad overlays fail with one line naming the file and the place", () => {
  it("a target that matches nothing", async () => {
    const root = repo();
    writeYaml(
      join(root, "specs/tiny/overlay.yaml"),
      "overlay: 1.0.0\ninfo: {title: t, version: 1.0.0}\nactions:\n  - target: $.paths['/nope'].get\n    description: 'Fix a path that does not exist. Evidence: none.'\n    update: {summary: x}\n",
    );
    await expect(normalizeIn(root)).rejects.toThrow(/specs\/tiny\/overlay\.yaml:4:5: action 0: target \$\.paths\['\/nope'\]\.get matches nothing/);
  });

  it("invalid YAML", async () => {
    const root = repo();
    writeYaml(join(root, "specs/tiny/overlay.yaml"), "overlay: 1.0.0\nactions:\n  - target: [unclosed\n");
    const error = await normalizeIn(root).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/overlay\.yaml:\d+:\d+: YAML syntax error/);
    expect((error as Error).message).not.toContain("\n");
  });

  it("an action without evidence", async () => {
    const root = repo();
    writeYaml(
      join(root, "specs/tiny/overlay.yaml"),
      "overlay: 1.0.0\ninfo: {title: t, version: 1.0.0}\nactions:\n  - target: $.info\n    update: {title: x}\n",
    );
    await expect(normalizeIn(root)).rejects.toThrow(/overlay\.yaml:4:5: action 0 needs a description that names its evidence/);
  });
});

describe("resource semantics from vendor.yaml", () => {
  const withSemantics = (root: string, extra: string) => {
    const file = join(root, "specs/tiny/vendor.yaml");
    writeYaml(file, `${readFileSync(file, "utf8")}${extra}`);
  };

  it("are checked and written into the spec as x-model-apis-resources and x-model-apis-pagination", async () => {
    const root = repo();
    withSemantics(
      root,
      "resources:\n  model:\n    schema: Model\n    id: { property: id, source: server, format: uuid }\n    operations:\n      createModel: { role: create }\n      listModels: { role: list }\npagination:\n  listModels: { style: page, items: /items, pageParam: limit, pageSize: 20 }\n",
    );
    const { doc } = await normalizeIn(root);
    expect(doc["x-model-apis-resources"]).toMatchObject({ model: { schema: "Model", operations: { createModel: { role: "create" } } } });
    expect(doc.paths["/v1/models"].get["x-model-apis-pagination"]).toMatchObject({ style: "page", pageSize: 20 });
  });

  it("an operation the spec does not have is one line at its place in vendor.yaml", async () => {
    const root = repo();
    withSemantics(
      root,
      "resources:\n  model:\n    schema: Model\n    id: { property: id, source: server }\n    operations:\n      nope: { role: read, id: 'path:id' }\n",
    );
    await expect(normalizeIn(root)).rejects.toThrow(/specs\/tiny\/vendor\.yaml:#\/resources\/model\/operations\/nope: no operation "nope" in the document$/);
  });

  it("a pagination parameter the operation does not take is one line at its place", async () => {
    const root = repo();
    withSemantics(root, "pagination:\n  listModels: { style: cursor, items: /items, cursorParam: cursor, nextCursor: /next }\n");
    await expect(normalizeIn(root)).rejects.toThrow(
      /specs\/tiny\/vendor\.yaml:#\/pagination\/listModels\/cursorParam: must name a query parameter of GET \/v1\/models$/,
    );
  });

  it("a resources key that is not a mapping is refused by the config loader", async () => {
    const root = repo();
    withSemantics(root, "resources: [model]\n");
    await expect(normalizeIn(root)).rejects.toThrow(/vendor\.yaml:#\/resources: must be a mapping/);
  });
});
