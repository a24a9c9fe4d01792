import { type ReleaseState, UNRELEASED } from "../release-state.ts";
import type { VendorConfig } from "../vendor-config.ts";
import { GENERATOR, GENERATOR_VERSION, jsonWithHeader, type SpecIdentity } from "./header.ts";

const OPENAPI_FETCH_RANGE = "0.17.0";

/** What the packages' versions and internal ranges are: the vendor's release state, or 0.0.0 and `*` before its first release. */
export interface PackageRelease {
  version: string;
  released: boolean;
  dependencies: ReleaseState["dependencies"];
  /** The upstream retrievals the version was built from (vendor.yaml's, before the first release). */
  upstream: { url: string; retrieved: string }[];
}

export function packageRelease(config: VendorConfig, state: ReleaseState | undefined): PackageRelease {
  if (!state)
    return {
      version: UNRELEASED.version,
      released: false,
      dependencies: { ...UNRELEASED.dependencies },
      upstream: config.upstream.map((u) => ({ url: u.url, retrieved: u.retrieved })),
    };
  return {
    version: state.version,
    released: true,
    dependencies: state.dependencies,
    upstream: state.upstream.map((u) => ({ url: u.url, retrieved: u.retrieved })),
  };
}

/** typecheck under strict, build to dist/ with .d.ts, and test = publint + arethetypeswrong on the built package. */
const scripts = {
  build: "tsc -p tsconfig.json",
  typecheck: "tsc -p tsconfig.json --noEmit",
  test: "publint --strict && attw --pack . --profile esm-only --format table-flipped",
};
const exportsMap = { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./openapi.json": "./openapi.json", "./package.json": "./package.json" };

export function clientPackageJson(config: VendorConfig, spec: SpecIdentity, release: PackageRelease): string {
  return jsonWithHeader(spec, {
    name: config.package,
    version: release.version,
    description: `Typed client for the ${config.title} (generated from specs/${config.slug}/openapi.yaml)`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    exports: exportsMap,
    types: "./dist/index.d.ts",
    files: packageFiles(release),
    scripts,
    dependencies: { "@model-apis/runtime": release.dependencies["@model-apis/runtime"], "openapi-fetch": OPENAPI_FETCH_RANGE },
  });
}

export function mockPackageJson(config: VendorConfig, spec: SpecIdentity, release: PackageRelease): string {
  return jsonWithHeader(spec, {
    name: `${config.package}-mock`,
    version: release.version,
    description: `Prism mock server for the ${config.title} (generated from specs/${config.slug}/openapi.yaml)`,
    license: "MIT",
    type: "module",
    exports: exportsMap,
    types: "./dist/index.d.ts",
    // bin.js is plain JavaScript committed with its run bit, so npm links it at `npm ci`, before any build
    bin: { [`${config.slug}-mock`]: "./bin.js" },
    files: [...packageFiles(release), "bin.js"],
    scripts,
    dependencies: { "@model-apis/mock-server": release.dependencies["@model-apis/mock-server"] },
  });
}

/** tsconfig.json is JSONC, so its header is a real comment. Self-contained: packages build outside the repo too. */
export function packageTsconfig(header: string, nodeTypes: boolean): string {
  const config = {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023", "DOM"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      declaration: true,
      sourceMap: true,
      skipLibCheck: true,
      verbatimModuleSyntax: true,
      rootDir: "src",
      outDir: "dist",
      types: nodeTypes ? ["node"] : [],
    },
    include: ["src"],
  };
  return `// ${header}\n${JSON.stringify(config, null, 2)}\n`;
}

function packageFiles(release: PackageRelease): string[] {
  return ["dist", "src", "openapi.json", "stats.json", "README.md", ...(release.released ? ["CHANGELOG.md"] : [])];
}

/** stats.json: the package version, the vendor's API version (info.version), and the spec and upstream retrievals it was built from. */
export function statsJson(spec: SpecIdentity, operations: number, schemas: number, release: PackageRelease, apiVersion: string): string {
  return jsonWithHeader(spec, {
    generator: GENERATOR,
    generatorVersion: GENERATOR_VERSION,
    version: release.version,
    apiVersion,
    spec: spec.specPath,
    specSha256: spec.sha256,
    upstream: release.upstream,
    operations,
    schemas,
  });
}

/** CHANGELOG.md of both packages: the vendor's release/CHANGELOG.md under the generated-file header. */
export function packageChangelog(header: string, changelog: string): string {
  return `<!-- ${header} -->\n${changelog}`;
}
