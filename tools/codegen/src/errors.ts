import { isAbsolute, relative } from "node:path";

/**
 * One error type for every bad input the codegen reads. It always names the file and, where known,
 * the place in it (line:col or JSON pointer), and prints as one line.
 */
export class CodegenError extends Error {
  readonly file: string;
  readonly where: string | undefined;

  constructor(file: string, where: string | undefined, message: string, options?: { cause?: unknown }) {
    super(`${displayPath(file)}${where ? `:${where}` : ""}: ${oneLine(message)}`, options);
    this.name = "CodegenError";
    this.file = file;
    this.where = where;
  }
}

/** Paths under the working directory are shown relative to it, others as given. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return isAbsolute(file) && rel && !rel.startsWith("..") ? rel : file;
}

/** Collapses whitespace and newlines and caps the length, so a message stays one readable line. */
export function oneLine(text: string, max = 400): string {
  const flat = text.replace(/[\s\u2028\u2029]+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** JSON pointer (RFC 6901) for a list of keys. */
export function pointer(keys: readonly (string | number)[]): string {
  return "#/" + keys.map((k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}
