import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { plannedHandWrittenVersions } from "../src/hand-written.ts";
import { miniRepo, ROOT, runRelease } from "./mini-repo.ts";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function repo(): string {
  const r = miniRepo(["cuadra"]);
  cleanup = r.cleanup;
  return r.root;
}

const release = runRelease;

/** Every file under specs/ and packages/clients|mocks/ (not dist/), relative path -> content. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (name === "dist" || name === "node_modules") continue;
      if (statSync(file).isDirectory()) walk(file);
      else out[relative(root, file)] = readFileSync(file, "utf8");
    }
  };
  for (const dir of ["specs", "packages/clients", "packages/mocks"]) walk(join(root, dir));
  return out;
}

describe("model-apis-release version", () => {
  it("refuses a spec that is not what its sources produce, writing nothing", async () => {
    const root = repo();
    const overlay = join(root, "specs/cuadra/overlay.yaml");
    writeFileSync(overlay, readFileSync(overlay, "utf8").replace("Page size.", "Page size (edited)."));
    const before = snapshot(root);
    const result = await release(root, "version");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs: a spec is not what its sources produce; run npm run generate first/);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(snapshot(root)).toEqual(before);
  });

  it("an unknown --bump vendor is one line, before anything runs", async () => {
    const result = await release(repo(), "version", "--bump", "acme=minor");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("error: --bump acme: no such vendor among cuadra");
  });

  it("plans the hand-written packages' versions from the pending changesets, without git", async () => {
    const root = repo();
    mkdirSync(join(root, ".changeset"));
    cpSync(join(ROOT, ".changeset", "config.json"), join(root, ".changeset", "config.json"));
    const current = JSON.parse(readFileSync(join(ROOT, "packages/runtime/package.json"), "utf8")).version as string;
    expect((await plannedHandWrittenVersions(root))["@model-apis/runtime"]).toBe(current);
    writeFileSync(join(root, ".changeset", "new-option.md"), '---\n"@model-apis/runtime": major\n---\n\nA new option.\n');
    const planned = await plannedHandWrittenVersions(root);
    expect(planned["@model-apis/runtime"]).toBe(`${Number(current.split(".")[0]) + 1}.0.0`);
  });

  it("releases nothing and writes nothing when nothing changed since the last version", async (ctx) => {
    // it builds the copied client, which needs the built runtime (npm test builds it first: a devDependency)
    if (!existsSync(join(ROOT, "packages/runtime/dist/index.d.ts"))) ctx.skip("packages/runtime is not built (npm run build)");
    const root = repo();
    const before = snapshot(root);
    const result = await release(root, "version");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^cuadra +@model-apis\/cuadra@\S+: unchanged since its release$/m);
    expect(snapshot(root)).toEqual(before);
  }, 120_000);

  it("--bump all=patch releases every vendor even without a change, and says the maintainer chose it", async (ctx) => {
    if (!existsSync(join(ROOT, "packages/runtime/dist/index.d.ts"))) ctx.skip("packages/runtime is not built (npm run build)");
    const root = repo();
    const from = JSON.parse(readFileSync(join(root, "specs/cuadra/release/state.json"), "utf8")).version as string;
    const to = from.replace(/\d+$/, (n) => String(Number(n) + 1));
    const result = await release(root, "version", "--bump", "all=patch");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain(`@model-apis/cuadra and @model-apis/cuadra-mock: ${from} -> ${to} (patch; 1 change(s)`);
    const changelog = readFileSync(join(root, "specs/cuadra/release/CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${to}\n\nA patch version, as the maintainer chose`);
    expect(changelog).toContain("- A new version without a change that requires one: patch, as the maintainer chose");
    expect(JSON.parse(readFileSync(join(root, "packages/clients/cuadra/package.json"), "utf8")).version).toBe(to);
    expect((await release(root, "check", "--no-api-reports")).code).toBe(0);
  }, 120_000);
});
