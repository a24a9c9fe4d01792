import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** The versions the hand-written packages will have once the pending changesets are applied (`changeset status`). */
export async function plannedHandWrittenVersions(root: string): Promise<HandWrittenVersions> {
  const versions = handWrittenVersions(root);
  if (!pendingChangesets(root).length) return versions;
  const dir = mkdtempSync(join(tmpdir(), "model-apis-changesets-"));
  try {
    const output = join(dir, "status.json");
    await runNode(binOf("@changesets/cli", "changeset"), ["status", `--output=${output}`], { cwd: root });
    const status = JSON.parse(readFileSync(output, "utf8")) as { releases: { name: string; newVersion: string }[] };
    for (const release of status.releases) if (release.name in versions) versions[release.name as keyof HandWrittenVersions] = release.newVersion;
    return versions;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
