import { operations, type OpenApiDoc } from "../openapi.ts";
import type { VendorConfig } from "../vendor-config.ts";
import type { OverlayAction, Touches } from "./overlay.ts";

/**
 * info.x-origin lists every source; each operation's x-origin says where it came from: the upstream
 * document it was published in, and the overlay actions (with their evidence) that added or changed it.
 */
export function recordProvenance(
  doc: OpenApiDoc,
  config: VendorConfig,
  upstreamOps: Map<string, number>,
  touches: Touches,
  actions: OverlayAction[],
): void {
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
    const changed = touches.get(key);
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
