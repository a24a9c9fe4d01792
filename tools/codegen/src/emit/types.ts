import type { OpenApiDoc } from "../openapi.ts";
import { typesAst } from "./types-ast.ts";

/**
 * src/schema.ts: openapi-typescript's `paths`, `operations` and `components`, from the parsed document.
 * openapi-typescript (and the TypeScript compiler it loads, ~1.5 s) is imported on first use only.
 */
export async function emitTypes(doc: OpenApiDoc, header: string): Promise<string> {
  const ots = await import("openapi-typescript");
  const ast = typesAst(ots, structuredClone(doc));
  return `// ${header}\n${ots.astToString(ast)}`;
}
