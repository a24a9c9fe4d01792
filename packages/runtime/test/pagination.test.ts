/**
 * Auto-pagination against a real HTTP server on 127.0.0.1 that pages like the three vendors do: Cuadra's cursor
 * pages (`{ items, hasMore, nextCursor }`, `cursor`/`limit`), AI Squared's JSON:API pages (`page`/`per_page`,
 * `links.next`) and Open WebUI's fixed pages of 30 with a total (`{ items, total }`, `page`).
 */
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient, InternalServerError, PaginationError, type OperationTable } from "../src/index.js";
import { createFixtureClient } from "./fixtures/client.js";
import type { paths } from "./fixtures/schema.js";
import { json, startServer, waitUnlessGone, type Handler, type TestServer } from "./helpers/server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };
const model = (i: number) => ({ id: `m${String(i).padStart(3, "0")}`, name: `Model ${i}`, created_at: "2024-01-01T00:00:00Z", context_window: null });
const models = (n: number) => Array.from({ length: n }, (_, i) => model(i + 1));
const ids = (list: { id: string }[]) => list.map((m) => m.id);

function query(url: string): URLSearchParams {
  return new URL(url, "http://x").searchParams;
}

/** Cuadra-style cursor pages over `data`: the cursor is the offset, prefixed. */
function cursorPages(data: unknown[], defaultLimit = 25): Handler {
  return (req, res) => {
    const q = query(req.url!);
    const offset = q.has("cursor") ? Number(q.get("cursor")!.slice(1)) : 0;
    const limit = Number(q.get("limit") ?? defaultLimit);
    const items = data.slice(offset, offset + limit);
    const more = offset + limit < data.length;
    json(res, 200, { items, hasMore: more, nextCursor: more ? `c${offset + limit}` : null });
  };
}

/** AI Squared-style JSON:API pages. */
function jsonApiPages(data: unknown[]): Handler {
  return (req, res) => {
    const q = query(req.url!);
    const page = Number(q.get("page") ?? 1);
    const perPage = Number(q.get("per_page") ?? 10);
    const items = data.slice((page - 1) * perPage, page * perPage);
    const next = page * perPage < data.length ? `/api/v1/models?page=${page + 1}&per_page=${perPage}` : null;
    json(res, 200, { data: items, links: { self: req.url, next } });
  };
}

/** Open WebUI-style fixed pages of 30 with a total. */
function countedPages(data: unknown[]): Handler {
  return (req, res) => {
    const page = Number(query(req.url!).get("page") ?? 1);
    json(res, 200, { items: data.slice((page - 1) * 30, page * 30), total: data.length });
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("cursor pages (Cuadra)", () => {
  it("iterates over every item of every page, passing nextCursor back as cursor until hasMore is false", async () => {
    server.handle(cursorPages(models(70)));
    const client = createFixtureClient({ baseUrl: server.url });
    const all = await collect(client.listCatalog.all({ query: { limit: 25 } }));
    expect(ids(all)).toEqual(ids(models(70)));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/catalog?limit=25", "/v1/catalog?limit=25&cursor=c25", "/v1/catalog?limit=25&cursor=c50"]);
  });

  it("pages() yields each page with its body, items and response", async () => {
    server.handle(cursorPages(models(30), 20));
    const client = createFixtureClient({ baseUrl: server.url });
    const pages = await collect(client.listCatalog.pages());
    expect(pages.map((p) => p.items.length)).toEqual([20, 10]);
    expect(pages.map((p) => p.data.hasMore)).toEqual([true, false]);
    expect(pages.every((p) => p.response.status === 200)).toBe(true);
    expect(pages[0]!.items).toBe(pages[0]!.data.items);
  });

  it("ends when hasMore is false even if a cursor comes along, and when the cursor is missing or empty", async () => {
    const client = createFixtureClient({ baseUrl: server.url });
    server.handle((_req, res) => json(res, 200, { items: [model(1)], hasMore: false, nextCursor: "c1" }));
    expect(await collect(client.listCatalog.all())).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    for (const nextCursor of [null, "", undefined]) {
      server.handle((_req, res) => json(res, 200, { items: [model(1)], hasMore: true, nextCursor }));
      expect(await collect(client.listCatalog.all())).toHaveLength(1);
      expect(server.requests).toHaveLength(1);
    }
  });

  it("starts from the caller's cursor", async () => {
    server.handle(cursorPages(models(10), 4));
    const client = createFixtureClient({ baseUrl: server.url });
    expect(ids(await collect(client.listCatalog.all({ query: { cursor: "c6" } })))).toEqual(ids(models(10).slice(6)));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/catalog?cursor=c6"]);
  });

  it("stops with a PaginationError when the server hands out the same cursor again", async () => {
    server.handle((_req, res) => json(res, 200, { items: [model(1)], hasMore: true, nextCursor: "same" }));
    const client = createFixtureClient({ baseUrl: server.url });
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of client.listCatalog.all()) seen.push(item);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as PaginationError).message).toBe(
      `listCatalog: the server handed out the cursor "same" again (a cursor loop) (page 2, GET ${server.url}/v1/catalog?cursor=same)`,
    );
    expect((error as PaginationError).page).toBe(2);
    expect(seen).toHaveLength(2);
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/catalog", "/v1/catalog?cursor=same"]);
  });

  it("also when the cursor handed out is the one the caller started from", async () => {
    server.handle((_req, res) => json(res, 200, { items: [model(1)], hasMore: true, nextCursor: "start" }));
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(collect(client.listCatalog.all({ query: { cursor: "start" } }))).rejects.toBeInstanceOf(PaginationError);
    expect(server.requests).toHaveLength(1);
  });
});

describe("numbered pages with a next link (AI Squared, JSON:API)", () => {
  it("asks for page + 1 while links.next is set, keeping per_page", async () => {
    server.handle(jsonApiPages(models(70)));
    const client = createFixtureClient({ baseUrl: server.url });
    expect(ids(await collect(client.listPaged.all({ query: { per_page: 30 } })))).toEqual(ids(models(70)));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/paged?per_page=30&page=1", "/v1/paged?per_page=30&page=2", "/v1/paged?per_page=30&page=3"]);
  });

  it("starts from the caller's page, and never follows the link itself", async () => {
    server.handle((req, res) => {
      const page = Number(query(req.url!).get("page"));
      json(res, 200, { data: [model(page)], links: { next: page < 4 ? "https://elsewhere.invalid/steal?page=next" : null } });
    });
    const client = createFixtureClient({ baseUrl: server.url });
    expect(ids(await collect(client.listPaged.all({ query: { page: 2 } })))).toEqual(ids([model(2), model(3), model(4)]));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/paged?page=2", "/v1/paged?page=3", "/v1/paged?page=4"]);
  });

  it("ends on an empty page even if a next link comes along", async () => {
    server.handle((_req, res) => json(res, 200, { data: [], links: { next: "/v1/paged?page=2" } }));
    const client = createFixtureClient({ baseUrl: server.url });
    expect(await collect(client.listPaged.all())).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("stops with a PaginationError when the server ignores the page number and repeats a page", async () => {
    server.handle((_req, res) => json(res, 200, { data: [model(1), model(2)], links: { next: "/v1/paged?page=2" } }));
    const client = createFixtureClient({ baseUrl: server.url });
    const error = await collect(client.listPaged.all()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaginationError);
    expect((error as Error).message).toMatch(
      /^listPaged: page 2 has the same items as page 1 \(the server ignores "page"\) \(page 2, GET .*\/v1\/paged\?page=2\)$/,
    );
    expect(server.requests).toHaveLength(2);
  });
});

describe("fixed pages of 30 with a total (Open WebUI)", () => {
  it("reads pages until the items seen reach the total", async () => {
    server.handle(countedPages(models(60)));
    const client = createFixtureClient({ baseUrl: server.url });
    expect(ids(await collect(client.listCounted.all()))).toEqual(ids(models(60)));
    // 60 items in two full pages: the total ends it without asking for an empty third page.
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/counted?page=1", "/v1/counted?page=2"]);
  });

  it("a page shorter than 30 ends, whatever the total says", async () => {
    server.handle((req, res) => {
      const page = Number(query(req.url!).get("page"));
      json(res, 200, { items: page === 1 ? models(30) : models(12), total: 1_000 });
    });
    const client = createFixtureClient({ baseUrl: server.url });
    expect(await collect(client.listCounted.all())).toHaveLength(42);
    expect(server.requests).toHaveLength(2);
  });
});

describe("every page is a normal call", () => {
  it("a page that fails with a 503 is retried, and the iteration goes on", async () => {
    const data = models(50);
    const pages = cursorPages(data, 20);
    let failed = false;
    server.handle((req, res, ctx) => {
      if (!failed && req.url!.includes("cursor=c20")) {
        failed = true;
        json(res, 503, { error: "busy" });
        return;
      }
      return pages(req, res, ctx);
    });
    const client = createFixtureClient({ baseUrl: server.url, ...fast });
    expect(ids(await collect(client.listCatalog.all()))).toEqual(ids(data));
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/catalog", "/v1/catalog?cursor=c20", "/v1/catalog?cursor=c20", "/v1/catalog?cursor=c40"]);
  });

  it("a page that keeps failing throws the typed error of the operation", async () => {
    server.handle((req, res) =>
      req.url === "/v1/catalog" ? cursorPages(models(50), 20)(req, res, { body: "", index: 0, record: server.requests[0]! }) : json(res, 503, {}),
    );
    const client = createFixtureClient({ baseUrl: server.url, retries: 1, ...fast });
    const error = await collect(client.listCatalog.all()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(3);
  });

  it("stops at once when the caller aborts between pages, without asking for the next one", async () => {
    server.handle(cursorPages(models(70)));
    const client = createFixtureClient({ baseUrl: server.url });
    const controller = new AbortController();
    const reason = new Error("enough");
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of client.listCatalog.all({ query: { limit: 25 } }, { signal: controller.signal })) {
        seen.push(item);
        if (seen.length === 10) controller.abort(reason);
      }
    })().catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(seen).toHaveLength(10); // not even the rest of the page already fetched

    expect(server.requests).toHaveLength(1);
  });

  it("an abort while a page is in flight rejects with the caller's reason and releases the connection", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    server.handle(async (req, res: ServerResponse, ctx) => {
      if (ctx.index === 0) return cursorPages(models(40), 20)(req, res, ctx);
      controller.abort(reason);
      if (await waitUnlessGone(res, 30_000)) json(res, 200, { items: [], hasMore: false });
    });
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(collect(client.listCatalog.all(undefined, { signal: controller.signal }))).rejects.toBe(reason);
    await vi.waitFor(() => expect(server.requests[1]?.abortedAt).toBeDefined(), { timeout: 10_000, interval: 10 });
  });

  it("breaking out of the loop asks for no further page", async () => {
    server.handle(cursorPages(models(70)));
    const client = createFixtureClient({ baseUrl: server.url });
    for await (const item of client.listCatalog.all()) if (item.id === "m003") break;
    expect(server.requests).toHaveLength(1);
  });
});

describe("descriptors and bodies are untrusted", () => {
  it("a body without the items array is a PaginationError naming the pointer", async () => {
    server.handle((_req, res) => json(res, 200, { models: [] }));
    const client = createFixtureClient({ baseUrl: server.url });
    await expect(collect(client.listCatalog.all())).rejects.toThrow(
      `listCatalog: the body has no items array at "/items" (page 1, GET ${server.url}/v1/catalog)`,
    );
  });

  it("pointers read own properties only, never the prototype chain", async () => {
    const table = {
      listCatalog: {
        method: "get",
        path: "/v1/catalog",
        pagination: { style: "cursor", items: "/constructor/prototype", cursorParam: "cursor", nextCursor: "/nextCursor" },
      },
    } as const satisfies OperationTable<paths>;
    server.handle((_req, res) => json(res, 200, { items: [] }));
    const client = createClient<paths, typeof table>(table, { baseUrl: server.url }, {});
    await expect(collect(client.listCatalog.all())).rejects.toThrow(/has no items array at "\/constructor\/prototype"/);
  });

  it("a cursor parameter named __proto__ is sent as a query parameter, not set as a prototype", async () => {
    server.handle((req, res) => {
      const cursor = query(req.url!).get("__proto__");
      json(res, 200, { items: [model(cursor ? 2 : 1)], nextCursor: cursor ? null : "c1" });
    });
    const table = {
      listX: { method: "get", path: "/v1/catalog", pagination: { style: "cursor", items: "/items", cursorParam: "__proto__", nextCursor: "/nextCursor" } },
    };
    const client = createClient(table as never, { baseUrl: server.url }, {}) as unknown as Record<string, { all(): AsyncIterable<{ id: string }> }>;
    expect(ids(await collect(client.listX!.all()))).toEqual(["m001", "m002"]);
    expect(server.requests.map((r) => r.url)).toEqual(["/v1/catalog", "/v1/catalog?__proto__=c1"]);
  });

  it.each([
    [{ style: "offset", items: "/items" }, 'pagination.style must be "cursor" or "page"'],
    [{ style: "cursor", items: "items", cursorParam: "cursor", nextCursor: "/n" }, 'pagination.items is not a JSON pointer: "items"'],
    [{ style: "cursor", items: "/items~2", cursorParam: "cursor", nextCursor: "/n" }, "pagination.items is not a JSON pointer"],
    [{ style: "cursor", items: "/items", nextCursor: "/n" }, "pagination.cursorParam must be a query parameter name"],
    [{ style: "cursor", items: "/items", cursorParam: ["cursor"], nextCursor: "/n" }, "pagination.cursorParam must be a query parameter name"],
    [{ style: "cursor", items: "/items", cursorParam: "cursor" }, "pagination.nextCursor must be a JSON pointer string"],
    [{ style: "page", items: "/items", pageParam: "page", pageSize: 0 }, "pagination.pageSize must be an integer ≥ 1"],
    [{ style: "page", items: "/items", pageParam: "page", firstPage: 1.5 }, "pagination.firstPage must be an integer ≥ 0"],
    [{ style: "page", items: "/items", pageParam: "page", limitParam: 7 }, "pagination.limitParam must be a query parameter name"],
  ])("refuses the descriptor %j on first use", async (pagination, message) => {
    server.handle((_req, res) => json(res, 200, { items: [] }));
    const table = { listX: { method: "get", path: "/v1/catalog", pagination } };
    const client = createClient(table as never, { baseUrl: server.url }, {}) as unknown as Record<
      string,
      { all(): AsyncIterable<unknown>; pages(): AsyncIterable<unknown> }
    >;
    await expect(collect(client.listX!.all())).rejects.toThrow(`listX: ${message}`);
    await expect(collect(client.listX!.pages())).rejects.toThrow(`listX: ${message}`);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a caller's page number that is no integer", () => {
    const client = createFixtureClient({ baseUrl: server.url });
    return expect(collect(client.listPaged.all({ query: { page: "two" as never } }))).rejects.toThrow("listPaged: query.page must be an integer page number");
  });
});
