import { isObject, operations, type OpenApiDoc, unescapeToken } from "../openapi.ts";
import type { VendorConfig } from "../vendor-config.ts";
import type { OverlayAction, Touches } from "./overlay.ts";

/**
 * info.x-origin lists every source; each operation's x-origin says where it came from: the upstream
 * document it was published in, and the overlay actions (with their evidence) that added or changed it.
 */
export function recordProvenance(doc: OpenApiDoc, config: VendorConfig, upstreamOps: Map<string, number>, touches: Touches, actions: OverlayAction[]): void {
  doc.info["x-origin"] = [
    ...config.upstream.map((u) => ({ url: u.url, format: u.format, retrieved: u.retrieved, file: `upstream/${u.file.replace(/^upstream\//, "")}` })),
    { file: "overlay.yaml", format: "openapi-overlay-1.0", actions: actions.length },
  ];
  for (const { path, method, op } of operations(doc)) {
    const key = `${method.toUpperCase()} ${path}`;
    const origin: Record<string, unknown>[] = [];
    const source = upstreamOps.get(key);
    if (source !== undefined) {
      const u = config.upstream[source]!;
      origin.push({ url: u.url, format: u.format, retrieved: u.retrieved });
    }
    const changed = [...(touches.get(key) ?? []), ...componentsUsedBy(doc, op).flatMap((ref) => touches.get(ref) ?? [])].sort((a, b) => a - b);
    if (changed?.length) {
      origin.push({
        file: "overlay.yaml",
        change: source === undefined ? "added" : "corrected",
        evidence: [...new Set(changed)].map((i) => ({ action: i, description: actions[i]!.description.trim() })),
      });
    }
    op["x-origin"] = origin;
  }
}

/** Every component an operation uses, directly or through other components ("#/components/schemas/X"). */
function componentsUsedBy(doc: OpenApiDoc, op: unknown): string[] {
  const seen = new Set<string>();
  const queue: unknown[] = [op];
  while (queue.length) {
    const node = queue.pop();
    if (Array.isArray(node)) queue.push(...node);
    else if (isObject(node)) {
      if (typeof node.$ref === "string" && node.$ref.startsWith("#/components/") && !seen.has(node.$ref)) {
        seen.add(node.$ref);
        const [, , kind, name] = node.$ref.split("/");
        queue.push(doc.components?.[kind!]?.[unescapeToken(name!)]);
      }
      for (const [key, value] of Object.entries(node)) if (key !== "x-origin" && typeof value === "object") queue.push(value);
    }
  }
  return [...seen];
}
