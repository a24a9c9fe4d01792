import { createRequire } from "node:module";
import type { OpenApiDoc } from "../openapi.ts";

let noRules: Promise<unknown> | undefined;

/**
 * src/schema.ts: openapi-typescript's `paths`, `operations` and `components`, from the parsed document.
 * openapi-typescript (and the TypeScript compiler it loads, ~1.5 s) is imported on first use only.
 */
export async function emitTypes(doc: OpenApiDoc, header: string): Promise<string> {
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  // openapi-typescript lints again with its own @redocly/openapi-core (1.x). The document was linted with the
  // house style (a superset) just before, so it gets a config without rules, made by that same redocly version.
  const ownRedocly = createRequire(createRequire(import.meta.url).resolve("openapi-typescript"))("@redocly/openapi-core") as {
    createConfig: (config: object, options?: object) => Promise<unknown>;
  };
  const redocly = await (noRules ??= ownRedocly.createConfig({ rules: {} }, { extends: [] }));
  const ast = await withoutErrorEcho(() => openapiTS(structuredClone(doc) as never, { alphabetize: false, silent: true, defaultNonNullable: false, emptyObjectsUnknown: true, redocly: redocly as never }));
  return `// ${header}\n${astToString(ast)}`;
}

/**
 * openapi-typescript prints each error (" ✘  message") before it throws the same message; the caller reports the
 * thrown error as one line, so the echo is held back, and printed only if the call succeeds after all.
 */
async function withoutErrorEcho<T>(run: () => Promise<T>): Promise<T> {
  const original = console.error;
  const held: unknown[][] = [];
  console.error = (...args: unknown[]) => (String(args[0]).includes("\u2718") ? void held.push(args) : original(...args));
  try {
    const result = await run();
    for (const args of held) original(...args);
    return result;
  } finally {
    console.error = original;
  }
}
