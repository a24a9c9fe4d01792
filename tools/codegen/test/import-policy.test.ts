import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type CliResult, cli } from "./cli-host.ts";
import { FIXTURES, tempRepo } from "./helpers.ts";
import { typecheck } from "./typecheck.ts";

/**
 * fixtures/imported-repo: vendor `acme`, a spec as published (operationIds with slashes, no security, no 401s, few
 * examples, GitHub's style) with `lint: imported` in vendor.yaml and no overlay.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");
const VENDOR = "specs/acme/vendor.yaml";
const UPSTREAM = "specs/acme/upstream/openapi.yaml";

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function repo(from = join(FIXTURES, "imported-repo")): string {
  const r = tempRepo(from);
  cleanup = r.cleanup;
  return r.root;
}

/** The real CLI entry, in this worker's CLI host (test/cli-host.ts). */
const run = cli;

function edit(root: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(root, file), change(readFileSync(join(root, file), "utf8")));
}

/** Strict tsc over the generated client and mock, with the workspace packages they import mapped to their sources. */
function typecheckGenerated(root: string, slug: string) {
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
  return typecheck(join(root, "tsconfig.json"));
}

describe("lint: imported", () => {
  it("generate writes the client and mock whatever the house style says, and says nothing about it", async () => {
    const root = repo();
    const result = await run(root, "generate");
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

  it("the generated client and mock type-check with strict tsc", async () => {
    const root = repo();
    expect((await run(root, "generate")).code).toBe(0);
    const tsc = typecheckGenerated(root, "acme");
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 120_000);

  it("a problem that breaks the client still stops generate, with one line at its place in the upstream, writing nothing", async () => {
    const root = repo();
    edit(root, UPSTREAM, (t) => t.replace("operationId: repos/update", "operationId: repos/get"));
    const result = await run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/acme\/upstream\/openapi\.yaml:\d+:\d+: Every operation must have a unique `operationId`\.? \[operation-operationId-unique\]\n$/,
    );
    expect(existsSync(join(root, "packages"))).toBe(false);
    expect(existsSync(join(root, "specs/acme/openapi.yaml"))).toBe(false);
  });

  it("an unresolvable $ref stops it too", async () => {
    const root = repo();
    edit(root, UPSTREAM, (t) => t.replace('owner: {$ref: "#/components/schemas/simple-user"}', 'owner: {$ref: "#/components/schemas/no-such-user"}'));
    const result = await run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/acme\/upstream\/openapi\.yaml:\d+:\d+: Can't resolve \$ref.*\[no-unresolved-refs\]\n$/);
  });

  it("lint lists every house-style problem as a warning, counts them per rule, and passes", async () => {
    const root = repo();
    expect((await run(root, "normalize")).code).toBe(0);
    const result = await run(root, "lint", "acme");
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

/**
 * acme's upstream, as JSON, with 20 more copies of its paths and long descriptions: over 2 MB, so the worker lints it
 * and writes its YAML (BIG_UPSTREAM_BYTES and BIG_DOCUMENT count bytes, not operations).
 */
function makeBig(root: string): void {
  const doc = parse(readFileSync(join(root, UPSTREAM), "utf8"));
  const paths = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>);
  for (let i = 0; i < COPIES; i++) {
    for (const [path, item] of paths) {
      const copy = structuredClone(item);
      for (const op of Object.values(copy)) {
        if (typeof op.operationId === "string") op.operationId = `${op.operationId}-${i}`;
        op.description = `Copy ${i}. ${"Lorem ipsum dolor sit amet. ".repeat(1800)}`;
      }
      doc.paths[`/copy${i}${path}`] = copy;
    }
  }
  writeFileSync(join(root, "specs/acme/upstream/openapi.json"), JSON.stringify(doc, null, 2));
  edit(root, VENDOR, (t) => t.replace("file: upstream/openapi.yaml", "file: upstream/openapi.json"));
}
const COPIES = 20;
const BIG_OPERATIONS = 3 * (COPIES + 1);

describe("a big spec (linted and written out in the worker)", () => {
  /** The fixture with the big upstream, made once; the failing test works on a copy. */
  let big: { root: string; cleanup: () => void };
  /** A copy with a second big vendor beside it, generated once (each vendor's run is its own: they go one by one). */
  let pair: { root: string; cleanup: () => void };
  let generated: CliResult;
  let normalized: CliResult;
  beforeAll(async () => {
    big = tempRepo(join(FIXTURES, "imported-repo"));
    makeBig(big.root);
    expect(readFileSync(join(big.root, "specs/acme/upstream/openapi.json")).length).toBeGreaterThan(2 * 1024 * 1024);
    pair = tempRepo(big.root);
    cpSync(join(pair.root, "specs/acme"), join(pair.root, "specs/acme2"), { recursive: true });
    edit(pair.root, "specs/acme2/vendor.yaml", (t) =>
      t.replace("slug: acme", "slug: acme2").replace("clientName: Acme", "clientName: Acme2").replace('"@model-apis/acme"', '"@model-apis/acme2"'),
    );
    generated = await run(pair.root, "generate");
    normalized = await run(pair.root, "normalize", "--check");
  }, 180_000);
  afterAll(() => {
    big?.cleanup();
    pair?.cleanup();
  });

  it("gives the same openapi.yaml as normalize, which writes it in its own thread", () => {
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(new RegExp(`^acme\\s+${BIG_OPERATIONS} operations`, "m"));
    const fromGenerate = readFileSync(join(pair.root, "specs/acme/openapi.yaml"), "utf8");
    expect(fromGenerate.length).toBeGreaterThan(2_000_000);
    expect(normalized.code, normalized.stdout + normalized.stderr).toBe(0);
    expect(normalized.stdout).toMatch(/specs\/acme\/openapi\.yaml unchanged/);
  });

  it("two in one run each get a worker (the first one's ends after its clean lint)", () => {
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toMatch(new RegExp(`^acme\\s+${BIG_OPERATIONS} operations\\s+15 files written`, "m"));
    expect(generated.stdout).toMatch(new RegExp(`^acme2\\s+${BIG_OPERATIONS} operations\\s+15 files written`, "m"));
    expect(normalized.code, normalized.stdout + normalized.stderr).toBe(0);
    expect(normalized.stdout).toMatch(/specs\/acme2\/openapi\.yaml unchanged/);
  });

  it("is written and linted in the main thread, with the same result, when it does not fit in the worker's heap", async () => {
    const root = repo(big.root);
    // the real bin in its own process: the heap limit is read from the environment when the worker starts
    const bin = join(REPO, "tools/codegen/bin/model-apis-codegen.js");
    const env = (mb: string) => ({ ...process.env, NO_COLOR: "1", MODEL_APIS_WORKER_HEAP_MB: mb });
    const tiny = spawnSync(process.execPath, [bin, "generate", "acme"], { cwd: root, encoding: "utf8", env: env("16") });
    expect(tiny.status, tiny.stderr).toBe(0);
    expect(tiny.stderr).toContain(
      "note: specs/acme/openapi.yaml: too big for the lint worker's 16 MB heap (MODEL_APIS_WORKER_HEAP_MB); written and linted in the main thread\n",
    );
    expect(readFileSync(join(root, "specs/acme/openapi.yaml"), "utf8")).toBe(readFileSync(join(pair.root, "specs/acme/openapi.yaml"), "utf8"));
    expect(readFileSync(join(root, "packages/clients/acme/src/schema.ts"), "utf8")).toBe(
      readFileSync(join(pair.root, "packages/clients/acme/src/schema.ts"), "utf8"),
    );
    const wrong = spawnSync(process.execPath, [bin, "generate", "acme"], { cwd: root, encoding: "utf8", env: env("lots") });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toBe('error: MODEL_APIS_WORKER_HEAP_MB: must be a whole number of megabytes (got "lots")\n');
  }, 120_000);

  it("still stops at a problem that breaks the client, naming its place in the upstream", async () => {
    const root = repo(big.root);
    const file = join(root, "specs/acme/upstream/openapi.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(`"operationId": "repos/update-${COPIES - 1}"`, `"operationId": "repos/get-${COPIES - 1}"`));
    const result = await run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: specs\/acme\/upstream\/openapi\.json:\d+:\d+: Every operation must have a unique `operationId`\.? \[operation-operationId-unique\]\n$/,
    );
    expect(existsSync(join(root, "packages"))).toBe(false);
  }, 120_000);
});

describe("lint: strict on the same spec", () => {
  it("stops generate at its first house-style problem, with file:line:col", async () => {
    const root = repo();
    edit(root, VENDOR, (t) => t.replace("lint: imported", "lint: strict"));
    const result = await run(root, "generate");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: specs\/acme\/openapi\.yaml:\d+:\d+: \S+: .+ \(and \d+ more; run npm run lint\)\n$/);
    expect(existsSync(join(root, "packages"))).toBe(false);
  });

  it("is what a vendor.yaml without lint: means", async () => {
    const root = repo();
    edit(root, VENDOR, (t) => t.replace("lint: imported\n", ""));
    expect((await run(root, "generate")).code).toBe(1);
  });
});

it("vendor.yaml with an unknown lint: policy is a one-line error at the key", async () => {
  const root = repo();
  edit(root, VENDOR, (t) => t.replace("lint: imported", "lint: loose"));
  const result = await run(root, "generate");
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('error: specs/acme/vendor.yaml:#/lint: must be one of strict, imported (got "loose")\n');
});
