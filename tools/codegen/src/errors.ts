import { isAbsolute, relative } from "node:path";
import { toRef } from "./spec-model.ts";

/**
 * One error type for every bad input the codegen reads. It always names the file and, where known,
 * the place in it (line:col or JSON pointer), and prints as one line.
 */
export class CodegenError extends Error {
  readonly file: string;
  readonly where: string | undefined;

  constructor(file: string, where: string | undefined, message: string, options?: { cause?: unknown }) {
    super(oneLine(`${displayPath(file)}${where ? `:${oneLine(where, 160)}` : ""}: ${oneLine(message)}`, 640), options);
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
  const flat = text
    .replace(/[\s\u2028\u2029]+/g, " ")
    // control characters from spec text (terminal escape sequences) are shown, not sent to the terminal
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** JSON pointer (RFC 6901) for a list of keys, as a URI fragment (`#/` for none). */
export function pointer(keys: readonly (string | number)[]): string {
  return keys.length ? toRef(keys) : "#/";
}

/**
 * An error some library threw on a spec that passed our checks, as a one-line CodegenError naming the spec (and
 * the JSON pointer when the library gave one); the original stays as `cause` for --verbose.
 */
export function asCodegenError(error: unknown, file: string, what: string): CodegenError {
  if (error instanceof CodegenError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // an error may carry its JSON pointer (which can hold spaces); else the first pointer in the message
  const own = (error as { pointer?: unknown } | undefined)?.pointer;
  const at = typeof own === "string" ? own : /(#\/[^\s,;)]*)/.exec(message)?.[1];
  return new CodegenError(file, at, `${what}: ${message}`, { cause: error });
}
