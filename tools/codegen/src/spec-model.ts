/**
 * The shared spec model (packages/spec-model), read from its TypeScript sources: the tools run from source with
 * tsx and have no build step, so they import the sources rather than the package's built dist/.
 */
export * from "../../../packages/spec-model/src/index.ts";
