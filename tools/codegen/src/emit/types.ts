import { createRequire } from "node:module";
import { pointer } from "../errors.ts";
import { isObject, operations, type OpenApiDoc } from "../openapi.ts";

let noRules: Promise<unknown> | undefined;

/**
 * src/schema.ts: openapi-typescript's `paths`, `operations` and `components`, from the parsed document.
 * openapi-typescript (and the TypeScript compiler it loads, ~1.5 s) is imported on first use only.
 */
export async function emitTypes(doc: OpenApiDoc, header: string): Promise<string> {
  const crashing = findKey(doc, (key, value) => CRASHING_KEYS.has(key) || (key === "constructor" && isObject(value) && "name" in value));
  if (crashing) throw untypeable(crashing, "openapi-typescript's resolver (redocly 1.x) crashes on keys named like Object.prototype methods");
  // operationIds go through a JSON pointer and back, so "#" and "%XX" change and operations["<id>"] would not exist
  const op = operations(doc).find(({ op }) => /[#%]/.test(String(op.operationId)));
  if (op) throw untypeable(["paths", op.path, op.method, "operationId"], 'openapi-typescript rewrites "#" and "%" in operationIds', `operationId "${op.op.operationId}"`);
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  // openapi-typescript lints again with its own @redocly/openapi-core (1.x). The document was linted with the
  // house style (a superset) just before, so it gets a config without rules, made by that same redocly version.
  const ownRedocly = createRequire(createRequire(import.meta.url).resolve("openapi-typescript"))("@redocly/openapi-core") as {
    createConfig: (config: object, options?: object) => Promise<unknown>;
  };
  const redocly = await (noRules ??= ownRedocly.createConfig({ rules: {} }, { extends: [] }));
  try {
    const ast = await withoutErrorEcho(() => openapiTS(structuredClone(doc) as never, { alphabetize: false, silent: true, defaultNonNullable: false, emptyObjectsUnknown: true, redocly: redocly as never }));
    return `// ${header}\n${astToString(ast)}`;
  } catch (error) {
    // it also URI-decodes the pointers it builds from keys, and throws on a "%" that starts no %XX escape of UTF-8
    const percent = error instanceof URIError ? findKey(doc, (key) => !uriDecodable(key)) : undefined;
    if (percent) throw untypeable(percent, 'openapi-typescript URI-decodes keys, and this "%" does not start a %XX escape of UTF-8', undefined, error);
    throw error;
  }
}

/** False when decodeURIComponent throws on the text: a "%" that does not start a %XX escape of UTF-8. */
export function uriDecodable(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** The error for input openapi-typescript cannot type; it carries the JSON pointer for the one-line report. */
function untypeable(keys: string[], why: string, what = `key "${keys.at(-1)}"`, cause?: unknown): Error {
  const at = pointer(keys);
  return Object.assign(new Error(`${what} at ${at} cannot be typed: ${why}; rename or remove it in the overlay`, { cause }), { pointer: at });
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

/**
 * openapi-typescript's own redocly (1.x) looks every key of the document up on plain objects (`type.properties[key]`),
 * so a key named like an Object.prototype method makes it call that method and crash with a TypeError (from a
 * promise nobody awaits), and so does `constructor` holding an object with a `name`.
 */
const CRASHING_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype).filter((k) => !["__proto__", "toString", "constructor"].includes(k)));

/** Keys leading to the first object key (not array index) for which `match` holds, or undefined. */
function findKey(doc: unknown, match: (key: string, value: unknown) => boolean): string[] | undefined {
  type Path = { key: string; parent: Path | undefined } | undefined;
  const stack: [unknown, Path][] = [[doc, undefined]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    for (const [key, value] of Object.entries(node as object)) {
      if (!Array.isArray(node) && match(key, value)) {
        const keys = [key];
        for (let p = path; p; p = p.parent) keys.unshift(p.key);
        return keys;
      }
      if (typeof value === "object" && value !== null) stack.push([value, { key, parent: path }]);
    }
  }
  return undefined;
}
