import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { CommandContext } from "../command-context.ts";
import { CodegenError } from "../errors.ts";
import { pascalCase } from "../openapi.ts";
import { writeFileAtomic } from "../write.ts";
import { workspaceFiles } from "../vendor-workspace.ts";

/** new-vendor <slug>: the folder a new vendor needs; then fill in upstream/ and overlay.yaml. */
export async function runNewVendor(ctx: CommandContext, slug: string | undefined): Promise<number> {
  if (!slug || !/^[a-z][a-z0-9-]{0,40}$/.test(slug)) {
    throw new CodegenError("model-apis-codegen", undefined, "new-vendor needs a lower-case slug, e.g. new-vendor acme");
  }
  const dir = join(ctx.root, "specs", slug);
  if (existsSync(dir)) throw new CodegenError(dir, undefined, "already exists");
  mkdirSync(join(dir, "upstream"), { recursive: true });
  const today = new Date().toISOString().slice(0, 10);
  writeFileAtomic(
    join(dir, "vendor.yaml"),
    `slug: ${slug}
title: ${pascalCase(slug)} Models API
clientName: ${pascalCase(slug)}
package: "@model-apis/${slug}"
version: unversioned
description: >-
  What the models resource is, and how good the evidence is.
servers:
  - url: https://api.${slug}.example
    description: Production
upstream:
  - file: upstream/openapi.yaml
    url: https://docs.${slug}.example/openapi.yaml
    format: openapi-3.1.0
    retrieved: "${today}"
`,
  );
  writeFileAtomic(
    join(dir, "overlay.yaml"),
    `overlay: 1.0.0
info:
  title: Corrections and additions for ${slug}
  version: 1.0.0
actions: []
`,
  );
  for (const [name, content] of Object.entries(workspaceFiles(slug))) writeFileAtomic(join(dir, name), content);
  ctx.log(
    `created specs/${slug}/: put the vendor's published document in upstream/, fix vendor.yaml, write overlay.yaml, then npm run generate (it runs npm install once for the new packages)`,
  );
  return 0;
}
