import { readFileSync, statSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isScalar, isSeq, visit, type Node } from "yaml";
import { CodegenError } from "./errors.ts";

/** Largest spec file we read. Bigger files are refused before parsing, so memory stays bounded. */
export const MAX_SPEC_BYTES = 32 * 1024 * 1024;
/** Deepest nesting we accept: deeper documents are refused instead of overflowing the stack later. */
export const MAX_DEPTH = 200;
/**
 * Longest string (key or value) we accept, in characters. Real descriptions stay under 100 KB; a longer one would be
 * copied into the normalized spec, both bundled openapi.json files and the types' comments.
 */
export const MAX_STRING = 1_000_000;

export interface LoadedFile {
  file: string;
  text: string;
  data: unknown;
}

/**
 * Reads a YAML or JSON file: one-line errors with file:line:col for syntax, size, depth and binary input
 * (problems of the whole file, such as its size or emptiness, are reported at 1:1).
 */
export function loadFile(file: string): LoadedFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new CodegenError(file, undefined, "file not found");
  }
  if (size > MAX_SPEC_BYTES) {
    throw new CodegenError(file, "1:1", `file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_SPEC_BYTES / 1048576} MB`);
  }
  const buffer = readFileSync(file);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new CodegenError(file, lineCol(buffer.subarray(0, nul).toString("latin1"), nul), "binary data (a NUL byte), not a YAML or JSON document");
  const text = decodeUtf8(file, buffer);
  if (text.trim() === "") throw new CodegenError(file, "1:1", "the file is empty");
  return { file, text, data: parseText(file, text) };
}

/** UTF-8 text, or a one-line error at the first byte that is not UTF-8 (a Latin-1 export, a binary file). */
function decodeUtf8(file: string, buffer: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    const text = buffer.toString("utf8");
    const bad = text.indexOf("\uFFFD");
    throw new CodegenError(file, bad < 0 ? undefined : lineCol(text, bad), "not UTF-8 text (convert the file to UTF-8)");
  }
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `${line}:${offset - before.lastIndexOf("\n")}`;
}

export function parseText(file: string, text: string): unknown {
  if (/\.json$/i.test(file)) return parseJson(file, text.replace(/^\uFEFF/, ""));
  if (/^\s*\{/.test(text)) {
    // JSON fast path: JSON.parse is an order of magnitude faster than a YAML parse on big specs.
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      // fall through to the YAML parser, which reports the line and column
    }
    if (data !== undefined) {
      checkJson(file, text);
      return data;
    }
  }
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    throw tooDeep(file, error);
  }
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    if (/call stack/i.test(error.message)) {
      // where the parser ran out of stack depends on the stack left: name the first bracket past the limit instead
      checkJson(file, text);
      throw new CodegenError(file, `${pos.line}:${pos.col}`, `nesting deeper than ${MAX_DEPTH} levels`);
    }
    const kind = /^\s*[{[]/.test(text) ? "JSON" : "YAML";
    throw new CodegenError(file, `${pos.line}:${pos.col}`, `${kind} syntax error: ${error.message.split("\n")[0]}`);
  }
  checkYaml(file, doc.contents, lineCounter);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses alias chains that expand exponentially ("billion laughs"); shown at the first alias
    let alias: Node | undefined;
    visit(doc, { Alias: (_, node) => ((alias = node), visit.BREAK) });
    const pos = alias?.range ? lineCounter.linePos(alias.range[0]) : undefined;
    throw new CodegenError(file, pos && `${pos.line}:${pos.col}`, `YAML aliases expand too much (${(error as Error).message})`);
  }
}

/** A .json file is JSON: no YAML leniency (trailing commas, comments); errors carry line:col. */
function parseJson(file: string, text: string): unknown {
  checkJson(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const where = lineCol(text, at ? Number(at[1]) : text.length);
    throw new CodegenError(file, where, `JSON syntax error: ${message.replace(/ in JSON at position \d+.*$/, "")}`);
  }
  return data;
}

function tooDeep(file: string, error: unknown): Error {
  if (error instanceof RangeError) return new CodegenError(file, undefined, `nesting deeper than ${MAX_DEPTH} levels`);
  return error as Error;
}

/** Depth and string-length guard over the YAML syntax tree, reported at the node. */
function checkYaml(file: string, root: unknown, lineCounter: LineCounter): void {
  const at = (node: unknown) => {
    const range = (node as Node).range;
    const pos = range ? lineCounter.linePos(range[0]) : undefined;
    return pos && `${pos.line}:${pos.col}`;
  };
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) throw new CodegenError(file, at(node), `nesting deeper than ${MAX_DEPTH} levels`);
    if (isScalar(node) && typeof node.value === "string" && node.value.length > MAX_STRING) throw tooLong(file, at(node), node.value.length);
    if (isMap(node)) for (const pair of node.items) stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
    else if (isSeq(node)) for (const item of node.items) stack.push([item, depth + 1]);
  }
}

/** The same guards for JSON text: one pass over brackets and strings, reported at the first offender. */
function checkJson(file: string, text: string): void {
  let depth = 0;
  let stringStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (stringStart >= 0) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) {
        if (i - stringStart > MAX_STRING) throw tooLong(file, lineCol(text, stringStart), i - stringStart);
        stringStart = -1;
      }
    } else if (c === 0x22) stringStart = i;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH + 1) throw new CodegenError(file, lineCol(text, i), `nesting deeper than ${MAX_DEPTH} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

function tooLong(file: string, where: string | undefined, length: number): CodegenError {
  return new CodegenError(file, where, `a string of ${(length / 1e6).toFixed(1)} million characters; the limit is ${MAX_STRING / 1e6} million`);
}

/** Line:col of a JSON pointer inside a YAML/JSON text, for error messages; undefined when it can't be found. */
export function locatePointer(text: string, keys: readonly (string | number)[]): string | undefined {
  return pointerLocator(text)(keys);
}

/** locatePointer for any number of pointers into one text, which is parsed once (the tests check many). */
export function pointerLocator(text: string): (keys: readonly (string | number)[]) => string | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return (keys) => {
    let node: unknown = doc.contents;
    let found: Node | undefined;
    for (const key of keys) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(key));
        if (!pair) break;
        found = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(key)];
        if (!item) break;
        found = item as Node;
        node = item;
      } else break;
    }
    if (!found?.range) return undefined;
    const pos = lineCounter.linePos(found.range[0]);
    return `${pos.line}:${pos.col}`;
  };
}
