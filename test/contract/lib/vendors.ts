import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { deref as resolveChain } from "@model-apis/spec-model";

export const ROOT = join(import.meta.dirname, "..", "..", "..");

// biome-ignore lint/suspicious/noExplicitAny: spec documents are untrusted data of any shape
export type Spec = Record<string, any>;

export interface Vendor {
  slug: string;
  /** PascalCase name from vendor.yaml: create<clientName>Client. */
  clientName: string;
  /**
   * vendor.yaml's import policy: `strict` (curated, the default) or `imported` (a spec taken as published). The
   * suite's one difference for an imported vendor is on a mock: Prism's own answer to a request that fails validation
   * (checks.ts, prismValidationAnswer).
   */
  lint: "strict" | "imported";
  spec: Spec;
}

/** Every vendor with generated packages: the suite follows specs/, so a new vendor is tested without edits here. */
export function vendors(): Vendor[] {
  const specs = join(ROOT, "specs");
  return readdirSync(specs)
    .filter((slug) => existsSync(join(ROOT, "packages", "clients", slug, "openapi.json")))
    .sort()
    .map((slug) => {
      const spec = JSON.parse(readFileSync(join(ROOT, "packages", "clients", slug, "openapi.json"), "utf8")) as Spec;
      const config = readFileSync(join(specs, slug, "vendor.yaml"), "utf8");
      const clientName = /^clientName:\s*(\S+)/m.exec(config)?.[1];
      if (!clientName) throw new Error(`specs/${slug}/vendor.yaml has no clientName`);
      const lint = /^lint:\s*["']?imported["']?\s*(#.*)?$/m.test(config) ? "imported" : "strict";
      return { slug, clientName, lint, spec };
    });
}

/** Resolves a local $ref chain inside the spec (the shared spec model's resolver; undefined when broken). */
export function deref<T = Spec>(spec: Spec, node: unknown): T {
  return resolveChain<T>(spec, node) as T;
}
