/**
 * The command line's own errors: one line, the right exit code, and a pointer to what is known. The command lines
 * run through the CLI host the other test files use (test/cli-host.ts). Each way out of the bin
 * (bin/model-apis-codegen.js, a process each) is compared with the host's answer to the same command line, exit
 * code, stdout and stderr byte for byte: exit 2 (a bad option), exit 1 (stale output; a broken spec, one line, and its
 * stack trace with --verbose) and exit 0 (generate's report), and a generate through both must write the same files.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { workspaceFiles } from "../src/vendor-workspace.ts";
import { hashTree } from "./broken-corpus.ts";
import { type CliResult, cli } from "./cli-host.ts";
import { tempRepo } from "./helpers.ts";

const CLI = join(import.meta.dirname, "..", "bin", "model-apis-codegen.js");

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
function repo() {
  const r = tempRepo();
  cleanups.push(r.cleanup);
  for (const [name, content] of Object.entries(workspaceFiles("tiny"))) writeFileSync(join(r.root, "specs/tiny", name), content);
  return r.root;
}

function bin(root: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: result.status!, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI host's answer; with `bin`, after checking that the bin gives exactly the same one (for a command that writes nothing). */
async function run(root: string, via: "bin" | "host", ...args: string[]): Promise<CliResult> {
  const result = await cli(root, ...args);
  if (via === "bin") expect(result, `the CLI host answers ${args.join(" ")} as the bin does`).toEqual(bin(root, ...args));
  return result;
}

describe("model-apis-codegen command-line errors", () => {
  it("an unknown option: exit 2, one line that points at --help", async () => {
    const { code, stderr } = await run(repo(), "bin", "generate", "--bogus");
    expect(code).toBe(2);
    expect(stderr).toBe("error: model-apis-codegen: unknown option --bogus (see model-apis-codegen --help)\n");
  });

  it("an unknown vendor lists the known ones, for every command that takes vendors", async () => {
    const root = repo();
    for (const command of ["normalize", "lint", "generate", "check"]) {
      const { code, stderr } = await run(root, "host", command, "nosuch");
      expect(code, command).toBe(1);
      expect(stderr, command).toBe('error: model-apis-codegen: no vendor "nosuch" in specs/ (known: tiny)\n');
    }
  });

  it("an unknown command lists the commands", async () => {
    const { code, stderr } = await run(repo(), "host", "frob");
    expect(code).toBe(1);
    expect(stderr).toBe('error: model-apis-codegen: unknown command "frob" (commands: normalize, lint, generate, check, new-vendor; see --help)\n');
  });

  it("check fails on a vendor workspace shim that is not the scaffolded one", async () => {
    const root = repo();
    writeFileSync(join(root, "specs/tiny/turbo.json"), "{}\n");
    const { code, stderr } = await run(root, "host", "check");
    expect(code).toBe(1);
    expect(stderr).toContain("error: 1 vendor workspace shim(s) differ from what new-vendor scaffolds (restore them): specs/tiny/turbo.json");
  });
});

describe("the CLI host the other tests use is the bin", () => {
  /** Durations are the one thing that differs from run to run. */
  const timeless = (r: CliResult) => ({ ...r, stdout: r.stdout.replace(/\d+ ms$/gm, "N ms") });

  it("generate, a stale generate --check and a broken spec give the same answers and the same files", async () => {
    const [viaBin, viaHost] = [repo(), repo()];
    const generated = bin(viaBin, "generate");
    expect(generated.code, generated.stderr).toBe(0);
    expect(timeless(await cli(viaHost, "generate"))).toEqual(timeless(generated));
    expect(hashTree(viaHost)).toEqual(hashTree(viaBin));

    for (const root of [viaBin, viaHost]) {
      const upstream = join(root, "specs/tiny/upstream/openapi.yaml");
      writeFileSync(upstream, readFileSync(upstream, "utf8").replace("summary: Create a model", "summary: Create a new model"));
    }
    const stale = bin(viaBin, "generate", "--check");
    expect(stale.code).toBe(1);
    expect(timeless(await cli(viaHost, "generate", "--check"))).toEqual(timeless(stale));

    for (const root of [viaBin, viaHost]) writeFileSync(join(root, "specs/tiny/upstream/openapi.yaml"), "openapi: 3.0.3\ninfo: {title: x\npaths: {}\n");
    // with --verbose the stack follows the one line; its last frames name the entry (the bin or the host)
    const [broken, hosted] = [bin(viaBin, "generate", "--verbose"), await cli(viaHost, "generate", "--verbose")];
    expect(broken.code).toBe(1);
    expect(hosted.code).toBe(1);
    expect(broken.stderr).toMatch(/^error: specs\/tiny\/upstream\/openapi\.yaml:\d+:\d+: YAML syntax error[\s\S]*\n\s+at \S+/);
    expect(hosted.stderr.split("\n")[0]).toBe(broken.stderr.split("\n")[0]);
    expect(hosted.stderr).toMatch(/\n\s+at \S+/);
    expect(hosted.stdout).toBe(broken.stdout);
    expect(hashTree(viaHost)).toEqual(hashTree(viaBin));
  });
});
