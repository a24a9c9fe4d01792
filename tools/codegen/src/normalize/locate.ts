import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

/**
 * Line:col of many JSON pointers (as key lists) in one YAML or JSON text, with one pass over it: for each, the place of
 * its deepest key that exists (as load.ts's locatePointer gives it for one pointer), or undefined when not even the
 * first key does. A JSON text (a 13 MB spec) is scanned without building a syntax tree.
 */
export function locatePointers(text: string, targets: readonly (readonly string[])[]): (string | undefined)[] {
  if (targets.length === 0) return [];
  const wanted = new Set<string>();
  for (const keys of targets) for (let i = 1; i <= keys.length; i++) wanted.add(joined(keys.slice(0, i)));
  const found = /^\uFEFF?\s*[{[]/.test(text) ? scanJson(text, wanted) : scanYaml(text, wanted);
  return targets.map((keys) => {
    for (let i = keys.length; i >= 1; i--) {
      const at = found.get(joined(keys.slice(0, i)));
      if (at) return at;
    }
    return undefined;
  });
}

/** A key path as one string: each key after a NUL (so that "" and nested "" differ); the root is "". */
function joined(keys: readonly string[]): string {
  return keys.map((k) => `\u0000${k}`).join("");
}

function scanYaml(text: string, wanted: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const at = (node: Node | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return `${pos.line}:${pos.col}`;
  };
  const stack: [unknown, string][] = [[doc.contents, ""]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
        const sub = `${path}\u0000${key}`;
        if (!wanted.has(sub)) continue;
        const place = at(pair.key as Node);
        if (place) found.set(sub, place);
        stack.push([pair.value, sub]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const sub = `${path}\u0000${i}`;
        if (!wanted.has(sub)) return;
        const place = at(item as Node);
        if (place) found.set(sub, place);
        stack.push([item, sub]);
      });
    }
  }
  return found;
}

/** One pass over JSON text: containers on a stack, each value's path compared with the wanted prefixes. */
function scanJson(text: string, wanted: Set<string>): Map<string, string> {
  const found = new Map<string, string>();
  let line = 1;
  let lineStart = 0;
  /** Per open container: its path (undefined: not wanted, so nothing inside is), whether an array, its next index. */
  const stack: { path: string | undefined; array: boolean; index: number; key: string | undefined }[] = [];
  const place = (offset: number) => `${line}:${offset - lineStart + 1}`;
  /** Path of a value that starts now inside the top container, or undefined when it is not wanted. */
  const valuePath = (): string | undefined => {
    const top = stack.at(-1);
    if (!top || top.path === undefined) return top ? undefined : "";
    const key = top.array ? String(top.index) : top.key;
    if (key === undefined) return undefined;
    const sub = `${top.path}\u0000${key}`;
    return wanted.has(sub) ? sub : undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) (escaped = true), i++;
      const top = stack.at(-1);
      if (top && !top.array && top.key === undefined) {
        // an object key: its place is where the key starts, as in the YAML scan
        const raw = text.slice(start + 1, i);
        top.key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        const sub = top.path === undefined ? undefined : `${top.path}\u0000${top.key}`;
        if (sub !== undefined && wanted.has(sub)) found.set(sub, place(start));
      } else if (top?.array) {
        const sub = valuePath();
        if (sub !== undefined) found.set(sub, place(start));
      }
    } else if (c === 0x7b || c === 0x5b) {
      const sub = valuePath();
      if (sub !== undefined && stack.at(-1)?.array) found.set(sub, place(i));
      stack.push({ path: sub, array: c === 0x5b, index: 0, key: undefined });
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack.at(-1);
      if (top?.array) top.index++;
      else if (top) top.key = undefined;
    } else if (c > 0x20 && c !== 0x3a && stack.at(-1)?.array) {
      // a number, true, false or null starting an array item
      const prev = text.charCodeAt(i - 1);
      if (prev === 0x5b || prev === 0x2c || prev <= 0x20) {
        const sub = valuePath();
        if (sub !== undefined) found.set(sub, place(i));
      }
    }
  }
  return found;
}
