import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitClient } from "../src/emit/client.ts";
import { operationModels } from "../src/emit/model.ts";
import { planVendor } from "../src/generate.ts";
import type { OpenApiDoc } from "../src/openapi.ts";
import type { VendorConfig } from "../src/vendor-config.ts";
import { typecheck } from "./typecheck.ts";

/**
 * The emitter reads `x-model-apis-pagination` from the operation object of the normalized spec (normalize writes
 * it from vendor.yaml), checks it, and puts it in the operation table. The specs here carry the extension the way
 * the three vendors page: Cuadra's cursor pages, AI Squared's JSON:API pages, Open WebUI's fixed pages with a total.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");
const require = createRequire(import.meta.url);
/** What `node --import tsx` loads (tsx's own CLI would start a second node process to run the script). */
const TSX_LOADER = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist", "loader.mjs")).href;

const q = (name: string, type = "string") => ({ name, in: "query", required: false, schema: { type } });
const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const item = { $ref: "#/components/schemas/Item" };
const problem = { description: "not found", content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

function pagedDoc(): OpenApiDoc {
  return {
    openapi: "3.1.0",
    info: { title: "Paged", version: "1" },
    servers: [{ url: "https://paged.test" }],
    paths: {
      "/v1/cursor": {
        get: {
          operationId: "listCursor",
          parameters: [q("cursor"), q("limit", "integer")],
          responses: {
            "200": json({
              type: "object",
              properties: { items: { type: "array", items: item }, hasMore: { type: "boolean" }, nextCursor: { type: ["string", "null"] } },
            }),
            "404": problem,
          },
          "x-model-apis-pagination": {
            style: "cursor",
            items: "/items",
            cursorParam: "cursor",
            nextCursor: "/nextCursor",
            hasMore: "/hasMore",
            limitParam: "limit",
          },
        },
      },
      "/v1/paged": {
        get: {
          operationId: "listPaged",
          parameters: [q("page", "integer"), q("per_page", "integer")],
          responses: { "200": json({ $ref: "#/components/schemas/JsonApiPage" }) },
          "x-model-apis-pagination": { style: "page", items: "/data", pageParam: "page", limitParam: "per_page", next: "/links/next" },
        },
      },
      "/v1/counted": {
        get: {
          operationId: "listCounted",
          parameters: [q("page", "integer")],
          responses: {
            "200": json({
              allOf: [
                { type: "object", properties: { items: { type: "array", items: item } } },
                { type: "object", properties: { total: { type: "integer" } } },
              ],
            }),
          },
          "x-model-apis-pagination": { style: "page", items: "/items", pageParam: "page", total: "/total", pageSize: 30 },
        },
      },
      "/v1/items/{id}": {
        get: {
          operationId: "getItem",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": json(item), "404": problem, "4XX": problem },
        },
      },
    },
    components: {
      schemas: {
        Item: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
        JsonApiPage: {
          type: "object",
          properties: { data: { type: "array", items: item }, links: { type: "object", properties: { next: { type: ["string", "null"] } } } },
        },
        Problem: { type: "object", required: ["title"], properties: { title: { type: "string" }, detail: { type: "string" } } },
      },
    },
  };
}

const config = {
  slug: "paged",
  title: "Paged API",
  clientName: "Paged",
  package: "@model-apis/paged",
  version: "1",
  description: "",
  servers: [{ url: "https://paged.test" }],
  upstream: [],
  dir: "/nowhere",
} as VendorConfig;

describe("x-model-apis-pagination in the operation table", () => {
  it("is read from the operation object, emitted with every string escaped, and types the method", () => {
    const code = emitClient(pagedDoc(), config, operationModels(pagedDoc()), [], "header");
    expect(code).toContain(
      `  "listCursor": { method: "get", path: "/v1/cursor", errors: [404], pagination: { "style": "cursor", "items": "/items", "cursorParam": "cursor", "nextCursor": "/nextCursor", "hasMore": "/hasMore", "limitParam": "limit" } },`,
    );
    expect(code).toContain(
      `  "listPaged": { method: "get", path: "/v1/paged", pagination: { "style": "page", "items": "/data", "pageParam": "page", "next": "/links/next", "limitParam": "per_page" } },`,
    );
    expect(code).toContain(
      `  "listCounted": { method: "get", path: "/v1/counted", pagination: { "style": "page", "items": "/items", "pageParam": "page", "total": "/total", "pageSize": 30 } },`,
    );
    expect(code).toContain(`  "getItem": { method: "get", path: "/v1/items/{id}", errors: [404, "4XX"] },`);
    expect(code).toContain(`  readonly "listCursor": PaginatedMethod<operations["listCursor"], "/items">;`);
    expect(code).toContain(`  readonly "getItem": OperationMethod<operations["getItem"]>;`);
    expect(code).toContain("} as const satisfies OperationTable<paths>;");
  });

  it("leaves operations without the extension alone", () => {
    const doc = pagedDoc();
    delete doc.paths["/v1/cursor"].get["x-model-apis-pagination"];
    expect(operationModels(doc)[0]!.pagination).toBeUndefined();
    expect(emitClient(doc, config, operationModels(doc), [], "header")).toContain(`  readonly "listCursor": OperationMethod<operations["listCursor"]>;`);
  });

  const AT = "#/paths/~1v1~1cursor/get/x-model-apis-pagination";
  it.each([
    ["not an object", "cursor", `x-model-apis-pagination at ${AT} must be an object`],
    ["an unknown style", { style: "offset", items: "/items" }, `x-model-apis-pagination at ${AT}/style must be "cursor" or "page"`],
    [
      "a key of the other style",
      { style: "cursor", items: "/items", cursorParam: "cursor", nextCursor: "/nextCursor", total: "/total" },
      `${AT}/total is not a cursor-style pagination key`,
    ],
    [
      "a misspelt key",
      { style: "cursor", items: "/items", cursorParam: "cursor", nextcursor: "/nextCursor" },
      `${AT}/nextcursor is not a cursor-style pagination key`,
    ],
    ["a missing required key", { style: "cursor", items: "/items", cursorParam: "cursor" }, `${AT}/nextCursor is required`],
    [
      "a parameter the operation does not have",
      { style: "cursor", items: "/items", cursorParam: "after", nextCursor: "/nextCursor" },
      `${AT}/cursorParam names no query parameter of the operation: "after"`,
    ],
    ["a parameter that is not a string", { style: "cursor", items: "/items", cursorParam: 1, nextCursor: "/nextCursor" }, `${AT}/cursorParam must be a string`],
    [
      "a malformed pointer",
      { style: "cursor", items: "items", cursorParam: "cursor", nextCursor: "/nextCursor" },
      `${AT}/items is not a JSON pointer: "items"`,
    ],
    [
      "a pointer to nothing",
      { style: "cursor", items: "/items", cursorParam: "cursor", nextCursor: "/next" },
      `${AT}/nextCursor points at nothing in the 2xx response schema: "/next"`,
    ],
    [
      "items that are no array",
      { style: "cursor", items: "/hasMore", cursorParam: "cursor", nextCursor: "/nextCursor" },
      `${AT}/items does not point at an array in the 2xx response schema: "/hasMore"`,
    ],
    [
      "a page size that is no positive integer",
      { style: "cursor", items: "/items", cursorParam: "cursor", nextCursor: "/nextCursor", pageSize: 0 },
      `${AT}/pageSize must be an integer ≥ 1`,
    ],
    [
      "code in a value",
      { style: "cursor", items: "/items", cursorParam: 'cursor"}; globalThis.__pwned = 1; ({"', nextCursor: "/nextCursor" },
      `${AT}/cursorParam names no query parameter`,
    ],
  ])("refuses %s, naming its JSON pointer", (_what, extension, message) => {
    const doc = pagedDoc();
    doc.paths["/v1/cursor"].get["x-model-apis-pagination"] = extension;
    let error: unknown;
    try {
      operationModels(doc);
    } catch (e) {
      error = e;
    }
    expect(String(error)).toContain(message);
    expect((error as { pointer?: string }).pointer).toMatch(/^#\/paths\/~1v1~1cursor\/get\/x-model-apis-pagination/);
  });

  it("needs a 2xx JSON schema for its pointers", () => {
    const doc = pagedDoc();
    doc.paths["/v1/cursor"].get.responses = { "204": { description: "nothing" } };
    expect(() => operationModels(doc)).toThrow(`x-model-apis-pagination at ${AT} the operation has no 2xx JSON response schema for the pointers to point into`);
  });

  it("follows $refs, allOf branches and escaped keys", () => {
    const doc = pagedDoc();
    doc.components.schemas.Odd = { type: "object", properties: { "a/b": { type: "object", properties: { "c~d": { type: "array", items: item } } } } };
    doc.paths["/v1/paged"].get.responses["200"] = json({ $ref: "#/components/schemas/Odd" });
    doc.paths["/v1/paged"].get["x-model-apis-pagination"] = { style: "page", items: "/a~1b/c~0d", pageParam: "page" };
    expect(operationModels(doc)[1]!.pagination!.items).toBe("/a~1b/c~0d");
    expect(operationModels(pagedDoc())[2]!.pagination!.fields).toContainEqual(["total", "/total"]);
  });
});

describe("a generated client that pages", () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "model-apis-paged-"));
    const doc = pagedDoc();
    const text = `${JSON.stringify(doc)}\n`;
    const plan = await planVendor(config, { doc, file: join(root, "specs", "paged", "openapi.yaml"), text } as never, root);
    for (const pkg of plan.packages) {
      for (const [file, content] of pkg.files) {
        mkdirSync(dirname(join(pkg.dir, file)), { recursive: true });
        writeFileSync(join(pkg.dir, file), content);
      }
    }
    writeFileSync(
      join(root, "tsconfig.json"),
      JSON.stringify({
        extends: "./packages/clients/paged/tsconfig.json",
        compilerOptions: {
          noEmit: true,
          rootDir: "/",
          types: ["node"],
          typeRoots: [join(REPO, "node_modules", "@types")],
          paths: { "@model-apis/runtime": [join(REPO, "packages/runtime/src/index.ts")] },
        },
        include: ["packages/clients/paged/src", "use.ts"],
      }),
    );
    writeFileSync(join(root, "package.json"), JSON.stringify({ private: true, type: "module" }));
    writeFileSync(join(root, "use.ts"), USE);
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("type-checks with strict tsc: items typed from the pointer, errors narrowed by status", () => {
    const tsc = typecheck(join(root, "tsconfig.json"));
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 60_000);

  it("iterates over every page of each style against a local HTTP server", () => {
    const run = spawnSync(process.execPath, ["--import", TSX_LOADER, "use.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.json" },
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout.trim())).toEqual({
      cursor: { items: 45, requests: ["/v1/cursor?limit=20", "/v1/cursor?limit=20&cursor=20", "/v1/cursor?limit=20&cursor=40"] },
      paged: { items: 25, requests: ["/v1/paged?per_page=10&page=1", "/v1/paged?per_page=10&page=2", "/v1/paged?per_page=10&page=3"] },
      counted: { items: 60, requests: ["/v1/counted?page=1", "/v1/counted?page=2"] },
      notFound: "gone",
    });
  }, 60_000);
});

/** A program against the generated client: its types are checked by tsc, and it runs against a node:http server. */
const USE = `
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createPagedClient, type Item } from "./packages/clients/paged/src/index.js";

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: "i" + (i + 1) }));
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(req.url!);
  const url = new URL(req.url!, "http://x");
  const q = url.searchParams;
  const send = (status: number, body: unknown, type = "application/json") => { res.writeHead(status, { "content-type": type }); res.end(JSON.stringify(body)); };
  if (url.pathname === "/v1/cursor") {
    const from = Number(q.get("cursor") ?? 0), limit = Number(q.get("limit"));
    const all = items(45), more = from + limit < all.length;
    return send(200, { items: all.slice(from, from + limit), hasMore: more, nextCursor: more ? String(from + limit) : null });
  }
  if (url.pathname === "/v1/paged") {
    const page = Number(q.get("page")), per = Number(q.get("per_page"));
    return send(200, { data: items(25).slice((page - 1) * per, page * per), links: { next: page * per < 25 ? "/v1/paged?page=" + (page + 1) : null } });
  }
  if (url.pathname === "/v1/counted") {
    const page = Number(q.get("page"));
    return send(200, { items: items(60).slice((page - 1) * 30, page * 30), total: 60 });
  }
  return send(404, { title: "gone" }, "application/problem+json");
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const client = createPagedClient({ baseUrl: "http://127.0.0.1:" + (server.address() as AddressInfo).port, retries: 0 });

async function count(iterable: AsyncIterable<Item>): Promise<{ items: number; requests: string[] }> {
  seen.length = 0;
  let n = 0;
  for await (const item of iterable) {
    const id: string = item.id;
    if (id) n++;
  }
  return { items: n, requests: [...seen] };
}
const result = {
  cursor: await count(client.listCursor.all({ query: { limit: 20 } })),
  paged: await count(client.listPaged.all({ query: { per_page: 10 } })),
  counted: await count(client.listCounted.all()),
  notFound: "",
};
try {
  await client.getItem({ path: { id: "x" } });
} catch (error) {
  if (client.getItem.isError(error, 404)) {
    const title: string = error.body.title;
    // @ts-expect-error the documented 404 body has no such field
    void error.body.no_such_field;
    result.notFound = title;
  }
}
// @ts-expect-error listPaged's items are Items, which have no name
for await (const item of client.listPaged.all()) void item.name;
server.close();
console.log(JSON.stringify(result));
`;
