import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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

const STYLE_WARNING =
  /^warning: specs\/acme\/openapi\.yaml: lint imported: (?<n>\d+) house-style problem\(s\) \((?<rules>.*)\) reported, not blocking; model-apis-codegen lint lists them; not run here: no-invalid-media-type-examples, no-invalid-parameter-examples, no-invalid-schema-examples$/m;

describe("lint: imported", () => {
  it("generate writes the client and mock, and reports the house-style problems on one line, counted per rule", () => {
    const root = repo();
    const result = run(root, "generate");
    expect(result.code, result.stderr).toBe(0);
    const match = STYLE_WARNING.exec(result.stderr);
    expect(match, result.stderr).not.toBeNull();
    expect(Number(match!.groups!.n)).toBeGreaterThan(5);
    expect(match!.groups!.rules).toMatch(/rule\/operation-id-verb-noun 3/);
    expect(result.stderr.trim().split("\n"), result.stderr).toHaveLength(1);
    expect(result.stdout).toMatch(/^acme\s+3 operations\s+15 files written/m);
    for (const file of ["packages/clients/acme/src/index.ts", "packages/clients/acme/src/schema.ts", "packages/mocks/acme/src/index.ts", "specs/acme/openapi.yaml"]) {
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
    expect(result.stderr).toMatch(/^error: specs\/acme\/upstream\/openapi\.yaml:\d+:\d+: Every operation must have a unique `operationId`\.? \[operation-operationId-unique\]\n$/);
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

  it("lint lists every problem as a warning, counts them, and passes", () => {
    const root = repo();
    expect(run(root, "normalize").code).toBe(0);
    const result = run(root, "lint", "acme");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^acme\s+lint imported: 0 blocking problem\(s\); \d+ house-style problem\(s\) \(.+\) not blocking$/m);
    const lines = result.stderr.trim().split("\n");
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/^specs\/acme\/openapi\.yaml:\d+:\d+ warn \S+ .+$/);
    expect(lines.some((l) => / warn rule\/operation-id-verb-noun /.test(l))).toBe(true);
  });
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
