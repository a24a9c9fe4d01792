/**
 * The two small files that make specs/<slug>/ a workspace of its own, so turbo caches each vendor's
 * normalize/lint/generate separately and restores that vendor's generated packages from cache.
 * `check` (commands/check-workspaces.ts) verifies them, so they cannot drift from this template.
 */
export function workspaceFiles(slug: string): Record<string, string> {
  const pkg = {
    name: `@model-apis/spec-${slug}`,
    version: "0.0.0",
    private: true,
    description: `Spec sources of ${slug}; scaffolded by model-apis-codegen new-vendor`,
    scripts: {
      normalize: "model-apis-codegen normalize",
      lint: "model-apis-codegen lint",
      generate: "model-apis-codegen generate",
    },
    devDependencies: { "@model-apis/codegen": "*" },
  };
  const turbo = {
    $schema: "https://turborepo.com/schema.json",
    extends: ["//"],
    tasks: {
      generate: {
        outputs: [
          "openapi.yaml",
          `$TURBO_ROOT$/packages/clients/${slug}/**`,
          `$TURBO_ROOT$/packages/mocks/${slug}/**`,
          `!$TURBO_ROOT$/packages/clients/${slug}/dist/**`,
          `!$TURBO_ROOT$/packages/mocks/${slug}/dist/**`,
        ],
      },
    },
  };
  return {
    "package.json": JSON.stringify(pkg, null, 2) + "\n",
    "turbo.json": JSON.stringify(turbo, null, 2) + "\n",
  };
}
