import { describe, expect, it } from "vitest";
import { serverPathPrefixes, stripServerPath } from "../src/server-paths.js";
import { getJson, mock, SERVER_PATH_SPEC } from "./helpers.js";

type Operations = Parameters<typeof serverPathPrefixes>[0];
const ops = (paths: string[], servers: Array<{ url: string; variables?: Record<string, { default: string }> }>): Operations =>
  paths.map((path) => ({ path, method: "get", servers })) as unknown as Operations;

describe("server path prefixes", () => {
  it("takes the path of absolute, relative and templated server URLs", () => {
    const servers = [
      { url: "https://api.example.test/api/v1/" },
      { url: "/beta" },
      { url: "{scheme}://{host}/{base}", variables: { scheme: { default: "https" }, host: { default: "h" }, base: { default: "v2" } } },
      { url: "https://api.example.test" },
    ];
    expect(serverPathPrefixes(ops(["/models"], servers))).toEqual(["/api/v1", "/beta", "/v2"]);
  });

  it("never strips a prefix that the spec's own paths start with", () => {
    expect(serverPathPrefixes(ops(["/v1/models"], [{ url: "https://api.example.test/v1" }]))).toEqual([]);
  });

  it("strips only whole path segments and keeps the query", () => {
    const prefixes = ["/api/v1"];
    expect(stripServerPath("/api/v1/models?limit=1", prefixes)).toBe("/models?limit=1");
    expect(stripServerPath("/api/v1", prefixes)).toBe("/");
    expect(stripServerPath("/api/v1?x=1", prefixes)).toBe("/?x=1");
    expect(stripServerPath("/api/v10/models", prefixes)).toBe("/api/v10/models");
    expect(stripServerPath("/models", prefixes)).toBe("/models");
  });
});

describe("a spec whose server URL has a path (https://api.example.test/api/v1, paths /models)", () => {
  it("serves the paths at the root of mock.url, as Prism does", async () => {
    const server = await mock(SERVER_PATH_SPEC);
    expect(await getJson(`${server.url}/models`, {})).toMatchObject({ status: 200, body: { data: ["m-1"] } });
  });

  it("also serves them under the server's path", async () => {
    const server = await mock(SERVER_PATH_SPEC);
    expect(await getJson(`${server.url}/api/v1/models`, {})).toMatchObject({ status: 200, body: { data: ["m-1"] } });
    expect((await getJson(`${server.url}/api/v1x/models`, {})).status).toBe(404);
  });
});
