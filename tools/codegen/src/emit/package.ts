import type { VendorConfig } from "../vendor-config.ts";
import { GENERATOR, GENERATOR_VERSION, jsonWithHeader, type SpecIdentity } from "./header.ts";

const RUNTIME_RANGE = "0.1.0";
const MOCK_SERVER_RANGE = "0.1.0";
const OPENAPI_FETCH_RANGE = "0.17.0";

/** typecheck under strict, build to dist/ with .d.ts, and test = publint + arethetypeswrong on the built package. */
const scripts = {
  build: "tsc -p tsconfig.json",
  typecheck: "tsc -p tsconfig.json --noEmit",
  test: "publint --strict && attw --pack . --profile esm-only --format table-flipped",
};
const exportsMap = { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./openapi.json": "./openapi.json", "./package.json": "./package.json" };

export function clientPackageJson(config: VendorConfig, spec: SpecIdentity): string {
  return jsonWithHeader(spec, {
    name: config.package,
    version: "0.1.0",
    description: `Typed client for the ${config.title} (generated from specs/${config.slug}/openapi.yaml)`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    exports: exportsMap,
    types: "./dist/index.d.ts",
    files: ["dist", "src", "openapi.json", "stats.json", "README.md"],
    scripts,
    dependencies: { "@model-apis/runtime": RUNTIME_RANGE, "openapi-fetch": OPENAPI_FETCH_RANGE },
  });
}

export function mockPackageJson(config: VendorConfig, spec: SpecIdentity): string {
  return jsonWithHeader(spec, {
    name: `${config.package}-mock`,
    version: "0.1.0",
    description: `Prism mock server for the ${config.title} (generated from specs/${config.slug}/openapi.yaml)`,
    license: "MIT",
    type: "module",
    exports: exportsMap,
    types: "./dist/index.d.ts",
    bin: { [`${config.slug}-mock`]: "./dist/bin.js" },
    files: ["dist", "src", "openapi.json", "stats.json", "README.md"],
    scripts,
    dependencies: { "@model-apis/mock-server": MOCK_SERVER_RANGE },
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

export function statsJson(spec: SpecIdentity, operations: number, schemas: number): string {
  return jsonWithHeader(spec, {
    generator: GENERATOR,
    generatorVersion: GENERATOR_VERSION,
    spec: spec.specPath,
    specSha256: spec.sha256,
    operations,
    schemas,
  });
}
