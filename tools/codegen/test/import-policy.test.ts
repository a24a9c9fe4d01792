import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI } from "./broken-corpus.ts";
import { FIXTURES, tempRepo } from "./helpers.ts";

/**
 * fixtures/imported-repo: vendor `acme`, a spec as published (operationIds with slashes, no security, no 401s, few
 * examples, GitHub's style) with `lint: imported` in vendor.yaml and no overlay.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");
const require = createRequire(import.meta.url);
const TSC = join(dirname(require.resolve("typescript/package.json")), "bin", "tsc");
const VENDOR = "specs/acme/vendor.yaml";
const UPSTREAM = "specs/acme/upstream/openapi.yaml";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function repo(): string {
  const r = tempRepo(join(FIXTURES, "imported-repo"));
  cleanup = r.cleanup;
  return r.root;
}

function run(root: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function edit(root: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(root, file), change(readFileSync(join(root, file), "utf8")));
}

/** Strict tsc over the generated client and mock, with the workspace packages they import mapped to their sources. */
function typecheck(root: string, slug: string) {
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      extends: `./packages/clients/${slug}/tsconfig.json`,
      compilerOptions: {
        noEmit: true,
        rootDir: "/",
        types: ["node"],
        typeRoots: [join(REPO, "node_modules", "@types")],
        paths: {
          "@model-apis/runtime": [join(REPO, "packages/runtime/src/index.ts")],
          "@model-apis/mock-server": [join(REPO, "packages/mock-server/src/index.ts")],
          "@model-apis/spec-model": [join(REPO, "packages/spec-model/src/index.ts")],
        },
      },
      include: [`packages/clients/${slug}/src`, `packages/mocks/${slug}/src`],
    }),
  );
  return spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: root, encoding: "utf8" });
}

describe("lint: imported", () => {
  it("generate writes the client and mock whatever the house style says, and says nothing about it", () => {
    const root = repo();
    const result = run(root, "generate");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^acme\s+3 operations\s+15 files written/m);
    for (const file of [
      "packages/clients/acme/src/index.ts",
      "packages/clients/acme/src/schema.ts",
      "packages/mocks/acme/src/index.ts",
      "specs/acme/openapi.yaml",
    ]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
  });

  it("the generated client and mock type-check with strict tsc", () => {
    const root = repo();
    expect(run(root, "generate").code).toBe(0);
    const tsc = typecheck(root, "acme");
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("a problem that breaks the client still stops generate, with one line at its place in the upstream, writing nothing", () => {
    const root = repo();
    edit(root, UPSTREAM, (t) => t.replace("operationId: repos/update", "operationId: repos/get"));
    const result = run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/acme\/upstream\/openapi\.yaml:\d+:\d+: Every operation must have a unique `operationId`\.? \[operation-operationId-unique\]\n$/,
    );
    expect(existsSync(join(root, "packages"))).toBe(false);
    expect(existsSync(join(root, "specs/acme/openapi.yaml"))).toBe(false);
  });

  it("an unresolvable $ref stops it too", () => {
    const root = repo();
    edit(root, UPSTREAM, (t) => t.replace('owner: {$ref: "#/components/schemas/simple-user"}', 'owner: {$ref: "#/components/schemas/no-such-user"}'));
    const result = run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/acme\/upstream\/openapi\.yaml:\d+:\d+: Can't resolve \$ref.*\[no-unresolved-refs\]\n$/);
  });

  it("lint lists every house-style problem as a warning, counts them per rule, and passes", () => {
    const root = repo();
    expect(run(root, "normalize").code).toBe(0);
    const result = run(root, "lint", "acme");
    expect(result.code, result.stderr).toBe(0);
    const summary = /^acme\s+lint imported: 0 blocking problem\(s\); (?<n>\d+) house-style problem\(s\) \((?<rules>.+)\) not blocking$/m.exec(result.stdout);
    expect(summary, result.stdout).not.toBeNull();
    expect(summary!.groups!.rules).toMatch(/rule\/operation-id-verb-noun 3/);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(Number(summary!.groups!.n));
    for (const line of lines) expect(line).toMatch(/^specs\/acme\/openapi\.yaml:\d+:\d+ warn \S+ .+$/);
    expect(lines.some((l) => / warn rule\/operation-id-verb-noun /.test(l))).toBe(true);
  });
});

/** acme's upstream, as JSON, with 400 more copies of its paths and long descriptions: over 2 MB, so the worker lints it. */
function makeBig(root: string): void {
  const doc = parse(readFileSync(join(root, UPSTREAM), "utf8"));
  const paths = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>);
  for (let i = 0; i < 400; i++) {
    for (const [path, item] of paths) {
      const copy = structuredClone(item);
      for (const op of Object.values(copy)) {
        if (typeof op.operationId === "string") op.operationId = `${op.operationId}-${i}`;
        op.description = `Copy ${i}. ${"Lorem ipsum dolor sit amet. ".repeat(200)}`;
      }
      doc.paths[`/copy${i}${path}`] = copy;
    }
  }
  writeFileSync(join(root, "specs/acme/upstream/openapi.json"), JSON.stringify(doc, null, 2));
  edit(root, VENDOR, (t) => t.replace("file: upstream/openapi.yaml", "file: upstream/openapi.json"));
}

describe("a big spec (linted and written out in the worker)", () => {
  it("gives the same openapi.yaml as normalize, which writes it in its own thread", () => {
    const root = repo();
    makeBig(root);
    const generated = run(root, "generate");
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^acme\s+1203 operations/m);
    const fromGenerate = readFileSync(join(root, "specs/acme/openapi.yaml"), "utf8");
    expect(fromGenerate.length).toBeGreaterThan(2_000_000);
    const normalized = run(root, "normalize", "--check");
    expect(normalized.code, normalized.stdout + normalized.stderr).toBe(0);
    expect(normalized.stdout).toMatch(/specs\/acme\/openapi\.yaml unchanged/);
  }, 120_000);

  it("two in one run each get a worker (the first one's ends after its clean lint)", () => {
    const root = repo();
    makeBig(root);
    cpSync(join(root, "specs/acme"), join(root, "specs/acme2"), { recursive: true });
    edit(root, "specs/acme2/vendor.yaml", (t) =>
      t.replace("slug: acme", "slug: acme2").replace("clientName: Acme", "clientName: Acme2").replace('"@model-apis/acme"', '"@model-apis/acme2"'),
    );
    const generated = run(root, "generate");
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(/^acme\s+1203 operations\s+15 files written/m);
    expect(generated.stdout).toMatch(/^acme2\s+1203 operations\s+15 files written/m);
    expect(run(root, "normalize", "--check").code).toBe(0);
  }, 180_000);

  it("still stops at a problem that breaks the client, naming its place in the upstream", () => {
    const root = repo();
    makeBig(root);
    const file = join(root, "specs/acme/upstream/openapi.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"operationId": "repos/update-399"', '"operationId": "repos/get-399"'));
    const result = run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/acme\/upstream\/openapi\.json:\d+:\d+: Every operation must have a unique `operationId`\.? \[operation-operationId-unique\]\n$/,
    );
    expect(existsSync(join(root, "packages"))).toBe(false);
  }, 120_000);
});

describe("lint: strict on the same spec", () => {
  it("stops generate at its first house-style problem, with file:line:col", () => {
    const root = repo();
    edit(root, VENDOR, (t) => t.replace("lint: imported", "lint: strict"));
    const result = run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/acme\/openapi\.yaml:\d+:\d+: \S+: .+ \(and \d+ more; run npm run lint\)\n$/);
    expect(existsSync(join(root, "packages"))).toBe(false);
  });

  it("is what a vendor.yaml without lint: means", () => {
    const root = repo();
    edit(root, VENDOR, (t) => t.replace("lint: imported\n", ""));
    expect(run(root, "generate").code).toBe(1);
  });
});

it("vendor.yaml with an unknown lint: policy is a one-line error at the key", () => {
  const root = repo();
  edit(root, VENDOR, (t) => t.replace("lint: imported", "lint: loose"));
  const result = run(root, "generate");
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('error: specs/acme/vendor.yaml:#/lint: must be one of strict, imported (got "loose")\n');
});
