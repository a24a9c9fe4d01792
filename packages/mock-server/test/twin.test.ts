/** The twin over real HTTP on 127.0.0.1:0: state, seeds, reset, snapshots, concurrency and bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH, errorMessage, fixture, mock } from "./helpers.js";

const SPEC = fixture("twin.yaml");
const json = { ...AUTH, "content-type": "application/json" };

async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = json,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text), headers: response.headers };
}

describe("the twin", () => {
  it("is the default mode for a spec with resources; create stores, get/list/update/delete read and change", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    expect(twin.mode).toBe("twin");
    const created = await call(`${twin.url}/widgets`, "POST", { name: "Acme", kindId: "k2" });
    expect(created.status).toBe(201);
    // schema defaults applied, server fields filled, the related kind nested
    expect(created.body).toMatchObject({ id: 1, name: "Acme", color: "green", size: 3, kindId: "k2", kind: { id: "k2", label: "Spring" } });
    expect(Date.parse((created.body as { createdAt: string }).createdAt)).not.toBeNaN();
    expect((await call(`${twin.url}/widgets/1`, "GET")).body).toEqual(created.body);
    const updated = await call(`${twin.url}/widgets/1`, "PATCH", { color: "blue" });
    expect(updated.body).toMatchObject({ id: 1, name: "Acme", color: "blue" });
    expect(((await call(`${twin.url}/widgets`, "GET")).body as { items: unknown[] }).items).toEqual([updated.body]);
    expect((await call(`${twin.url}/widgets/1`, "DELETE")).status).toBe(204);
    expect(await call(`${twin.url}/widgets/1`, "GET")).toMatchObject({ status: 404, body: { detail: "Widget 1 not found" } });
    expect((await call(`${twin.url}/widgets`, "GET")).body).toEqual({ items: [], next: null });
  });

  it("pages with its own cursors, filters, and refuses a cursor it did not issue", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    for (const [name, color] of [
      ["a", "red"],
      ["b", "blue"],
      ["c", "red"],
    ])
      await call(`${twin.url}/widgets`, "POST", { name, color, kindId: "k1" });
    const first = (await call(`${twin.url}/widgets?limit=2`, "GET")).body as { items: { name: string }[]; next: string };
    expect(first.items.map((w) => w.name)).toEqual(["a", "b"]);
    const second = (await call(`${twin.url}/widgets?limit=2&cursor=${first.next}`, "GET")).body as { items: { name: string }[]; next: null };
    expect(second).toMatchObject({ items: [{ name: "c" }], next: null });
    expect(((await call(`${twin.url}/widgets?color=red`, "GET")).body as { items: { name: string }[] }).items.map((w) => w.name)).toEqual(["a", "c"]);
    const bad = await call(`${twin.url}/widgets?cursor=not-ours`, "GET");
    expect(bad).toMatchObject({ status: 422, body: { detail: [{ loc: ["query", "cursor"] }] } });
  });

  it("answers a validation failure in the vendor's style, built from the violation", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    const refused = await call(`${twin.url}/widgets`, "POST", { name: "", color: "pink" });
    expect(refused.status).toBe(422);
    const detail = (refused.body as { detail: { type: string; loc: unknown[] }[] }).detail;
    expect(detail).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "missing", loc: ["body", "kindId"], msg: "Field required" }),
        expect.objectContaining({ type: "string_too_short", loc: ["body", "name"] }),
        expect.objectContaining({ type: "enum", loc: ["body", "color"] }),
      ]),
    );
    expect(await call(`${twin.url}/widgets`, "POST", { name: "x", kindId: "k9" })).toMatchObject({ status: 404, body: { detail: "No kind k9" } });
    expect((await call(`${twin.url}/widgets`, "GET")).body).toEqual({ items: [], next: null });
  });

  it("keeps Prism's Prefer handling and its 401", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    expect(await call(`${twin.url}/widgets/1`, "GET", undefined, { ...AUTH, Prefer: "code=404" })).toMatchObject({
      status: 404,
      body: { detail: "Widget 9 not found" },
    });
    expect((await call(`${twin.url}/widgets`, "GET", undefined, { ...AUTH, Prefer: "example=default" })).status).toBe(200);
    expect(await call(`${twin.url}/widgets`, "GET", undefined, {})).toMatchObject({ status: 401, body: { detail: "Not authenticated" } });
  });

  it("accepts only the tokens it is given, when it is given some", async () => {
    const twin = await mock(SPEC, { state: "empty", tokens: ["test-token"] });
    expect((await call(`${twin.url}/kinds`, "GET")).status).toBe(200);
    expect(await call(`${twin.url}/kinds`, "GET", undefined, { authorization: "Bearer stolen" })).toMatchObject({
      status: 401,
      body: { detail: "Not authenticated" },
    });
    expect(twin.state().widget).toEqual([]);
    expect(
      (await call(`${twin.url}/widgets`, "POST", { name: "x", kindId: "k1" }, { authorization: "Bearer stolen", "content-type": "application/json" })).status,
    ).toBe(401);
    expect(twin.state().widget).toEqual([]);
  });

  it("serves the server path prefix as well as the bare paths", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    expect((await call(`${twin.url}/api/widgets`, "POST", { name: "p", kindId: "k1" })).status).toBe(201);
    expect((await call(`${twin.url}/widgets/1`, "GET")).status).toBe(200);
  });
});

describe("twin state", () => {
  it("starts from the spec's examples by default, and reset() goes back to them", async () => {
    const twin = await mock(SPEC);
    expect(twin.state().widget).toEqual([expect.objectContaining({ id: 1, name: "Example" })]);
    expect(twin.state().kind).toHaveLength(2);
    await call(`${twin.url}/widgets/1`, "DELETE");
    await call(`${twin.url}/widgets`, "POST", { name: "new", kindId: "k1" });
    expect(twin.state().widget!.map((w) => w.name)).toEqual(["new"]);
    twin.reset();
    expect(twin.state().widget!.map((w) => w.name)).toEqual(["Example"]);
    // a server-made integer id continues after the seed's
    expect((await call(`${twin.url}/widgets`, "POST", { name: "next", kindId: "k1" })).body).toMatchObject({ id: 2 });
  });

  it("starts from a JSON file or an object, resets over HTTP, and writes a snapshot on close", async () => {
    const dir = mkdtempSync(join(tmpdir(), "twin-"));
    const seed = join(dir, "seed.json");
    writeFileSync(seed, JSON.stringify({ widget: [{ id: 7, name: "Seeded", color: "red", size: 1, kindId: "k1" }] }));
    const snapshot = join(dir, "snapshot.json");
    const twin = await mock(SPEC, { state: { file: seed }, snapshotFile: snapshot });
    expect((await call(`${twin.url}/widgets/7`, "GET")).body).toMatchObject({ id: 7, name: "Seeded" });
    await call(`${twin.url}/widgets`, "POST", { name: "Added", kindId: "k1" });
    expect(await call(`${twin.url}/__twin__/state`, "GET")).toMatchObject({ status: 200, body: { widget: [{ id: 7 }, { id: 8 }] } });
    expect(await call(`${twin.url}/__twin__/reset`, "POST")).toMatchObject({ status: 200 });
    expect(twin.state().widget!.map((w) => w.id)).toEqual([7]);
    await call(`${twin.url}/widgets/7`, "PATCH", { size: 5 });
    await twin.close();
    expect(JSON.parse(readFileSync(snapshot, "utf8")).widget).toEqual([expect.objectContaining({ id: 7, size: 5 })]);

    const fromObject = await mock(SPEC, { state: { widget: [] } });
    expect(fromObject.state().widget).toEqual([]);
  });

  it("gives each mock instance its own state", async () => {
    const [one, two] = await Promise.all([mock(SPEC, { state: "empty" }), mock(SPEC, { state: "empty" })]);
    await call(`${one.url}/widgets`, "POST", { name: "only in one", kindId: "k1" });
    expect(one.state().widget).toHaveLength(1);
    expect(two.state().widget).toHaveLength(0);
  });

  it("refuses a bad seed with a one-line error", async () => {
    expect(await errorMessage(mock(SPEC, { state: { file: "/nonexistent/seed.json" } }))).toBe("Cannot read the twin seed /nonexistent/seed.json: ENOENT");
    expect(await errorMessage(mock(SPEC, { state: { gadget: [] } }))).toBe('Twin seed: no resource "gadget" (the spec declares widget, kind)');
    expect(await errorMessage(mock(SPEC, { state: "full" as never }))).toMatch(/^Invalid mock option "state": expected/);
  });

  it("keeps the stateless Prism mock behind stateless: true", async () => {
    const prism = await mock(SPEC, { stateless: true });
    expect(prism.mode).toBe("prism");
    await call(`${prism.url}/widgets`, "POST", { name: "lost", kindId: "k1" });
    expect((await call(`${prism.url}/widgets/42`, "GET")).body).toMatchObject({ id: 1, name: "Example" });
  });
});

describe("twin under load and bad input", () => {
  it("gives 50 concurrent creates 50 distinct ids, and loses no concurrent update", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    const created = await Promise.all(Array.from({ length: 50 }, (_, i) => call(`${twin.url}/widgets`, "POST", { name: `w${i}`, kindId: "k1" })));
    const ids = created.map((c) => (c.body as { id: number }).id);
    expect(new Set(ids).size).toBe(50);
    await Promise.all(ids.map((id) => call(`${twin.url}/widgets/${id}`, "PATCH", { size: id + 10 })));
    await Promise.all([call(`${twin.url}/widgets/1`, "PATCH", { name: "renamed" }), call(`${twin.url}/widgets/1`, "PATCH", { color: "blue" })]);
    const state = twin.state().widget!;
    expect(state).toHaveLength(50);
    for (const w of state) expect(w.size).toBe((w.id as number) + 10);
    expect(state[0]).toMatchObject({ id: 1, name: "renamed", color: "blue" });
  });

  it("answers malformed JSON, a wrong content type, a huge body and odd ids with the vendor's error, state intact", async () => {
    const twin = await mock(SPEC, { state: "empty" });
    await call(`${twin.url}/widgets`, "POST", { name: "keep", kindId: "k1" });
    const before = twin.state();
    expect(await call(`${twin.url}/widgets`, "POST", "{not json")).toMatchObject({ status: 422, body: { detail: [{ type: "json_invalid" }] } });
    const wrongType = await call(`${twin.url}/widgets`, "POST", "name=x", { ...AUTH, "content-type": "application/x-www-form-urlencoded" });
    expect(wrongType.status).toBe(422);
    expect((wrongType.body as { detail: unknown[] }).detail.length).toBeGreaterThan(0);
    const huge = await call(`${twin.url}/widgets`, "POST", JSON.stringify({ name: "x".repeat(11 * 1024 * 1024), kindId: "k1" }));
    expect(huge.status).toBe(413);
    for (const id of ["a%2Fb", "..%2F1", "1%2F..%2F1"]) {
      expect(await call(`${twin.url}/widgets/${id}`, "GET")).toMatchObject({ status: 404, body: { detail: `Widget ${decodeURIComponent(id)} not found` } });
      expect((await call(`${twin.url}/widgets/${id}`, "DELETE")).status).toBe(404);
    }
    // an encoded dot segment is a dot segment (WHATWG URL): /widgets/%2E%2E is /, which no operation serves
    expect((await call(`${twin.url}/widgets/%2E%2E`, "DELETE")).status).toBe(404);
    expect(twin.state()).toEqual(before);
  });

  it("refuses a spec whose paths use the control prefix", async () => {
    const spec = { ...JSON.parse(JSON.stringify((await import("yaml")).parse(readFileSync(SPEC, "utf8")))) };
    spec.paths["/__twin__/things"] = spec.paths["/kinds"];
    expect(await errorMessage(mock(spec))).toBe(
      "Cannot start the twin of the spec object: its path /__twin__/things is under the twin's control prefix /__twin__; use --stateless",
    );
  });
});
