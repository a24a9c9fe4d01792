import { paths as jsonPathPaths } from "jsonpathly";
import { CodegenError, oneLine } from "../errors.ts";
import { loadFile, locatePointer } from "../load.ts";
import { escapeToken, HTTP_METHODS, isObject, type OpenApiDoc } from "../openapi.ts";
import { requirePackage } from "../require-package.ts";
import { findExternalRef } from "./refs.ts";

export interface OverlayAction {
  target: string;
  description: string;
  update?: unknown;
  remove?: boolean;
}

/** Which overlay actions touched which operation ("METHOD /path"), for per-operation provenance. */
export type Touches = Map<string, number[]>;

/** Reads and checks an OpenAPI Overlay 1.0 document. Errors name the overlay file and the line. */
export function loadOverlay(file: string): { actions: OverlayAction[]; text: string } {
  const { data, text } = loadFile(file);
  const at = (keys: (string | number)[]) => locatePointer(text, keys) ?? `#/${keys.join("/")}`;
  if (!isObject(data)) throw new CodegenError(file, "1:1", "not an Overlay document (expected a mapping)");
  if (typeof data.overlay !== "string" || !/^1\.0\.\d+$/.test(data.overlay)) {
    throw new CodegenError(file, at(["overlay"]), `unsupported overlay version "${String(data.overlay)}" (expected 1.0.x)`);
  }
  if (!Array.isArray(data.actions)) throw new CodegenError(file, at(["actions"]), "actions must be a list");
  data.actions.forEach((action, i) => {
    if (!isObject(action)) throw new CodegenError(file, at(["actions", i]), `action ${i} must be a mapping`);
    if (typeof action.target !== "string" || !action.target.startsWith("$")) {
      throw new CodegenError(file, at(["actions", i]), `action ${i} needs a JSONPath target starting with $`);
    }
    if (typeof action.description !== "string" || action.description.trim().length < 10) {
      throw new CodegenError(file, at(["actions", i]), `action ${i} needs a description that names its evidence`);
    }
    if ((action.update === undefined) === (action.remove !== true)) {
      throw new CodegenError(file, at(["actions", i]), `action ${i} must have exactly one of update or remove: true`);
    }
    const external = findExternalRef(action.update);
    if (external) {
      throw new CodegenError(
        file,
        at(["actions", i, "update", ...external.keys]),
        `action ${i}: $ref "${external.ref}" points outside the document; only local refs (#/...) are allowed`,
      );
    }
    const proto = findKey(action.update, "__proto__");
    if (proto) {
      // openapi-format merges updates by assignment, which would merge its content into the target instead
      throw new CodegenError(file, at(["actions", i, "update", ...proto]), `action ${i}: an update cannot add a key named __proto__`);
    }
  });
  return { actions: data.actions as unknown as OverlayAction[], text };
}

/**
 * Applies the actions one at a time with openapi-format, so that an action matching nothing fails with its
 * own line, and so that each operation learns which actions changed it.
 */
export async function applyOverlay(doc: OpenApiDoc, file: string, overlay = loadOverlay(file)): Promise<{ doc: OpenApiDoc; touches: Touches }> {
  const { actions, text } = overlay;
  const { openapiOverlay } = requirePackage("openapi-format") as typeof import("openapi-format");
  const touches: Touches = new Map();
  let current = doc;
  for (const [i, action] of actions.entries()) {
    // the line is only looked up for an error: locating it parses the overlay's YAML again
    const where = () => locatePointer(text, ["actions", i, "target"]) ?? `#/actions/${i}/target`;
    let matched: string[][];
    try {
      matched = (jsonPathPaths(current, action.target) as string[]).map(splitNormalizedPath);
    } catch (error) {
      throw new CodegenError(file, where(), `action ${i}: invalid JSONPath "${action.target}": ${(error as Error).message}`);
    }
    if (matched.length === 0) throw new CodegenError(file, where(), `action ${i}: target ${action.target} matches nothing`);
    const messages: string[] = [];
    const originalError = console.error;
    console.error = (...args: unknown[]) => void messages.push(args.map(String).join(" "));
    try {
      const result = await openapiOverlay(current, { overlaySet: { overlay: "1.0.0", actions: [action as never] } });
      current = result.data as OpenApiDoc;
      if (result.resultData?.totalUnusedActions) messages.push("the action was not applied");
    } finally {
      console.error = originalError;
    }
    if (messages.length) throw new CodegenError(file, where(), `action ${i}: ${oneLine(messages.join("; "))}`);
    for (const key of touchedOperations(current, matched, action)) touches.set(key, [...(touches.get(key) ?? []), i]);
  }
  return { doc: current, touches };
}

/** jsonpathly's normalized path `$['paths']['/a']['get']` -> ["$", "paths", "/a", "get"]. */
function splitNormalizedPath(path: string): string[] {
  const keys = ["$"];
  for (const m of path.matchAll(/\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/g)) keys.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!);
  return keys;
}

function touchedOperations(doc: OpenApiDoc, matched: string[][], action: OverlayAction): Set<string> {
  const out = new Set<string>();
  const addItem = (path: string, methods?: string[]) => {
    const item = doc.paths?.[path];
    if (!isObject(item)) return;
    for (const m of HTTP_METHODS) if (item[m] && (!methods || methods.includes(m))) out.add(`${m.toUpperCase()} ${path}`);
  };
  for (const p of matched) {
    // p = ["$", "components", "schemas", "Model", ...]: recorded as "#/components/schemas/Model"; provenance
    // later attributes it to every operation that uses that component.
    if (p[1] === "components") {
      for (const ref of touchedComponents(p, action)) out.add(ref);
      continue;
    }
    // p = ["$", "paths", "/x", "get", ...]
    if (p[1] !== "paths") continue;
    const update = isObject(action.update) ? Object.keys(action.update) : [];
    if (p.length === 2) for (const path of update) addItem(path);
    else if (p.length === 3) addItem(p[2]!, action.remove ? undefined : update.filter((k) => (HTTP_METHODS as readonly string[]).includes(k)));
    else addItem(p[2]!, [p[3]!]);
  }
  return out;
}

function touchedComponents(p: string[], action: OverlayAction): string[] {
  const ref = (kind: string, name: string) => `#/components/${kind}/${escapeToken(name)}`;
  const update = isObject(action.update) ? action.update : {};
  if (p.length >= 4) return [ref(p[2]!, p[3]!)];
  if (p.length === 3) return Object.keys(update).map((name) => ref(p[2]!, name));
  return Object.entries(update).flatMap(([kind, entries]) => (isObject(entries) ? Object.keys(entries).map((name) => ref(kind, name)) : []));
}

/** Keys leading to the first object key equal to `name`, or undefined. */
function findKey(root: unknown, name: string, keys: string[] = []): string[] | undefined {
  if (typeof root !== "object" || root === null) return undefined;
  for (const [key, value] of Object.entries(root)) {
    if (key === name) return [...keys, key];
    const found = findKey(value, name, [...keys, key]);
    if (found) return found;
  }
  return undefined;
}
