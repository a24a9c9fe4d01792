/**
 * 5b. Bundle size (minified + gzip) of what an app ships for one generated client: an entry that imports
 * createCuadraClient, bundled with esbuild (ESM, browser platform, code splitting) from the TypeScript sources
 * of the client and @model-apis/runtime plus openapi-fetch; against openapi-fetch alone.
 *
 * Code splitting keeps dynamic imports in chunks of their own: the runtime's response validation (and ajv), its
 * logging middleware and its pagination, each loaded on first use. The default bundle is the entry chunk plus
 * every chunk it imports statically; ajv must not be in it. The notes list the runtime's lazy chunks.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { ROOT } from "./paths.ts";
import type { Row, SectionOptions, SectionResult } from "./row.ts";

const CLIENT_SRC = join(ROOT, "packages", "clients", "cuadra", "src", "index.ts");
const RUNTIME_SRC = join(ROOT, "packages", "runtime", "src", "index.ts");
const TARGET_BYTES = 8_000;

interface Measured {
  /** Default (eagerly loaded) bundle. */
  minBytes: number;
  gzipBytes: number;
  /** Lazily loaded chunks (dynamic imports). */
  lazyMinBytes: number;
  lazyGzipBytes: number;
  /** Packages (node_modules/<name>) that ended up in the default bundle / in lazy chunks. */
  eagerPackages: string[];
  lazyPackages: string[];
  /** Lazy chunks made of runtime modules only: their modules and gzip size. */
  runtimeChunks: { modules: string[]; gzipBytes: number }[];
}

function packagesOf(meta: Metafile["outputs"][string]): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const local = /^packages\/(?:clients\/|mocks\/)?[^/]+/.exec(input);
    names.add(match ? match[1]! : local ? local[0] : input);
  }
  return [...names].sort();
}

async function bundle(name: string, source: string): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), "model-apis-bundle-"));
  try {
    const entry = join(dir, `${name}.ts`);
    writeFileSync(entry, source);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      splitting: true,
      outdir: join(dir, "out"),
      write: false,
      metafile: true,
      logLevel: "silent",
      absWorkingDir: ROOT,
      alias: { "@model-apis/runtime": RUNTIME_SRC },
      // The entry lives in a temp folder: bare imports in it resolve from the repository's node_modules.
      nodePaths: [join(ROOT, "node_modules")],
    });
    const outputs = result.metafile.outputs;
    const key = (path: string) => relative(ROOT, path);
    const entryOut = Object.keys(outputs).find((k) => outputs[k]!.entryPoint !== undefined);
    if (!entryOut) throw new Error("esbuild produced no entry chunk");
    // The default bundle: the entry and its static imports, transitively.
    const eager = new Set<string>();
    const visit = (out: string) => {
      if (eager.has(out)) return;
      eager.add(out);
      for (const imp of outputs[out]?.imports ?? []) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
    };
    visit(entryOut);
    const sizes = { eagerMin: 0, eagerGz: 0, lazyMin: 0, lazyGz: 0 };
    const eagerPackages = new Set<string>();
    const lazyPackages = new Set<string>();
    const runtimeChunks: Measured["runtimeChunks"] = [];
    for (const file of result.outputFiles) {
      const out = key(file.path);
      if (!(out in outputs) || out.endsWith(".map")) continue;
      const gz = gzipSync(file.contents, { level: 9 }).length;
      const isEager = eager.has(out);
      if (isEager) {
        sizes.eagerMin += file.contents.length;
        sizes.eagerGz += gz;
      } else {
        sizes.lazyMin += file.contents.length;
        sizes.lazyGz += gz;
      }
      for (const p of packagesOf(outputs[out]!)) (isEager ? eagerPackages : lazyPackages).add(p);
      const modules = Object.keys(outputs[out]!.inputs);
      if (!isEager && modules.length && modules.every((m) => m.startsWith("packages/runtime/src/"))) {
        runtimeChunks.push({ modules: modules.map((m) => m.slice("packages/runtime/src/".length)).sort(), gzipBytes: gz });
      }
    }
    return {
      minBytes: sizes.eagerMin,
      gzipBytes: sizes.eagerGz,
      lazyMinBytes: sizes.lazyMin,
      lazyGzipBytes: sizes.lazyGz,
      eagerPackages: [...eagerPackages].filter((p) => !p.startsWith("/") && !p.includes("model-apis-bundle-")).sort(),
      lazyPackages: [...lazyPackages].sort(),
      runtimeChunks: runtimeChunks.sort((a, b) => a.modules[0]!.localeCompare(b.modules[0]!)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;

export async function bundleSection(_options: SectionOptions): Promise<SectionResult> {
  // The sizes are deterministic: one build each, whatever --runs says.
  const ours = await bundle("client", `export { createCuadraClient } from ${JSON.stringify(CLIENT_SRC)};\n`);
  const base = await bundle("openapi-fetch", `export { default as createClient } from "openapi-fetch";\n`);
  const ajvEager = ours.eagerPackages.filter((p) => p === "ajv" || p.startsWith("ajv-") || p === "ajv-formats");
  const rows: Row[] = [
    {
      case: "bundle · cuadra client + runtime + openapi-fetch (min+gzip)",
      ours: `${kb(ours.gzipBytes)} (min ${kb(ours.minBytes)})`,
      baseline: `${kb(base.gzipBytes)} (min ${kb(base.minBytes)}), openapi-fetch alone`,
      ratio: ours.gzipBytes / base.gzipBytes,
      target: "≤ 8 kB",
      met: ours.gzipBytes <= TARGET_BYTES,
      why: `the client and runtime add ${kb(ours.gzipBytes - base.gzipBytes)} gz to openapi-fetch's ${kb(base.gzipBytes)}`,
    },
    {
      case: "bundle · ajv kept out of the default bundle",
      ours: ajvEager.length
        ? `in the default bundle: ${ajvEager.join(", ")}`
        : `absent; lazy chunks ${kb(ours.lazyGzipBytes)} gz (${ours.lazyPackages.filter((p) => !p.startsWith("packages/")).join(", ") || "none"})`,
      baseline: "—",
      target: "absent",
      met: ajvEager.length === 0,
      why: "a static import of ajv reached the entry chunk",
    },
  ];
  return {
    rows,
    notes: [
      `bundle: esbuild ${(await import("esbuild")).version}, ESM, browser platform, minify, splitting; gzip level 9; kB = 1000 bytes. ` +
        `Default bundle contents: ${ours.eagerPackages.join(", ")}. ` +
        `Runtime modules loaded on first use, outside it: ${ours.runtimeChunks.map((c) => `${c.modules.join(" + ")} ${kb(c.gzipBytes)} gz`).join(", ") || "none"}.`,
    ],
  };
}
