/**
 * A throwaway copy of part of the repository in the OS temp folder, for running the release commands on: the
 * root package.json (its workspaces), redocly.yaml, the vendors' spec folders and generated packages (copied, with
 * dist/ when built), and the hand-written packages and node_modules as links to this checkout (read, never
 * written: their versions are what the vendors' ranges are checked against, and tsc and api-extractor resolve
 * @model-apis/runtime through them).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliHost } from "@model-apis/codegen/test/cli-host.ts";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
const HAND_WRITTEN = ["spec-model", "runtime", "mock-server"];

export function miniRepo(vendors: string[]): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "model-apis-release-"));
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify(
      { name: "release-fixture", private: true, type: "module", workspaces: ["specs/*", "packages/*", "packages/clients/*", "packages/mocks/*"] },
      null,
      2,
    ),
  );
  cpSync(join(ROOT, "redocly.yaml"), join(root, "redocly.yaml"));
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
  mkdirSync(join(root, "packages", "clients"), { recursive: true });
  mkdirSync(join(root, "packages", "mocks"), { recursive: true });
  for (const name of HAND_WRITTEN) symlinkSync(join(ROOT, "packages", name), join(root, "packages", name), "dir");
  for (const slug of vendors) {
    const skip = (src: string) => !/[\\/](node_modules|\.turbo)$/.test(src);
    cpSync(join(ROOT, "specs", slug), join(root, "specs", slug), { recursive: true, filter: skip });
    for (const kind of ["clients", "mocks"]) {
      const from = join(ROOT, "packages", kind, slug);
      if (existsSync(from)) cpSync(from, join(root, "packages", kind, slug), { recursive: true, filter: skip });
    }
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export const CLI = join(import.meta.dirname, "..", "bin", "model-apis-release.js");

export interface ReleaseResult {
  code: number | null;
  stdout: string;
  /** Trimmed. */
  stderr: string;
}

/** Runs the release CLI's bin (a process) in a mini repository. */
export function runReleaseBin(root: string, ...args: string[]): ReleaseResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

/**
 * The release CLI's entry (src/cli.ts runCli, what the bin runs) in a CLI host: one process per test worker runs the
 * command lines one after another (tools/codegen/test/cli-host.ts), so node, tsx and the release's libraries
 * (api-extractor, changesets) load once. check.test.ts compares its answers with the bin's.
 */
const host = new CliHost({ cli: join(import.meta.dirname, "..", "src", "cli.ts") });

/** Runs the release CLI in a mini repository: exit code, stdout and trimmed stderr. */
export async function runRelease(root: string, ...args: string[]): Promise<ReleaseResult> {
  const result = await host.run(root, ...args);
  return { ...result, stderr: result.stderr.trim() };
}
