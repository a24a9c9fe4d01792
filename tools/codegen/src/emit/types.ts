import { pointer } from "../errors.ts";
import { operations, type OpenApiDoc } from "../openapi.ts";
import { loadOpenapiTypescript } from "../require-package.ts";
import { typesAst } from "./types-ast.ts";

/**
 * src/schema.ts: openapi-typescript's `paths`, `operations` and `components`, from the parsed document.
 * openapi-typescript (and the TypeScript compiler it loads) is loaded on first use only (see require-package.ts).
 */
export async function emitTypes(doc: OpenApiDoc, header: string): Promise<string> {
  // operationIds go through a JSON pointer and back, so "#" and "%XX" change and operations["<id>"] would not exist
  const op = operations(doc).find(({ op }) => /[#%]/.test(String(op.operationId)));
  if (op)
    throw untypeable(
      ["paths", op.path, op.method, "operationId"],
      'openapi-typescript rewrites "#" and "%" in operationIds',
      `operationId "${op.op.operationId}"`,
    );
  const ots = loadOpenapiTypescript();
  try {
    const ast = typesAst(ots, structuredClone(doc));
    return `// ${header}\n${ots.astToString(ast)}`;
  } catch (error) {
    // it URI-decodes the pointers it builds from keys, and throws on a "%" that starts no %XX escape of UTF-8
    // (keys, and parameter names, which become keys)
    const percent =
      error instanceof URIError
        ? findKey(doc, (key, value, node) => !uriDecodable(key) || (key === "name" && "in" in node && typeof value === "string" && !uriDecodable(value)))
        : undefined;
    if (percent)
      throw untypeable(
        percent,
        'openapi-typescript URI-decodes keys and parameter names, and this "%" does not start a %XX escape of UTF-8',
        `key "${percent.at(-1)}"`,
        error,
      );
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
function untypeable(keys: string[], why: string, what: string, cause?: unknown): Error {
  const at = pointer(keys);
  return Object.assign(new Error(`${what} at ${at} cannot be typed: ${why}; rename or remove it in the overlay`, { cause }), { pointer: at });
}

/** Keys leading to the first object key (not array index) for which `match(key, value, its object)` holds, or undefined. */
function findKey(doc: unknown, match: (key: string, value: unknown, node: object) => boolean): string[] | undefined {
  type Path = { key: string; parent: Path | undefined } | undefined;
  const stack: [unknown, Path][] = [[doc, undefined]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    for (const [key, value] of Object.entries(node as object)) {
      if (!Array.isArray(node) && match(key, value, node as object)) {
        const keys = [key];
        for (let p = path; p; p = p.parent) keys.unshift(p.key);
        return keys;
      }
      if (typeof value === "object" && value !== null) stack.push([value, { key, parent: path }]);
    }
  }
  return undefined;
}
