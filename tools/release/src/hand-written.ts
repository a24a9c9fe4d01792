import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import getReleasePlan from "@changesets/get-release-plan";
import { CodegenError } from "@model-apis/codegen/src/errors.ts";
import type { HandWrittenVersions } from "./plan.ts";
import { binOf, runNode } from "./run.ts";
import { listWorkspaces, type WorkspacePackage } from "./workspaces.ts";

/** The hand-written packages the generated ones depend on, versioned with changesets. */
export const HAND_WRITTEN = ["@model-apis/spec-model", "@model-apis/runtime", "@model-apis/mock-server"] as const;

export function handWrittenPackages(root: string): WorkspacePackage[] {
  const all = listWorkspaces(root);
  return HAND_WRITTEN.map((name) => {
    const pkg = all.find((p) => p.name === name);
    if (!pkg) throw new CodegenError(join(root, "package.json"), "#/workspaces", `no workspace package ${name}`);
    return pkg;
  });
}

export function handWrittenVersions(root: string): HandWrittenVersions {
  const [, runtime, mockServer] = handWrittenPackages(root);
  return { "@model-apis/runtime": runtime!.version, "@model-apis/mock-server": mockServer!.version };
}

/**
 * The versions the hand-written packages will have once the pending changesets are applied: changesets' own release
 * plan, from the files in .changeset/ (no git needed, unlike `changeset status`).
 */
export async function plannedHandWrittenVersions(root: string): Promise<HandWrittenVersions> {
  const versions = handWrittenVersions(root);
  if (!pendingChangesets(root).length) return versions;
  const plan = await getReleasePlan(root);
  for (const release of plan.releases) if (release.name in versions) versions[release.name as keyof HandWrittenVersions] = release.newVersion;
  return versions;
}

/** Changeset files waiting in .changeset/ (every .md but its README). */
export function pendingChangesets(root: string): string[] {
  const dir = join(root, ".changeset");
  if (!existsSync(join(dir, "config.json"))) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md");
}

/** `changeset version`: bumps the hand-written packages by their changesets, writes their CHANGELOG.md, rewrites internal ranges. */
export async function applyChangesets(root: string): Promise<void> {
  await runNode(binOf("@changesets/cli", "changeset"), ["version"], { cwd: root });
}
