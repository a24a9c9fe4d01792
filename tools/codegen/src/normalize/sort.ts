import { isObject, setOwn } from "../openapi.ts";

/**
 * openapi-format's `openapiSort` (1.33), done in place on one copy of the document. openapi-format deep-copies
 * the document, then every components map, parameter list and responses, schemas and properties map it sorts (on
 * GitHub's spec half a second, and copies of most of the document); the order it gives is kept byte for byte
 * (sort.test.ts compares the two on every spec we have and on generated documents), because the normalized specs
 * are committed in that order.
 *
 * What it does, for `sortSet` (key -> the keys that come first, in that order, the others following in
 * case-insensitive alphabetical order) and `componentsSet`, walking the document depth-first (a node's children are
 * the ones it has after it was sorted):
 * - a map in `componentsSet` directly under the root's components: its keys in alphabetical order;
 * - outside components, an array under a key in `componentsSet` (a `parameters` list): stably by the items' `name`;
 * - a node under a key of `sortSet`: an array's items sorted by that key's list (not under `example` in components
 *   or request bodies); a `responses`, `schemas` or `properties` map (not one inside `properties` or `value`, nor
 *   under components/examples): each of its entries sorted by the list; anything else: its own keys sorted, except
 *   under components/examples/<name>/value;
 * - and at last the root by sortSet.root.
 */
export function sortLikeOpenapiFormat(
  doc: Record<string, unknown>,
  sortSet: Record<string, readonly string[]>,
  componentsSet: readonly string[],
): Record<string, unknown> {
  const root = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  const path: string[] = [];

  /** Visits `node` (at `path`, under `parentKey`), returns what replaces it, having visited its children. */
  const visit = (node: unknown, parentKey: string | undefined): unknown => {
    if (typeof node !== "object" || node === null) return node;
    const key = path.at(-1);
    const hasParent = path.length > 0;
    let current = node as Record<string, unknown> | unknown[];
    if (hasParent && parentKey && path[0] === "components" && parentKey === "components" && componentsSet.includes(key!)) {
      current = prioritySort(current, []);
    }
    if (path[0] !== "components" && Array.isArray(current) && componentsSet.includes(key!)) {
      current = sortByName(current);
    }
    const priority = key !== undefined && Object.hasOwn(sortSet, key) ? sortSet[key] : undefined;
    if (Array.isArray(priority)) {
      if (Array.isArray(current)) {
        if (!(hasParent && parentKey === "example" && (path[0] === "components" || path[3] === "requestBody"))) {
          for (let i = 0; i < current.length; i++) current[i] = prioritySort(current[i], priority);
        }
      } else if (
        (key === "responses" || key === "schemas" || key === "properties") &&
        hasParent &&
        parentKey !== "properties" &&
        parentKey !== "value" &&
        path[1] !== "examples"
      ) {
        for (const name of Object.keys(current)) {
          const child = current[name];
          if (isObject(child)) put(current, name, prioritySort(child, priority));
        }
      } else if (!(path[0] === "components" && path[1] === "examples" && path[3] === "value")) {
        current = prioritySort(current, priority);
      }
    }
    if (Array.isArray(current)) {
      for (let i = 0; i < current.length; i++) {
        const child = current[i];
        if (typeof child !== "object" || child === null) continue;
        path.push(String(i));
        current[i] = visit(child, key);
        path.pop();
      }
    } else {
      for (const name of Object.keys(current)) {
        const child = current[name];
        if (typeof child !== "object" || child === null) continue;
        path.push(name);
        const sorted = visit(child, key);
        if (sorted !== child) put(current, name, sorted);
        path.pop();
      }
    }
    return current;
  };

  const sorted = visit(root, undefined) as Record<string, unknown>;
  return sorted.openapi ? (prioritySort(sorted, sortSet.root ?? []) as Record<string, unknown>) : sorted;
}

/** The keys in `priority` first (in its order), then the others in case-insensitive order; stable for ties. */
function prioritySort<T>(node: T, priority: readonly string[]): T {
  if (typeof node !== "object" || node === null) return node;
  const keys = Object.keys(node).sort((a, b) => {
    if (a === b) return 0;
    const ia = priority.indexOf(a);
    const ib = priority.indexOf(b);
    if (ia !== -1) return ib !== -1 ? ia - ib : -1;
    if (ib !== -1) return 1;
    const al = a.toLowerCase();
    const bl = b.toLowerCase();
    return al > bl ? 1 : al < bl ? -1 : 0;
  });
  // an array comes out as an object with its indexes as keys, as openapi-format's sort gives it
  const out: Record<string, unknown> = {};
  for (const key of keys) put(out, key, (node as Record<string, unknown>)[key]);
  return out as T;
}

/** obj[key] = value, as an own data property also for "__proto__" (assignment is the fast path for other keys). */
function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") setOwn(obj, key, value);
  else obj[key] = value;
}

/** Stably by each item's lower-cased `name` (items without one first). */
function sortByName(items: unknown[]): unknown[] {
  const name = (item: unknown) => {
    const value = isObject(item) ? item.name : undefined;
    return value ? String(value).toLowerCase() : "";
  };
  return items.sort((a, b) => {
    const na = name(a);
    const nb = name(b);
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}
