import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPath, looksLikePath, nameForSpecFile, resolveSpecArgument } from "../src/resolve-spec.js";

let root: string;
let cwd: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "mock-server-resolve-"));
  cwd = join(root, "work", "deep");
  mkdirSync(cwd, { recursive: true });
  // An installed mock package that exports its openapi.json, one that hides it, and a specs/ folder above cwd.
  const exported = join(root, "node_modules/@model-apis/acme-mock");
  write(join(exported, "package.json"), JSON.stringify({ name: "@model-apis/acme-mock", exports: { "./openapi.json": "./openapi.json" } }));
  write(join(exported, "openapi.json"), "{}");
  const hidden = join(root, "node_modules/@model-apis/hidden-mock");
  write(join(hidden, "package.json"), JSON.stringify({ name: "@model-apis/hidden-mock", exports: { "./package.json": "./package.json" } }));
  write(join(hidden, "openapi.json"), "{}");
  write(join(root, "specs/acme/openapi.yaml"), "openapi: 3.1.0\n");
  write(join(root, "specs/beta/openapi.yaml"), "openapi: 3.1.0\n");
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("resolveSpecArgument", () => {
  it("prefers the installed package @model-apis/<vendor>-mock", () => {
    expect(resolveSpecArgument("acme", cwd)).toEqual({ file: join(root, "node_modules/@model-apis/acme-mock/openapi.json"), name: "acme" });
  });

  it("finds openapi.json beside package.json when the exports map hides it", () => {
    expect(resolveSpecArgument("hidden", cwd).file).toBe(join(root, "node_modules/@model-apis/hidden-mock/openapi.json"));
  });

  it("falls back to specs/<vendor>/openapi.yaml, walking up from cwd", () => {
    expect(resolveSpecArgument("beta", cwd)).toEqual({ file: join(root, "specs/beta/openapi.yaml"), name: "beta" });
  });

  it("uses a path as it is, relative to cwd", () => {
    expect(resolveSpecArgument("../x/openapi.json", cwd)).toEqual({ file: join(root, "work/x/openapi.json"), name: "x" });
    expect(resolveSpecArgument("petstore.yaml", cwd)).toEqual({ file: join(cwd, "petstore.yaml"), name: "petstore" });
  });

  it("lists what it tried for an unknown vendor, in one line", () => {
    expect(() => resolveSpecArgument("nope", cwd)).toThrow(
      `Unknown vendor "nope": tried the package @model-apis/nope-mock (openapi.json) from ${cwd}, and specs/nope/openapi.yaml in ${cwd} and every folder above it`,
    );
  });
});

describe("names and paths", () => {
  it("looksLikePath", () => {
    expect(looksLikePath("cuadra")).toBe(false);
    expect(looksLikePath("open-webui")).toBe(false);
    expect(looksLikePath("spec.yaml")).toBe(true);
    expect(looksLikePath("./cuadra")).toBe(true);
  });

  it("nameForSpecFile", () => {
    expect(nameForSpecFile("/r/specs/cuadra/openapi.yaml")).toBe("cuadra");
    expect(nameForSpecFile("/r/node_modules/@model-apis/cuadra-mock/openapi.json")).toBe("cuadra");
    expect(nameForSpecFile("/r/petstore.yml")).toBe("petstore");
  });

  it("displayPath is relative inside cwd, absolute outside", () => {
    expect(displayPath("/r/a/specs/x.yaml", "/r/a")).toBe("specs/x.yaml");
    expect(displayPath("/elsewhere/x.yaml", "/r/a")).toBe("/elsewhere/x.yaml");
  });
});
