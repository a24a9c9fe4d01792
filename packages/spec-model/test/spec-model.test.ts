import { describe, expect, it } from "vitest";
import {
  checkPagination,
  checkResources,
  deref,
  escapeToken,
  findOperation,
  getAt,
  listOperations,
  parsePointer,
  setAt,
  toPointer,
  toRef,
} from "../src/index.js";

const doc = {
  paths: {
    "/things": {
      get: { operationId: "listThings", parameters: [{ $ref: "#/components/parameters/Limit" }, { name: "cursor", in: "query" }] },
      post: { operationId: "createThing" },
    },
    "/things/{id}": { parameters: [{ name: "id", in: "path", required: true }], get: { operationId: "getThing" }, delete: { operationId: "deleteThing" } },
  },
  components: {
    parameters: { Limit: { name: "limit", in: "query" } },
    schemas: { Thing: { type: "object" }, A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } },
  },
};

describe("pointers", () => {
  it("escape ~ and / and round-trip", () => {
    expect(escapeToken("a/b~c")).toBe("a~1b~0c");
    expect(toPointer(["paths", "/v1/models", "get"])).toBe("/paths/~1v1~1models/get");
    expect(toRef(["components", "schemas", "X"])).toBe("#/components/schemas/X");
    expect(parsePointer("/paths/~1v1~1models/get")).toEqual(["paths", "/v1/models", "get"]);
    expect(parsePointer("#/a%20b")).toEqual(["a b"]);
    expect(parsePointer("")).toEqual([]);
    expect(() => parsePointer("nope")).toThrow(/not a JSON pointer/);
  });

  it("read own properties only, and write __proto__ as data", () => {
    expect(getAt(doc, "/paths/~1things/post/operationId")).toBe("createThing");
    expect(getAt({}, "/constructor")).toBeUndefined();
    const target: Record<string, unknown> = {};
    setAt(target, "/__proto__/polluted", true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(target)).toEqual(["__proto__"]);
  });
});

describe("refs and operations", () => {
  it("follow $ref chains and stop at cycles", () => {
    expect(deref(doc, { $ref: "#/components/parameters/Limit" })).toEqual({ name: "limit", in: "query" });
    expect(deref(doc, { $ref: "#/components/schemas/A" })).toBeUndefined();
    expect(deref(doc, { $ref: "#/nowhere" })).toBeUndefined();
  });

  it("list operations in document order", () => {
    expect(listOperations(doc).map((o) => `${o.method} ${o.path}`)).toEqual(["get /things", "post /things", "get /things/{id}", "delete /things/{id}"]);
    expect(findOperation(doc, "getThing")?.path).toBe("/things/{id}");
  });
});

describe("semantics checks", () => {
  const good = {
    thing: {
      schema: "Thing",
      id: { property: "id", source: "server", format: "uuid" },
      operations: { createThing: { role: "create" }, getThing: { role: "read", id: "path:id" } },
    },
  };

  it("accept a consistent resource", () => {
    expect(checkResources(good, doc)).toEqual([]);
  });

  it("name the place of each problem", () => {
    const bad = {
      thing: {
        schema: "Nope",
        id: { property: "id", source: "somewhere" },
        operations: { createThing: { role: "make" }, getThing: { role: "read", id: "path:thing_id" }, deleteThing: { role: "delete" }, nope: { role: "list" } },
      },
    };
    expect(checkResources(bad, doc)).toEqual([
      { at: ["thing", "schema"], message: 'must name a schema under components/schemas (got "Nope")' },
      { at: ["thing", "id", "source"], message: 'must be "server" or "client"' },
      { at: ["thing", "operations", "createThing", "role"], message: "must be one of create, read, list, update, delete, toggle, clear, import, sync, link" },
      { at: ["thing", "operations", "getThing", "id"], message: 'GET /things/{id} has no path parameter "thing_id"' },
      { at: ["thing", "operations", "deleteThing", "id"], message: "a delete operation must say where the id is" },
      { at: ["thing", "operations", "nope"], message: 'no operation "nope" in the document' },
    ]);
  });

  it("check a pagination against the operation's parameters", () => {
    const list = findOperation(doc, "listThings")!;
    expect(checkPagination({ style: "cursor", items: "/items", cursorParam: "cursor", nextCursor: "/next", limitParam: "limit" }, doc, list)).toEqual([]);
    expect(
      checkPagination({ style: "cursor", items: "items", cursorParam: "page", nextCursor: "/next", extra: 1 }, doc, list).map((p) => p.at.join("/")),
    ).toEqual(["extra", "items", "cursorParam"]);
    expect(checkPagination({ style: "page", items: "", pageParam: "cursor" }, doc, list)[0]?.message).toBe(
      "a page pagination needs next, total, pageSize or limitParam to know where it ends",
    );
  });
});
