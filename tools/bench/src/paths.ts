import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
export const CACHE = join(ROOT, ".cache", "bench");
export const CODEGEN_BIN = join(ROOT, "tools", "codegen", "bin", "model-apis-codegen.js");
export const OPENAPI_TS_BIN = join(ROOT, "node_modules", "openapi-typescript", "bin", "cli.js");
export const TURBO_BIN = join(ROOT, "node_modules", ".bin", "turbo");
