/** The command line's own errors: one line, the right exit code, and a pointer to what is known. */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workspaceFiles } from "../src/vendor-workspace.ts";
import { tempRepo } from "./helpers.ts";

const CLI = join(import.meta.dirname, "..", "bin", "model-apis-codegen.js");

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
function repo() {
  const r = tempRepo();
  cleanup = r.cleanup;
  for (const [name, content] of Object.entries(workspaceFiles("tiny"))) writeFileSync(join(r.root, "specs/tiny", name), content);
  return r.root;
}

function run(root: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("model-apis-codegen command-line errors", () => {
  it("an unknown option: exit 2, one line that points at --help", () => {
    const { code, stderr } = run(repo(), "generate", "--bogus");
    expect(code).toBe(2);
    expect(stderr).toBe("error: model-apis-codegen: unknown option --bogus (see model-apis-codegen --help)\n");
  });

  it("an unknown vendor lists the known ones, for every command that takes vendors", () => {
    const root = repo();
    for (const command of ["normalize", "lint", "generate", "check"]) {
      const { code, stderr } = run(root, command, "nosuch");
      expect(code, command).toBe(1);
      expect(stderr, command).toBe('error: model-apis-codegen: no vendor "nosuch" in specs/ (known: tiny)\n');
    }
  });

  it("an unknown command lists the commands", () => {
    const { code, stderr } = run(repo(), "frob");
    expect(code).toBe(1);
    expect(stderr).toBe('error: model-apis-codegen: unknown command "frob" (commands: normalize, lint, generate, check, new-vendor; see --help)\n');
  });

  it("check fails on a vendor workspace shim that is not the scaffolded one", () => {
    const root = repo();
    writeFileSync(join(root, "specs/tiny/turbo.json"), "{}\n");
    const { code, stderr } = run(root, "check");
    expect(code).toBe(1);
    expect(stderr).toContain("error: 1 vendor workspace shim(s) differ from what new-vendor scaffolds (restore them): specs/tiny/turbo.json");
  });
});
