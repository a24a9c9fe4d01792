/**
 * The contract suite (test/contract: the per-operation and deep checks, unchanged) on a sample of a published spec's
 * operations, taken as published: a scratch repository with a `<slug>-sample` vendor made the README's way
 * (new-vendor, the spec as upstream, `lint: imported`), plus a `select:` of every Nth operation in document order
 * (N = operations / 100, rounded down, at least 1: about 100 operations, all of a small spec), then generate and
 * the suite's own files against that vendor's mocks alone.
 *
 *   npm run contract:sample -w tools/bench [-- github|openai ...] [-- --write]
 *
 * It prints the counts and the remaining failures grouped by check and answer; with --write it also puts them in
 * tools/bench/RESULTS.md (between the contract-sample markers; a full `npm run bench` writes the same block).
 *
 * The scratch repository links this checkout's node_modules and packages/{runtime,mock-server,spec-model}, and copies
 * test/ (the suite finds its vendors from the repository it sits in). It is removed at the end
 * (CONTRACT_SAMPLE_KEEP=1 keeps it, for its results folder).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { GITHUB, OPENAI, publishedSpec, type PublishedSpec } from "./github-spec.ts";
import { importVendor } from "./import-vendor.ts";
import { CODEGEN_BIN, ROOT } from "./paths.ts";
import { writeMarkedBlock } from "./report.ts";
import { runProcess } from "./run-process.ts";

const METHODS = ["get", "put", "post", "delete", "patch"];
const TARGET_SIZE = 100;
/** The share of applicable checks the sample must pass (issue 17). */
export const SAMPLE_TARGET = 0.95;
const RESULTS_START = "<!-- contract-sample:start -->";
const RESULTS_END = "<!-- contract-sample:end -->";

export interface SampleResult {
  spec: PublishedSpec;
  /** Operations in the spec, operations sampled, and the step (every Nth). */
  total: number;
  sampled: number;
  every: number;
  /** vitest's tests: passed, failed, skipped (a check that does not apply; not counted as applicable). */
  passed: number;
  failed: number;
  skipped: number;
  /** The suite's coverage rows (COVERAGE.md): checks run, of them on sampled examples (synthetic). */
  run: number;
  synthetic: number;
  /** Failures grouped by check and the kind of answer (ids, numbers, paths and values taken out), most first. */
  failures: [string, number][];
  /** Skips grouped by reason, most first. */
  skips: [string, number][];
  /** Each failed check of the suite's rows: "operation [check]: what happened" (the divergence report's message). */
  failing: string[];
  /** normalize's warning lines about the upstream (upgrade, invalid published examples). */
  warnings: string[];
  seconds: number;
}

/** passed / (passed + failed). */
export const passRate = (r: SampleResult): number => r.passed / Math.max(1, r.passed + r.failed);

export function contractSample(spec: PublishedSpec): SampleResult {
  const began = performance.now();
  const file = publishedSpec(spec);
  const slug = `${spec.slug}-sample`;
  const root = mkdtempSync(join(tmpdir(), "model-apis-contract-sample-"));
  try {
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "contract-sample", private: true, workspaces: [] }));
    cpSync(join(ROOT, "redocly.yaml"), join(root, "redocly.yaml"));
    cpSync(join(ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    mkdirSync(join(root, "packages"));
    for (const pkg of ["runtime", "mock-server", "spec-model"]) symlinkSync(join(ROOT, "packages", pkg), join(root, "packages", pkg));
    cpSync(join(ROOT, "test"), join(root, "test"), { recursive: true, filter: (src) => !/[/\\](node_modules|\.results)$/.test(src) });
    if (existsSync(join(ROOT, "test", "node_modules"))) symlinkSync(join(ROOT, "test", "node_modules"), join(root, "test", "node_modules"));

    importVendor(root, { ...spec, slug }, file);
    const doc = JSON.parse(readFileSync(file, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const all = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    const every = Math.max(1, Math.floor(all.length / TARGET_SIZE));
    const sample = all.filter((_, i) => i % every === 0);
    const vendor = join(root, "specs", slug, "vendor.yaml");
    writeFileSync(vendor, `${readFileSync(vendor, "utf8")}select:\n  operations:\n${sample.map((op) => `    - ${JSON.stringify(op)}`).join("\n")}\n`);
    const generated = runProcess(process.execPath, [CODEGEN_BIN, "generate", slug], { cwd: root });
    const warnings = generated.stderr.split("\n").filter((l) => l.startsWith("warning:"));

    const results = join(root, "results");
    const report = join(root, "contract-report.json");
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, "node_modules", "vitest", "vitest.mjs"),
        "run",
        "--project",
        "contract",
        "contract/examples.test.ts",
        "contract/deep.test.ts",
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      {
        cwd: join(root, "test"),
        encoding: "utf8",
        env: { ...process.env, CONTRACT_RESULTS_DIR: results, SCARF_ANALYTICS: "false" },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (!existsSync(report))
      throw new Error(`the contract suite wrote no report (exit ${run.status}): ${(run.stderr || run.stdout).trim().split("\n").slice(-5).join(" | ")}`);
    const vitest = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: { assertionResults: { status: string; title: string; failureMessages: string[] }[] }[];
    };
    const tests = vitest.testResults.flatMap((f) => f.assertionResults);
    const count = (status: string) => tests.filter((t) => t.status === status).length;
    const rows = readdirSync(results)
      .filter((f) => f.startsWith("rows-"))
      .flatMap(
        (f) =>
          JSON.parse(readFileSync(join(results, f), "utf8")) as {
            suite: string;
            operation: string;
            check: string;
            outcome: string;
            synthetic?: boolean;
            reason?: string;
            divergence?: { got: { message: string } };
          }[],
      );
    const ran = rows.filter((r) => r.outcome !== "skip");
    return {
      spec,
      total: all.length,
      sampled: sample.length,
      every,
      passed: count("passed"),
      failed: count("failed"),
      skipped: count("skipped") + count("pending"),
      run: ran.length,
      synthetic: ran.filter((r) => r.synthetic).length,
      failures: grouped(tests.filter((t) => t.status === "failed").map(failureKind)),
      skips: grouped(rows.filter((r) => r.outcome === "skip").map((r) => r.reason ?? "no reason")),
      failing: rows
        .filter((r) => r.outcome === "fail")
        .map((r) => `${r.operation} [${r.suite} ${r.check}]: ${(r.divergence?.got.message ?? "").replace(/https?:\/\/\S+/g, "<url>").slice(0, 400)}`)
        .sort(),
      warnings,
      seconds: (performance.now() - began) / 1000,
    };
  } finally {
    if (process.env.CONTRACT_SAMPLE_KEEP) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/** "check: what happened", with ids, numbers, URLs and names taken out, so that like failures group. */
function failureKind(t: { title: string; failureMessages: string[] }): string {
  const message = (t.failureMessages[0] ?? "").split("\n")[0]!;
  const check = /\[([^\]]+)\]/.exec(message)?.[1] ?? t.title;
  const what = message
    .replace(/^.*?\]: /, "")
    .replace(/https?:\/\/\S+/g, "<url>")
    .replace(/(path parameter|wrong type at|without) \S+/g, "$1 <name>")
    .replace(/[0-9]+/g, "N")
    .replace(/:.*$/, "")
    .slice(0, 90);
  return `${check}: ${what}`;
}

function grouped(keys: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** One line: the counts. */
export function summaryLine(r: SampleResult): string {
  const applicable = r.passed + r.failed;
  return (
    `${r.passed.toLocaleString("en-US")} of ${applicable.toLocaleString("en-US")} applicable checks passed (${(100 * passRate(r)).toFixed(1)}%), ` +
    `${r.skipped} skipped, on ${r.sampled} of ${r.total.toLocaleString("en-US")} operations (every ${r.every === 1 ? "one" : `${r.every}th`})`
  );
}

/** The markdown block for RESULTS.md: per spec the counts, the skips and the remaining failures. */
export function resultsBlock(results: SampleResult[], date: string): string {
  const lines = [
    RESULTS_START,
    "## Contract suite on samples of published specs",
    "",
    `\`npm run contract:sample -w tools/bench\` (${date}): each spec through new-vendor, \`lint: imported\` and a \`select:\` of every Nth operation (about ${TARGET_SIZE}), generate, then the contract suite's per-operation and deep checks against that vendor's mocks. Target: ≥ ${SAMPLE_TARGET * 100}% of the applicable checks (a skipped check does not apply: it is not counted). Synthetic: checks run on examples normalize sampled from the schemas (where the spec has none, or its published one violates its schema).`,
    "",
    "| spec | sample | applicable checks passed | skipped | synthetic (of the checks run) | target |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.spec.label} (\`${r.spec.package}\` ${r.spec.version}) | ${r.sampled} of ${r.total.toLocaleString("en-US")} operations | ${r.passed} of ${r.passed + r.failed} (${(100 * passRate(r)).toFixed(1)}%) | ${r.skipped} | ${r.synthetic} of ${r.run} | ${passRate(r) >= SAMPLE_TARGET ? "met" : "**missed**"} |`,
    );
  }
  for (const r of results) {
    lines.push("", `**${r.spec.label}.**`);
    for (const w of r.warnings) lines.push(`- normalize: \`${w.replace(/`/g, "'")}\``);
    for (const [reason, n] of r.skips) lines.push(`- ${n} skipped: ${reason}`);
    if (!r.failures.length) lines.push("- no failures");
    for (const [reason, n] of r.failures) lines.push(`- ${n} failed: ${reason}`);
    for (const f of r.failing.slice(0, 20)) lines.push(`  - \`${f.replace(/`/g, "'")}\``);
  }
  lines.push(RESULTS_END);
  return lines.join("\n");
}

const SPECS: Record<string, PublishedSpec> = { github: GITHUB, openai: OPENAI };

function main(): number {
  const { values, positionals } = parseArgs({ options: { write: { type: "boolean", default: false } }, allowPositionals: true });
  const unknown = positionals.filter((p) => !(p in SPECS));
  if (unknown.length) {
    console.error(`unknown spec ${unknown.join(", ")}; known: ${Object.keys(SPECS).join(", ")}`);
    return 2;
  }
  const results: SampleResult[] = [];
  for (const name of positionals.length ? positionals : Object.keys(SPECS)) {
    const r = contractSample(SPECS[name]!);
    results.push(r);
    console.log(`${r.spec.label}: ${summaryLine(r)}; ${r.synthetic} of ${r.run} checks run on sampled examples; ${r.seconds.toFixed(0)} s`);
    for (const w of r.warnings) console.log(`  ${w}`);
    for (const [reason, n] of r.skips) console.log(`  ${n} skipped: ${reason}`);
    for (const [reason, n] of r.failures) console.log(`  ${n} × ${reason}`);
    for (const f of r.failing) console.log(`    ${f}`);
  }
  if (values.write) {
    writeMarkedBlock(join(ROOT, "tools", "bench", "RESULTS.md"), resultsBlock(results, new Date().toISOString().slice(0, 10)));
    console.error("wrote the contract-sample block of tools/bench/RESULTS.md");
  }
  return results.some((r) => passRate(r) < SAMPLE_TARGET) ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
