import { spawnSync } from "node:child_process";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cli } from "./cli-host.ts";
import { FIXTURES, tempRepo } from "./helpers.ts";
import { typecheck } from "./typecheck.ts";

/**
 * fixtures/hostile: a vendor whose spec and vendor.yaml try to inject code through every string that reaches
 * generated code (`*\/`, quotes, backticks, `${}`, newlines, U+2028/U+2029, `__proto__`, keywords), plus very long
 * strings added here. The generated packages must compile under strict tsc and run nothing at import time.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");
const require = createRequire(import.meta.url);
/** What `node --import tsx` loads (tsx's own CLI would start a second node process to run the script). */
const TSX_LOADER = pathToFileURL(join(dirname(require.resolve("tsx/package.json")), "dist", "loader.mjs")).href;
const LONG = 100_000;

/** What the payloads would leave behind if any of them ran. */
const PROBE = `
import * as client from "./packages/clients/hostile/src/index.ts";
import * as mock from "./packages/mocks/hostile/src/index.ts";
const instance = client.createHostileClient() as unknown as Record<string, unknown>;
const ids = Object.keys(client.OPERATIONS);
console.log(JSON.stringify({
  pwned: (globalThis as { __pwned?: unknown }).__pwned ?? null,
  operations: ids,
  methods: ids.filter((id) => typeof instance[id] === "function"),
  baseUrl: client.DEFAULT_BASE_URL,
  mockSpecPath: typeof mock.specPath,
}));
`;

let root: string;
let cleanup: () => void;
let generate: CliResult;

beforeAll(async () => {
  ({ root, cleanup } = tempRepo(join(FIXTURES, "hostile")));
  addLongStrings(root);
  generate = await cli(root, "generate", "--lint-warn-only");
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      // the generated package's own (strict) settings, with the workspace packages it imports mapped to their sources
      extends: "./packages/clients/hostile/tsconfig.json",
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
      include: ["packages/clients/hostile/src", "packages/mocks/hostile/src"],
    }),
  );
  writeFileSync(join(root, "probe.ts"), PROBE);
}, 120_000);
afterAll(() => cleanup?.());

/** A second upstream file with very long hostile strings (too big to commit). */
function addLongStrings(dir: string): void {
  const fragment = {
    openapi: "3.0.3",
    info: { title: "long strings", version: "1" },
    paths: {
      [`/long/${"p".repeat(LONG)}`]: {
        get: {
          operationId: `getLong${"L".repeat(LONG)}`,
          summary: "*/".repeat(LONG),
          description: "`${".repeat(LONG),
          responses: {
            "200": { description: "\u2028".repeat(LONG), content: { "application/json": { schema: { type: "string", enum: ['"'.repeat(LONG)] } } } },
          },
        },
      },
    },
  };
  writeFileSync(join(dir, "specs/hostile/upstream/long.json"), JSON.stringify(fragment));
  appendFileSync(
    join(dir, "specs/hostile/vendor.yaml"),
    `  - file: upstream/long.json\n    url: https://docs.hostile.test/long.json\n    format: openapi-3.0.3\n    retrieved: "2026-12-01"\n`,
  );
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [e.name]));
}

describe("a spec full of injection attempts", () => {
  it("generates (house-style lint off: the names are hostile on purpose)", () => {
    expect(generate.stderr).toMatch(/^warning: specs\/hostile\/openapi\.yaml: \d+ house-style problem\(s\) ignored \(--lint-warn-only\)\n$/);
    expect(generate.code).toBe(0);
  });

  it("the generated client and mock type-check with strict tsc", () => {
    const tsc = typecheck(join(root, "tsconfig.json"));
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  }, 60_000);

  it("importing the packages runs nothing from the spec, and every string arrives as data", () => {
    const probe = spawnSync(process.execPath, ["--import", TSX_LOADER, "probe.ts"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, TSX_TSCONFIG_PATH: "tsconfig.json" },
    });
    expect(probe.stderr).toBe("");
    expect(probe.status).toBe(0); // a payload calls process.exit(7)
    const lines = probe.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1); // payloads print PWNED
    const seen = JSON.parse(lines[0]!);
    expect(seen.pwned).toBeNull(); // payloads set globalThis.__pwned
    expect(allFiles(root)).not.toContain("PWNED"); // a payload writes ./PWNED

    const spec = JSON.parse(readFileSync(join(root, "packages/clients/hostile/openapi.json"), "utf8"));
    const ids = Object.values(spec.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((item) =>
      Object.values(item).flatMap((op) => (typeof op?.operationId === "string" ? [op.operationId] : [])),
    );
    expect(ids).toContain("__proto__");
    expect(ids).toContain(`getLong${"L".repeat(LONG)}`);
    expect([...seen.operations].sort()).toEqual([...ids].sort());
    expect(seen.methods).toEqual(seen.operations);
    expect(seen.baseUrl).toBe('https://eu"; globalThis.__pwned = 1; ".api.hostile.test/v1"; globalThis.__pwned = 1; "/`$`/\'\u2028\u2029*/');
    expect(seen.mockSpecPath).toBe("string");
  }, 60_000);
});
