import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { ROOT } from "./paths.ts";

/** The real vendors' normalized specs and configs, the material synthetic vendors are copied from. */
export function realVendors(): { slug: string; spec: Record<string, unknown>; config: Record<string, unknown> }[] {
  const specs = join(ROOT, "specs");
  return readdirSync(specs)
    .filter((slug) => existsSync(join(specs, slug, "openapi.yaml")))
    .map((slug) => ({
      slug,
      spec: parse(readFileSync(join(specs, slug, "openapi.yaml"), "utf8")),
      config: parse(readFileSync(join(specs, slug, "vendor.yaml"), "utf8")),
    }));
}

/**
 * Writes synthetic vendor `i` into `specsDir`: a copy of a real vendor's normalized spec with every path prefixed
 * (/synth<i>/...) and every component schema renamed (<Name>V<i>, refs rewritten), as its upstream.
 */
export function writeSyntheticVendor(
  specsDir: string,
  i: number,
  base: ReturnType<typeof realVendors>[number],
  extra?: { workspace?: (slug: string) => Record<string, string> },
): string {
  const slug = `synth-${String(i).padStart(3, "0")}`;
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  const spec = structuredClone(base.spec) as Record<string, any>;
  const rename = (name: string) => `${name}V${i}`;
  const schemas = spec.components?.schemas ?? {};
  spec.components.schemas = Object.fromEntries(Object.entries(schemas).map(([k, v]) => [rename(k), v]));
  spec.paths = Object.fromEntries(Object.entries(spec.paths).map(([p, v]) => [`/synth${i}${p}`, v]));
  const rewritten = JSON.parse(JSON.stringify(spec), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/") ? `#/components/schemas/${rename(value.slice(21))}` : value,
  );
  delete rewritten.info["x-origin"];
  // the semantics normalize writes from vendor.yaml; the config below names the renamed schemas
  for (const key of Object.keys(rewritten)) if (key.startsWith("x-model-apis-")) delete rewritten[key];
  // biome-ignore lint/suspicious/noExplicitAny: an untyped boundary (generated clients called by name, spec documents, test doubles)
  for (const item of Object.values(rewritten.paths as Record<string, Record<string, any>>))
    for (const op of Object.values(item)) if (op && typeof op === "object") delete op["x-origin"];
  const dir = join(specsDir, slug);
  mkdirSync(join(dir, "upstream"), { recursive: true });
  writeFileSync(join(dir, "upstream", "openapi.yaml"), stringify(rewritten));
  const config: Record<string, unknown> = {
    ...structuredClone(base.config),
    slug,
    clientName: `Synth${i}`,
    package: `@model-apis/${slug}`,
    title: `Synthetic vendor ${i} (from ${base.slug})`,
    upstream: [{ file: "upstream/openapi.yaml", url: `https://synthetic.test/${slug}`, format: "openapi-3.1.0", retrieved: "2026-11-23" }],
  };
  delete config.select;
  // each resource names its record schema, renamed like the components
  for (const resource of Object.values((config.resources ?? {}) as Record<string, Record<string, unknown>>))
    if (typeof resource.schema === "string") resource.schema = rename(resource.schema);
  writeFileSync(join(dir, "vendor.yaml"), stringify(config));
  for (const [name, content] of Object.entries(extra?.workspace?.(slug) ?? {})) writeFileSync(join(dir, name), content);
  return slug;
}
