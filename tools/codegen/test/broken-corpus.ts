/**
 * The corpus of broken specs and overlays (fixtures/broken/{upstream,overlay}/ plus a few generated at run time),
 * and a runner that puts each one into a fixture repo with previously generated output and runs the real CLI on it.
 * Used by test/broken-specs.test.ts and by scripts/reliability-table.ts (which writes the table in RELIABILITY.md).
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CliHost } from "./cli-host.ts";
import { FIXTURES, TINY_REPO } from "./helpers.ts";

export const CLI = join(import.meta.dirname, "..", "bin", "model-apis-codegen.js");
const BROKEN = join(FIXTURES, "broken");
const VENDOR = "specs/tiny";

export interface BrokenCase {
  /** e.g. "upstream/yaml-syntax.yaml" (a committed fixture) or "upstream/huge-50mb.json (generated)". */
  name: string;
  kind: "upstream" | "overlay";
  /** Where it goes in the fixture repo, relative to the repo root. */
  target: string;
  /** Writes the file to that place. */
  write: (file: string) => void;
}

export type Command = "normalize" | "lint" | "generate";
export const COMMANDS: Command[] = ["normalize", "lint", "generate"];

export interface RunResult {
  args: string[];
  code: number | null;
  stderr: string;
}

export interface CaseResult {
  /** Each command once; one of them (a different one from case to case) with --verbose. */
  runs: Record<Command, RunResult & { verbose: boolean }>;
  /** Files of the repo that differ from the state after the first generate (added, removed or changed). */
  changed: string[];
}

/** Fixtures too big or too deep to commit, written at run time: a 50 MB spec, a 10 MB description, and 100,000 levels of nesting in JSON and YAML. */
const GENERATED: Record<string, () => string> = {
  "huge-50mb.json": () => {
    const description = "x".repeat(1000);
    const paths = Array.from({ length: 50_000 }, (_, i) => `"/v1/p${i}":{"get":{"description":"${description}","responses":{"200":{"description":"ok"}}}}`);
    return `{"openapi":"3.0.3","info":{"title":"Huge","version":"1"},"paths":{${paths.join(",")}}}`;
  },
  "deep-nesting.json": () => `{"openapi":"3.0.3","info":{"title":"Deep","version":"1"},"paths":{},"x-deep":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`,
  "description-10mb.yaml": () => `openapi: 3.0.3\ninfo:\n  title: Big\n  version: "1"\n  description: ${"x".repeat(10_000_000)}\npaths: {}\n`,
  "deep-nesting.yaml": () => `openapi: 3.0.3\ninfo: {title: Deep, version: "1"}\npaths: {}\nx-deep: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
};

/** Every committed fixture, then the generated ones. */
export function brokenCases(): BrokenCase[] {
  const committed = (["upstream", "overlay"] as const).flatMap((kind) =>
    readdirSync(join(BROKEN, kind))
      .sort()
      .map((file) => ({
        name: `${kind}/${file}`,
        kind,
        target: kind === "overlay" ? `${VENDOR}/overlay.yaml` : `${VENDOR}/upstream/${file}`,
        write: (dest: string) => cpSync(join(BROKEN, kind, file), dest),
      })),
  );
  const generated = Object.entries(GENERATED).map(([file, content]) => ({
    name: `upstream/${file} (generated)`,
    kind: "upstream" as const,
    target: `${VENDOR}/upstream/${file}`,
    write: (dest: string) => writeFileSync(dest, content()),
  }));
  return [...committed, ...generated];
}

/** The arguments of each command for a case: lint gets the broken file itself (linting the vendor would lint the old output). */
export function commandArgs(c: BrokenCase, command: Command): string[] {
  return command === "lint" ? ["lint", c.target] : [command];
}

/** sha256 of every file under root (relative path -> hash). */
export function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.set(relative(root, file), createHash("sha256").update(readFileSync(file)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k)).sort();
}

/** Puts the case's file in place (the upstream entry of vendor.yaml is pointed at it). */
function install(root: string, c: BrokenCase): void {
  c.write(join(root, c.target));
  if (c.kind === "upstream") {
    const vendor = join(root, VENDOR, "vendor.yaml");
    const file = c.target.slice(`${VENDOR}/`.length);
    writeFileSync(vendor, readFileSync(vendor, "utf8").replace("file: upstream/openapi.yaml", `file: ${file}`));
  }
}

/** Puts the fixture repo's own inputs back; the generated files are left alone (and compared). */
function restore(root: string): void {
  rmSync(join(root, VENDOR, "upstream"), { recursive: true, force: true });
  for (const input of ["upstream", "overlay.yaml", "vendor.yaml"]) cpSync(join(TINY_REPO, VENDOR, input), join(root, VENDOR, input), { recursive: true });
}

/**
 * Generates the tiny fixture repo once (in `base`, a scratch folder the caller removes), copies it once per case,
 * puts each case's file in its copy, and runs every case's three commands (one of them with --verbose) through the
 * real CLI entry: in CLI hosts (test/cli-host.ts), each running its share of the command lines one after another
 * (node, tsx and the libraries start once per host, not once per run). `hosts` is how many run in parallel, or the
 * hosts to use.
 */
export async function runCorpus(cases: BrokenCase[], base: string, hosts: number | CliHost[] = 2): Promise<Map<string, CaseResult>> {
  const own = typeof hosts === "number" ? Array.from({ length: hosts }, () => new CliHost()) : [];
  const runners = typeof hosts === "number" ? own : hosts;
  try {
    return await corpus(cases, base, runners);
  } finally {
    for (const host of own) host.close();
  }
}

async function corpus(cases: BrokenCase[], base: string, hosts: CliHost[]): Promise<Map<string, CaseResult>> {
  const seed = join(base, "seed");
  cpSync(TINY_REPO, seed, { recursive: true });
  const first = await hosts[0]!.run(seed, "generate");
  if (first.code !== 0 || !existsSync(join(seed, "packages/clients/tiny/src/index.ts"))) throw new Error(`generate failed: ${first.stderr}`);
  const baseline = hashTree(seed);

  const planned = cases.map((c, i) => {
    const root = join(base, `case${i}`);
    cpSync(seed, root, { recursive: true });
    install(root, c);
    const verbose = COMMANDS[i % COMMANDS.length]!;
    return {
      c,
      root,
      runs: COMMANDS.map((command) => ({
        command,
        verbose: command === verbose,
        cwd: root,
        args: [...commandArgs(c, command), ...(command === verbose ? ["--verbose"] : [])],
      })),
    };
  });
  const lines = planned.flatMap((p) => p.runs);
  const answered = await Promise.all(lines.map((line, j) => hosts[j % hosts.length]!.run(line.cwd, ...line.args)));
  const byRun = new Map(lines.map((line, j) => [line, { args: line.args, code: answered[j]!.code, stderr: answered[j]!.stderr }] as const));

  const results = new Map<string, CaseResult>();
  for (const { c, root, runs } of planned) {
    const out = {} as CaseResult["runs"];
    for (const run of runs) out[run.command] = { ...byRun.get(run)!, verbose: run.verbose };
    restore(root);
    results.set(c.name, { runs: out, changed: differences(baseline, hashTree(root)) });
  }
  return results;
}
