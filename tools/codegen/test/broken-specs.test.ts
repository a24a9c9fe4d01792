import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenCases, COMMANDS, runCorpus, type CaseResult } from "./broken-corpus.ts";
import { sharedHost } from "./cli-host.ts";

/**
 * Every broken spec and overlay of the corpus, through the real CLI (normalize, lint, generate) in a fixture repo
 * with previously generated output: a non-zero exit, one line naming the file, the place and the problem, no stack
 * trace unless --verbose (each case runs one of the commands with it), and not one byte of the previous output
 * changed. The runs happen up front.
 */
const cases = brokenCases();
const scratch = mkdtempSync(join(tmpdir(), "model-apis-broken-"));
let results: Map<string, CaseResult>;

// ~140 command lines through the real CLI entry, one after another in this worker's CLI host (the other core runs
// other test files meanwhile).
beforeAll(async () => {
  results = await runCorpus(cases, scratch, [sharedHost()]);
}, 600_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** error: <relative file>:<line:col | JSON pointer, possibly "result #/..." for an overlay's result>: <what is wrong> */
const ONE_LINE = /^error: (?<file>[^\s:]+):(?<where>\d+:\d+|(?:result |normalized )?#\/\S*?): (?<what>\S.{4,})\n$/;
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;

it("the corpus has at least 25 cases and covers every kind the issue lists", () => {
  const names = cases.map((c) => c.name);
  expect(names.length).toBeGreaterThanOrEqual(25);
  for (const required of [
    "upstream/yaml-syntax.yaml",
    "upstream/json-syntax.json",
    "upstream/unresolved-ref.yaml",
    "upstream/ref-cycle.yaml",
    "upstream/duplicate-operation-id.yaml",
    "upstream/missing-info.yaml",
    "upstream/missing-paths.yaml",
    "upstream/openapi-version-unknown.yaml",
    "upstream/swagger-2.yaml",
    "upstream/undeclared-path-parameter.yaml",
    "upstream/wrong-schema-type.yaml",
    "overlay/target-matches-nothing.yaml",
    "upstream/empty.yaml",
    "upstream/binary-garbage.bin",
    "upstream/huge-50mb.json (generated)",
    "upstream/deep-nesting.json (generated)",
    "upstream/deep-nesting.yaml (generated)",
    "upstream/description-10mb.yaml (generated)",
  ]) {
    expect(names).toContain(required);
  }
});

/** RELIABILITY.md's corpus table: case → command line → the exact first stderr line it lists. */
function reliabilityTable(): Map<string, Map<string, string>> {
  const text = readFileSync(join(import.meta.dirname, "..", "RELIABILITY.md"), "utf8");
  const table = new Map<string, Map<string, string>>();
  const row = /^\| (`+) (.*?) \1 \| (`+) (.*?) \3 \| \d+[^|]* \| (`+) (.*) \5 \|$/;
  for (const line of text.split("\n")) {
    const m = row.exec(line);
    if (!m) continue;
    const unpipe = (t: string) => t.replace(/\\\|/g, "|");
    const name = unpipe(m[2]!);
    if (!table.has(name)) table.set(name, new Map());
    table.get(name)!.set(unpipe(m[4]!), unpipe(m[6]!));
  }
  return table;
}

it("RELIABILITY.md lists, for every run, exactly the message the CLI prints (npm run reliability-table rewrites it)", () => {
  const table = reliabilityTable();
  for (const c of cases) {
    for (const command of COMMANDS) {
      const run = results.get(c.name)!.runs[command];
      expect(table.get(c.name)?.get(run.args.join(" ")), `${c.name}: ${run.args.join(" ")}`).toBe(run.stderr.split("\n")[0]);
    }
  }
});

describe.each(cases)("$name", (c) => {
  it.each(COMMANDS)("%s exits 1 with one line naming the file, the place and the problem (a stack trace only with --verbose)", (command) => {
    const run = results.get(c.name)!.runs[command];
    expect(run.code, run.stderr).toBe(1);
    const [first, ...rest] = run.stderr.split("\n");
    const match = ONE_LINE.exec(`${first}\n`);
    expect(match, run.stderr).not.toBeNull();
    expect(match!.groups!.file).toBe(c.target);
    if (run.verbose) expect(rest.join("\n")).toMatch(STACK_FRAME);
    else expect(rest, run.stderr).toEqual([""]);
  });

  it("leaves every previously generated file byte-identical and adds none", () => {
    expect(results.get(c.name)!.changed).toEqual([]);
  });
});
