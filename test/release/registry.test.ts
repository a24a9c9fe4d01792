/**
 * Releases through a real registry. A copy of the repository's cuadra vendor and the hand-written packages are
 * published to a local verdaccio (npm publish packs each one); a team's project outside the repository installs the
 * client and mock by version (with only the .npmrc scope line, no workspace, no path aliases), which brings exactly
 * the five packages, type-checks a program under strict settings and runs it against the mock.
 * Then, in the copy, a documentation-only overlay change is released and published (a patch), and a breaking one
 * (an operation removed; a minor bump while 0.x); a consumer on ^<the version> gets the patch and not the break, while
 * @latest gets the break, under which the same program no longer compiles.
 *
 * The steps build on each other, in order. Everything runs the real commands: model-apis-codegen generate,
 * model-apis-release version and publish, npm publish / install, tsc.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { miniRepo } from "../../tools/release/test/mini-repo.ts";
import { type Registry, startRegistry } from "./registry.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const RELEASE = join(ROOT, "tools", "release", "bin", "model-apis-release.js");
const CODEGEN = join(ROOT, "tools", "codegen", "bin", "model-apis-codegen.js");
const TSC = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
const BUILT = ["packages/spec-model", "packages/runtime", "packages/mock-server", "packages/clients/cuadra", "packages/mocks/cuadra"];
const QUIET = {
  npm_config_ignore_scripts: "true",
  npm_config_fund: "false",
  npm_config_audit: "false",
  npm_config_update_notifier: "false",
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
  SCARF_ANALYTICS: "false",
};

/** Runs a command asynchronously (the registry answers from this process meanwhile); rejects with its output on failure. */
function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...QUIET, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (err += c));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${[command, ...args].join(" ")} (in ${cwd}) exited ${code}:\n${err || out}`))));
  });
}
const node = (script: string, args: string[], cwd: string, env?: Record<string, string>) => sh(process.execPath, [script, ...args], cwd, env);

const PROGRAM = `import { ApiError, NotFoundError, createCuadraClient, type ModelOut, type ModelPage } from "@model-apis/cuadra";
import { startMock } from "@model-apis/cuadra-mock";

const mock = await startMock();
try {
  const client = createCuadraClient({ baseUrl: mock.url, token: "registry-token", validateResponses: true });
  const page: ModelPage = await client.listModels({ query: { limit: 2 } });
  const model: ModelOut = await client.getModel({ path: { model_id: page.items[0]!.id } });
  // The mock is a twin: what a create stores, a get returns, until a delete.
  const created = await client.createModel({ body: { parentModelId: model.parentModelId ?? "", displayName: "From the registry" } });
  const fetched = await client.getModel({ path: { model_id: created.id } });
  await client.deleteModel({ path: { model_id: created.id } });
  const gone = await client.getModel({ path: { model_id: created.id } }).then(() => 200, (e: unknown) => (e instanceof NotFoundError ? e.status : -1));
  let forced = "";
  try {
    await client.getModel({ path: { model_id: model.id } }, { headers: { Prefer: "code=404" } });
  } catch (error) {
    if (error instanceof NotFoundError && error instanceof ApiError) forced = String(error.status);
  }
  // @ts-expect-error displayName is required
  void (() => client.createModel({ body: { parentModelId: "x" } }));
  console.log(JSON.stringify({ items: page.items.length, model: model.displayName, created: fetched.displayName, gone, forced }));
} finally {
  await mock.close();
}
`;

/** Code written against the current version that calls the operation the breaking change removes. */
const USES_DATASETS = `import { createCuadraClient } from "@model-apis/cuadra";

export async function link(modelId: string): Promise<void> {
  const client = createCuadraClient({ token: "t" });
  await client.addModelDataset({ path: { model_id: modelId }, body: { datasetId: "ds_1", usageType: "rag" } });
}
`;

const STRICT = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: false,
  types: [],
  lib: ["ES2023", "DOM"],
};

let work: string;
let registry: Registry | undefined;
let repo: { root: string; cleanup: () => void } | undefined;
let publisher: Record<string, string>;

/** A consumer project outside the repository: only the scope line in its .npmrc, then `npm install <specs>`. */
async function consumer(name: string, specs: string[], files: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  writeFileSync(join(dir, ".npmrc"), registry!.npmrc(false));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  await sh("npm", ["install", "--prefer-offline", "--no-package-lock", ...specs], dir);
  return dir;
}

const installed = (dir: string, pkg: string) =>
  (JSON.parse(readFileSync(join(dir, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
const tsc = (dir: string) =>
  sh(process.execPath, [TSC, "-p", "tsconfig.json"], dir).then(
    () => "",
    (e: Error) => e.message,
  );

/** Appends overlay actions to the copy's cuadra overlay. */
function appendOverlay(actions: string): void {
  const file = join(repo!.root, "specs/cuadra/overlay.yaml");
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n${actions}`);
}

/** Regenerates the copy's cuadra vendor, then releases it; returns the release's output. */
async function regenerateAndRelease(): Promise<string> {
  await node(CODEGEN, ["generate", "cuadra"], repo!.root);
  const out = await node(RELEASE, ["version", "--verbose"], repo!.root);
  await sh("npm", ["run", "build", "--silent"], join(repo!.root, "packages/mocks/cuadra"));
  return out;
}

beforeAll(async () => {
  for (const pkg of BUILT) {
    if (!existsSync(join(ROOT, pkg, "dist"))) throw new Error(`${pkg}/dist is missing: build first (npm run build, or npm test which does)`);
  }
  work = mkdtempSync(join(tmpdir(), "model-apis-registry-"));
  repo = miniRepo(["cuadra"]);
  registry = await startRegistry(join(work, "verdaccio"));
  writeFileSync(join(work, "publisher.npmrc"), registry.npmrc(true));
  publisher = { npm_config_userconfig: join(work, "publisher.npmrc") };
}, 120_000);

afterAll(async () => {
  await registry?.close();
  repo?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The versions this test expects, from the committed release state (not literals: releases move them on). */
const V = (() => {
  const client = (JSON.parse(readFileSync(join(ROOT, "specs/cuadra/release/state.json"), "utf8")) as { version: string }).version;
  const [major, minor, patch] = client.split(".").map(Number) as [number, number, number];
  const own = (pkg: string) => (JSON.parse(readFileSync(join(ROOT, "packages", pkg, "package.json"), "utf8")) as { version: string }).version;
  return {
    client,
    patch: `${major}.${minor}.${patch + 1}`,
    // breaking: a minor bump while 0.x
    breaking: major === 0 ? `${major}.${minor + 1}.0` : `${major + 1}.0.0`,
    caret: `^${client}`,
    own: { "spec-model": own("spec-model"), runtime: own("runtime"), "mock-server": own("mock-server") } as Record<string, string>,
  };
})();
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("release through a registry", () => {
  it("publishes every package at its version, and skips what the registry already has", async () => {
    const first = await node(RELEASE, ["publish"], repo!.root, publisher);
    for (const name of ["spec-model", "runtime", "mock-server", "cuadra", "cuadra-mock"])
      expect(first).toMatch(new RegExp(`^@model-apis/${name}@${esc(V.own[name] ?? V.client)} +published to ${registry!.url}`, "m"));
    expect(first).toMatch(/^published 5 of 5 package\(s\)$/m);
    const again = await node(RELEASE, ["publish"], repo!.root, publisher);
    expect(again).toMatch(/^published 0 of 5 package\(s\)$/m);
    // contents that changed without a version bump are refused, not skipped
    const readme = join(repo!.root, "packages/mocks/cuadra/README.md");
    const text = readFileSync(readme, "utf8");
    writeFileSync(readme, `${text}\nEdited.\n`);
    await expect(node(RELEASE, ["publish"], repo!.root, publisher)).rejects.toThrow(
      new RegExp(
        `error: packages/mocks/cuadra/package\\.json:#/version: @model-apis/cuadra-mock@${esc(V.client)} is on http:\\S+ with other contents \\(shasum [0-9a-f]+, here [0-9a-f]+\\): the package changed without a version bump; run npm run release`,
      ),
    );
    writeFileSync(readme, text);
  }, 180_000);

  it("a team installs the client and mock by version; a strict program type-checks and runs against the mock", async () => {
    const dir = await consumer("team-app", [`@model-apis/cuadra@${V.client}`, `@model-apis/cuadra-mock@${V.client}`], {
      "main.ts": PROGRAM,
      "tsconfig.json": JSON.stringify({ compilerOptions: { ...STRICT, outDir: "out" }, files: ["main.ts"] }),
    });
    expect(dir.startsWith(ROOT)).toBe(false);
    expect(installed(dir, "@model-apis/cuadra")).toBe(V.client);
    expect(readdirSync(join(dir, "node_modules/@model-apis")).sort()).toEqual(["cuadra", "cuadra-mock", "mock-server", "runtime", "spec-model"]);
    for (const pkg of ["cuadra", "cuadra-mock", "runtime", "mock-server", "spec-model"])
      expect(existsSync(join(dir, "node_modules/@model-apis", pkg, "CHANGELOG.md")), pkg).toBe(true);
    expect(await tsc(dir)).toBe("");
    const out = await sh(process.execPath, [join(dir, "out", "main.js")], dir);
    expect(JSON.parse(out.trim())).toEqual({ items: 2, model: "Support Bot", created: "From the registry", gone: 404, forced: "404" });
  }, 180_000);

  it("a documentation-only overlay change releases a patch", async () => {
    appendOverlay(`  - target: $.paths['/v1/models'].get
    description: >-
      Registry test: a documentation-only edit of the list operation's description.
    update:
      description: Lists the organization's custom models (edited by the registry test).
`);
    const out = await regenerateAndRelease();
    expect(out).toMatch(new RegExp(`^cuadra +@model-apis/cuadra and @model-apis/cuadra-mock: ${esc(V.client)} -> ${esc(V.patch)} \\(patch; `, "m"));
    const changelog = readFileSync(join(repo!.root, "specs/cuadra/release/CHANGELOG.md"), "utf8");
    const entry = changelog.slice(changelog.indexOf(`## ${V.patch}`), changelog.indexOf(`## ${V.client}`));
    expect(entry.startsWith(`## ${V.patch}\n\nDocumentation and examples only.\n`)).toBe(true);
    expect(entry).toContain("\n- `listModels` (GET /v1/models): description changed: documentation\n");
    expect(
      entry
        .split("\n")
        .filter((l) => l.startsWith("- "))
        .every((l) => l.endsWith(": documentation")),
    ).toBe(true);
    // the overlay is named as a cause (other inputs may have changed since the committed release state too)
    expect(changelog).toMatch(/Caused by: [^\n]*`overlay\.yaml` changed/);
    const published = await node(RELEASE, ["publish"], repo!.root, publisher);
    expect(published).toMatch(new RegExp(`^@model-apis/cuadra@${esc(V.patch)} +published`, "m"));
    expect(published).toMatch(new RegExp(`^@model-apis/runtime@${esc(V.own.runtime!)} +already on`, "m"));
  }, 300_000);

  it("a breaking overlay change (an operation removed) releases a breaking version with a changelog line naming the break", async () => {
    const vendor = join(repo!.root, "specs/cuadra/vendor.yaml");
    writeFileSync(vendor, readFileSync(vendor, "utf8").replace(/^ *addModelDataset: .*\n/m, ""));
    appendOverlay(`  - target: $.paths['/v1/models/{model_id}/datasets']
    description: >-
      Registry test: the dataset link operation is withdrawn (a breaking change).
    remove: true
  - target: $.components.schemas.ModelDatasetLink
    description: >-
      Registry test: its body schema goes with it.
    remove: true
`);
    const out = await regenerateAndRelease();
    expect(out).toMatch(new RegExp(`^cuadra +@model-apis/cuadra and @model-apis/cuadra-mock: ${esc(V.patch)} -> ${esc(V.breaking)} \\(major; `, "m"));
    const changelog = readFileSync(join(repo!.root, "specs/cuadra/release/CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${V.breaking}\n\n**Breaking** (a minor version while 0.x)`);
    expect(changelog).toContain("- Removed `addModelDataset` (POST /v1/models/{model_id}/datasets): breaking");
    expect(changelog).toMatch(/Caused by: [^\n]*`overlay\.yaml` changed; `vendor\.yaml` changed/);
    expect(readFileSync(join(repo!.root, "specs/cuadra/release/cuadra.api.md"), "utf8")).not.toContain("addModelDataset");
    expect(await node(RELEASE, ["publish"], repo!.root, publisher)).toMatch(new RegExp(`^@model-apis/cuadra@${esc(V.breaking)} +published`, "m"));
  }, 300_000);

  it("a consumer on ^<the first version> gets the patch and its code still compiles; @latest gets the break, where it does not", async () => {
    const tsconfig = JSON.stringify({ compilerOptions: { ...STRICT, noEmit: true }, files: ["link.ts"] });
    const pinned = await consumer("team-caret", [`@model-apis/cuadra@${V.caret}`], { "link.ts": USES_DATASETS, "tsconfig.json": tsconfig });
    expect(installed(pinned, "@model-apis/cuadra")).toBe(V.patch);
    expect(await tsc(pinned)).toBe("");
    const latest = await consumer("team-latest", ["@model-apis/cuadra@latest"], { "link.ts": USES_DATASETS, "tsconfig.json": tsconfig });
    expect(installed(latest, "@model-apis/cuadra")).toBe(V.breaking);
    expect(await tsc(latest)).toMatch(/error TS2339: Property 'addModelDataset' does not exist/);
  }, 180_000);
});
