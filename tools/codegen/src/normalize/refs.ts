import { isObject, unescapeToken } from "../openapi.ts";
import { toRef } from "../spec-model.ts";

/**
 * $ref checks that run before any library resolves references. Specs are untrusted: an external `$ref`
 * (`/etc/passwd`, `https://...`) would make the resolvers read local files or the network and copy what they
 * find into generated packages, and a `$ref` chain that returns to itself makes them throw or loop.
 */

/** Where a node sits: a linked list of keys, so walking a big document copies no arrays. */
interface Path {
  key: string;
  parent: Path | undefined;
}

function keysOf(path: Path | undefined): string[] {
  const keys: string[] = [];
  for (let p = path; p; p = p.parent) keys.push(p.key);
  return keys.reverse();
}

/** Every object in the document (depth-first, document order) with where it sits. */
function* objects(root: unknown): Generator<[Record<string, unknown>, Path | undefined]> {
  const stack: [unknown, Path | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) if (typeof node[i] === "object" && node[i] !== null) stack.push([node[i], { key: String(i), parent: path }]);
    } else if (isObject(node)) {
      yield [node, path];
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const value = node[keys[i]!];
        if (typeof value === "object" && value !== null) stack.push([value, { key: keys[i]!, parent: path }]);
      }
    }
  }
}

/** Keys of the first `$ref` that does not point inside the document, or undefined. */
export function findExternalRef(root: unknown): { keys: string[]; ref: string } | undefined {
  for (const [node, path] of objects(root)) {
    const ref = node.$ref;
    if (ref !== undefined && (typeof ref !== "string" || !ref.startsWith("#"))) return { keys: [...keysOf(path), "$ref"], ref: String(ref) };
  }
  return undefined;
}

/** A chain of `$ref`s that returns to where it started without reaching content (A -> B -> A, or A -> A). */
export function findRefCycle(doc: unknown): { pointer: string; keys: string[]; message: string } | undefined {
  const settled = new Set<string>();
  for (const [node, path] of objects(doc)) {
    if (typeof node.$ref !== "string") continue;
    const keys = keysOf(path);
    const start = toPointer(keys);
    const chain = [start];
    let ref: unknown = node.$ref;
    while (typeof ref === "string" && ref.startsWith("#") && !settled.has(ref)) {
      if (chain.includes(ref)) {
        return { pointer: start, keys, message: `$ref cycle ${[...chain.slice(chain.indexOf(ref)), ref].map(short).join(" -> ")}` };
      }
      chain.push(ref);
      const target = resolvePointer(doc, ref);
      ref = isObject(target) ? target.$ref : undefined;
    }
    for (const p of chain) settled.add(p);
  }
  return undefined;
}

/** JSON pointer of the first local `$ref` (document order) that names nothing in the document, or undefined. */
export function findUnresolvedRef(doc: unknown): string | undefined {
  for (const [node, path] of objects(doc)) {
    if (typeof node.$ref === "string" && node.$ref.startsWith("#") && resolvePointer(doc, node.$ref) === undefined) return toPointer(keysOf(path));
  }
  return undefined;
}

/** The value a local JSON pointer (`#/a/b~1c`) names, following own properties only. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  let node = doc;
  for (const key of ref
    .replace(/^#\/?/, "")
    .split("/")
    .filter((k, _i, all) => k !== "" || all.length > 1)) {
    const k = unescapeToken(safeDecode(key));
    if (!(typeof node === "object" && node !== null && Object.hasOwn(node, k))) return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function toPointer(keys: string[]): string {
  return toRef(keys);
}

function short(pointer: string): string {
  return pointer.replace(/^#\/components\/schemas\//, "");
}
