import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Loads a package with require(), not import(). The tools run under tsx, whose loader hooks run in their own thread:
 * every module that import() loads costs a round trip to that thread, and an ES module package of hundreds of files
 * (@redocly/openapi-core 2) takes three times as long as through require() (Node 20.19 requires ES modules that have
 * no top-level await). A package with a CommonJS build (openapi-typescript) is also spared Node's export scan of the
 * TypeScript compiler it imports. Measured on this machine: redocly 0.3 s instead of 0.8-1.0 s, openapi-typescript
 * 0.5 s instead of 1.3-1.5 s.
 */
export const requirePackage = createRequire(import.meta.url);

/** What emit/types.ts and emit/types-ast.ts use of openapi-typescript. */
export type OpenapiTypescriptCore = Pick<typeof import("openapi-typescript"), "transformSchema" | "astToString" | "scanDiscriminators" | "resolveRef">;

/**
 * Those parts of openapi-typescript (pinned: 7.13.0), from the modules of its CommonJS build: its index also loads
 * @redocly/openapi-core 1 for the validate-and-bundle step that types-ast.ts skips, which took 0.3 s of the 0.5 s.
 */
export function loadOpenapiTypescript(): OpenapiTypescriptCore {
  const dist = dirname(requirePackage.resolve("openapi-typescript"));
  const utils = requirePackage(join(dist, "lib", "utils.cjs")) as OpenapiTypescriptCore;
  return {
    transformSchema: requirePackage(join(dist, "transform", "index.cjs")) as OpenapiTypescriptCore["transformSchema"],
    astToString: (requirePackage(join(dist, "lib", "ts.cjs")) as OpenapiTypescriptCore).astToString,
    scanDiscriminators: utils.scanDiscriminators,
    resolveRef: utils.resolveRef,
  };
}
