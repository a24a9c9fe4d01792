import { spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, miniRepo, runRelease, runReleaseBin } from "./mini-repo.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function repo(): string {
  const r = miniRepo(["cuadra"]);
  cleanup = r.cleanup;
  return r.root;
}

const release = runRelease;

describe("the release guard (model-apis-release check)", () => {
  it("passes on the committed release state (the bin and the CLI host the tests use answer alike)", async () => {
    const root = repo();
    const result = await release(root, "check", "--no-api-reports");
    expect(result).toEqual(runReleaseBin(root, "check", "--no-api-reports"));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("fails when the spec changed since the last release and no bump is pending", async () => {
    const root = repo();
    const version = JSON.parse(readFileSync(join(root, "specs/cuadra/release/state.json"), "utf8")).version;
    appendFileSync(join(root, "specs/cuadra/openapi.yaml"), "# edited\n");
    const result = await release(root, "check", "--no-api-reports");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: specs/cuadra/openapi.yaml: changed since @model-apis/cuadra ${version} (specs/cuadra/release/state.json#/specSha256) and no version bump is pending: run npm run release`,
    );
  });

  it("fails when the released copy of the spec was edited", async () => {
    const root = repo();
    appendFileSync(join(root, "specs/cuadra/release/openapi.yaml"), "# edited\n");
    const result = await release(root, "check", "--no-api-reports");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/cuadra\/release\/openapi\.yaml: is not the spec of \S+: its sha256 differs from release\/state\.json#\/specSha256 \(restore it from git\)$/,
    );
  });

  it("fails when the committed API report is not the one of the version", async () => {
    const root = repo();
    appendFileSync(join(root, "specs/cuadra/release/cuadra.api.md"), "\n");
    const result = await release(root, "check", "--no-api-reports");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/cuadra\/release\/cuadra\.api\.md: differs from the API report of @model-apis\/cuadra \S+ \(specs\/cuadra\/release\/state\.json#\/apiReportSha256\): run npm run release$/,
    );
  });

  it("a broken release state is one line naming the file and place", async () => {
    const root = repo();
    const file = join(root, "specs/cuadra/release/state.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(/"version": "[^"]+"/, '"version": "latest"'));
    const result = await release(root, "check", "--no-api-reports");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: specs/cuadra/release/state.json:#/version: must be a semver version such as 0.1.0, not "latest"');
  });

  it("an unknown vendor is one line naming the file it expected (the bin and the CLI host answer alike)", async () => {
    const root = repo();
    const result = await release(root, "diff", "acme");
    expect(result).toEqual(runReleaseBin(root, "diff", "acme"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/acme\/vendor\.yaml: no vendor "acme"/);
    expect(result.stderr.split("\n")).toHaveLength(1);
  });

  it("publish refuses to run without a @model-apis registry in the npm config", async () => {
    const root = repo();
    const userconfig = join(root, "empty.npmrc");
    writeFileSync(userconfig, "");
    const result = spawnSync(process.execPath, [CLI, "publish"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, npm_config_userconfig: userconfig, "npm_config_@model-apis:registry": "" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^error: \.npmrc: no @model-apis:registry in the npm config/);
  });
});
