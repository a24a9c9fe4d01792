import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDoc } from "../openapi.ts";

/** src/schema.ts: openapi-typescript's `paths`, `operations` and `components`, from the parsed document. */
export async function emitTypes(doc: OpenApiDoc, header: string): Promise<string> {
  const ast = await openapiTS(structuredClone(doc) as never, { alphabetize: false, silent: true });
  return `// ${header}\n${astToString(ast)}`;
}
