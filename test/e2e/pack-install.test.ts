/**
 * The packages work outside the repo: `npm pack` the spec model, the runtime, the mock server, one client and its mock, install
 * the tarballs into a fresh project in the OS temp dir (no workspace, no path aliases), type-check a small
 * TypeScript program under strict with the repo's compiler, and run it against the mock.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const PACKAGES = ["packages/spec-model", "packages/runtime", "packages/mock-server", "packages/clients/cuadra", "packages/mocks/cuadra"];
const TSC = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, npm_config_ignore_scripts: "true", npm_config_fund: "false", npm_config_audit: "false", npm_config_update_notifier: "false" },
  });

const PROGRAM = `import { ApiError, NotFoundError, createCuadraClient, type ModelOut, type ModelPage } from "@model-apis/cuadra";
import { startMock } from "@model-apis/cuadra-mock";

const mock = await startMock();
try {
  const client = createCuadraClient({ baseUrl: mock.url, token: "e2e-token", validateResponses: true });
  const page: ModelPage = await client.listModels({ query: { limit: 2 } });
  const model: ModelOut = await client.getModel({ path: { model_id: page.items[0]!.id } });
  // The mock is a twin: what a create stores, a get returns, until a delete.
  const created = await client.createModel({ body: { parentModelId: model.parentModelId ?? "", displayName: "E2E helper" } });
  const fetched = await client.getModel({ path: { model_id: created.id } });
  await client.deleteModel({ path: { model_id: created.id } });
  const gone = await client.getModel({ path: { model_id: created.id } }).then(() => 200, (e: unknown) => (e instanceof NotFoundError ? e.status : -1));
  let notFound = "";
  try {
    await client.getModel({ path: { model_id: model.id } }, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (error instanceof NotFoundError && error instanceof ApiError) notFound = String(error.status);
  }
  // @ts-expect-error displayName is required
  void (() => client.createModel({ body: { parentModelId: "x" } }));
  console.log(JSON.stringify({ items: page.items.length, model: model.displayName, created: fetched.displayName, gone, notFound }));
} finally {
  await mock.close();
}
`;

let dir: string;
beforeAll(() => {
  for (const pkg of PACKAGES) {
    if (!existsSync(join(ROOT, pkg, "dist"))) throw new Error(`${pkg}/dist is missing: build first (npm run build, or npm test which does)`);
  }
  dir = mkdtempSync(join(tmpdir(), "model-apis-e2e-"));
  for (const pkg of PACKAGES) run("npm", ["pack", "--silent", "--pack-destination", dir], join(ROOT, pkg));
  const tarballs = readdirSync(dir).filter((f) => f.endsWith(".tgz"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "e2e-app", private: true, type: "module" }));
  run("npm", ["install", "--prefer-offline", "--no-package-lock", ...tarballs.map((t) => `./${t}`)], dir);
  writeFileSync(join(dir, "main.ts"), PROGRAM);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        types: [],
        lib: ["ES2023", "DOM"],
        outDir: "out",
      },
      files: ["main.ts"],
    }),
  );
}, 300_000);
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("packed packages, installed outside the repo", () => {
  it("installs from the five tarballs, with openapi-fetch as the client's only other runtime dependency", () => {
    const installed = readdirSync(join(dir, "node_modules", "@model-apis")).sort();
    expect(installed).toEqual(["cuadra", "cuadra-mock", "mock-server", "runtime", "spec-model"]);
    expect(dir.startsWith(ROOT)).toBe(false);
  });

  it("type-checks a strict program that uses the client and the mock", () => {
    const tsc = spawnSync(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8" });
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  });

  it("runs it against the mock", () => {
    const out = run(process.execPath, [join(dir, "out", "main.js")], dir);
    expect(JSON.parse(out.trim())).toEqual({ items: 2, model: "Support Bot", created: "E2E helper", gone: 404, notFound: "404" });
  });
});
