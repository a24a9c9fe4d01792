/** JSON Pointers (RFC 6901): the one place that escapes, parses, reads and writes them. */

/** `~` → `~0`, `/` → `~1`: one reference token. */
export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Tokens → pointer: `["paths", "/v1/models"]` → `/paths/~1v1~1models`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(t)}`).join("");
}

/** Tokens → URI fragment: `#/components/schemas/Model`. */
export function toRef(tokens: readonly (string | number)[]): string {
  return `#${toPointer(tokens)}`;
}

/** Pointer (with or without a leading `#`) → tokens. Throws on text that is not a pointer. */
export function parsePointer(pointer: string): string[] {
  const body = pointer.startsWith("#") ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === "") return [];
  if (!body.startsWith("/")) throw new SyntaxError(`"${pointer}" is not a JSON pointer (it must start with "/")`);
  return body.slice(1).split("/").map(unescapeToken);
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** The value at `pointer` in `root`, or undefined. Only own properties are followed (never the prototype). */
export function getAt(root: unknown, pointer: string | readonly string[]): unknown {
  const tokens = typeof pointer === "string" ? parsePointer(pointer) : pointer;
  let node: unknown = root;
  for (const token of tokens) {
    if (!isContainer(node) || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/** Pointer → tokens, or undefined when it is not one (no leading `/`, or a `~` not followed by 0 or 1). */
export function tryParsePointer(text: string): string[] | undefined {
  if (text === "") return [];
  if (!text.startsWith("/") || /~[^01]|~$/.test(text)) return undefined;
  return text.slice(1).split("/").map(unescapeToken);
}

/** Sets the value at `pointer`, creating objects on the way; own data properties only (so `__proto__` is data). */
export function setAt(root: Record<string, unknown>, pointer: string | readonly string[], value: unknown): void {
  const tokens = typeof pointer === "string" ? parsePointer(pointer) : pointer;
  if (tokens.length === 0) throw new RangeError("setAt: the empty pointer names the root itself");
  let node: Record<string, unknown> = root;
  for (const token of tokens.slice(0, -1)) {
    let next = Object.hasOwn(node, token) ? node[token] : undefined;
    if (!isContainer(next)) {
      next = {};
      defineOwn(node, token, next);
    }
    node = next as Record<string, unknown>;
  }
  defineOwn(node, tokens[tokens.length - 1]!, value);
}

/** obj[key] = value as an own data property, also when key is "__proto__" (which assignment would not store). */
export function defineOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}
