import { createRequire } from "node:module";

/**
 * Loads a package with require(), not import(). The tools run under tsx, whose loader hooks run in their own thread:
 * every module that import() loads costs a round trip to that thread, and an ES module package of hundreds of files
 * (@redocly/openapi-core 2) takes three times as long as through require() (Node 20.19 requires ES modules that have
 * no top-level await). A package with a CommonJS build (openapi-typescript) is also spared Node's export scan of the
 * TypeScript compiler it imports. Measured on this machine: redocly 0.3 s instead of 0.8-1.0 s, openapi-typescript
 * 0.5 s instead of 1.3-1.5 s.
 */
export const requirePackage = createRequire(import.meta.url);
