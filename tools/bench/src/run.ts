/**
 * `npm run bench`: runs every section in one run, prints one markdown table, writes tools/bench/RESULTS.md and
 * the README's benchmark section (between `<!-- bench:start -->` and `<!-- bench:end -->`).
 *
 *   npm run bench -- [--only generate,noop,...] [--runs N] [--quick]
 *
 * Results are written only by a full run (every section, at least 5 runs, not --quick); anything less prints
 * the table and leaves the files alone, except for a section's marked block (`<!-- name:start -->`, counts that do
 * not depend on the number of runs: the import section's), which replaces the same block in RESULTS.md.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bundleSection } from "./bench-bundle.ts";
import { clientSection } from "./bench-client.ts";
import { contractSection } from "./bench-contract.ts";
import { generateSection } from "./bench-generate.ts";
import { importSection } from "./bench-import.ts";
import { mockSection } from "./bench-mock.ts";
import { noopSection } from "./bench-noop.ts";
import { scaleSection } from "./bench-scale.ts";
import { testSuiteSection } from "./bench-test-suite.ts";
import { machineLine } from "./machine.ts";
import { ROOT, TURBO_BIN } from "./paths.ts";
import { readmeBlock, replaceReadmeSection, resultsMarkdown, table, writeMarkedBlock } from "./report.ts";
import { errorRow, type Row, type Section } from "./row.ts";
import { runProcess } from "./run-process.ts";

const SECTIONS: Record<string, Section> = {
  generate: generateSection,
  import: importSection,
  noop: noopSection,
  scale: scaleSection,
  mock: mockSection,
  client: clientSection,
  bundle: bundleSection,
  contract: contractSection,
  suite: testSuiteSection,
};

const RESULTS_FILE = join(ROOT, "tools", "bench", "RESULTS.md");
const README = join(ROOT, "README.md");
const MIN_RUNS = 5;

const USAGE = `usage: npm run bench -- [--only ${Object.keys(SECTIONS).join(",")}] [--runs N] [--quick]
  --only   run these sections (comma-separated); default all
  --runs   measured runs per case (median, min, max); default ${MIN_RUNS} (2 with --quick)
  --quick  smoke test: fewer runs, smaller scale; writes nothing`;

function options(): { sections: string[]; runs: number; quick: boolean } {
  const { values } = parseArgs({
    options: { only: { type: "string" }, runs: { type: "string" }, quick: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sections = values.only
    ? values.only
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : Object.keys(SECTIONS);
  const unknown = sections.filter((s) => !(s in SECTIONS));
  if (unknown.length || sections.length === 0) {
    console.error(`unknown section ${unknown.join(", ") || "(none given)"}\n${USAGE}`);
    process.exit(2);
  }
  const runs = values.runs === undefined ? (values.quick ? 2 : MIN_RUNS) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs must be a positive integer\n${USAGE}`);
    process.exit(2);
  }
  return { sections, runs, quick: values.quick };
}

async function main(): Promise<number> {
  const { sections, runs, quick } = options();
  process.env.TURBO_TELEMETRY_DISABLED = "1";
  process.env.REDOCLY_TELEMETRY = "off";
  process.env.SCARF_ANALYTICS = "false";
  const rows: Row[] = [];
  const notes: string[] = [];
  const blocks: string[] = [];
  const began = performance.now();
  // the sections import the built hand-written packages (as `npm run generate` leaves them; a cache hit then)
  runProcess(process.execPath, [TURBO_BIN, "run", "build", "--filter=@model-apis/mock-server", "--output-logs=errors-only"], { cwd: ROOT });
  for (const name of sections) {
    const t0 = performance.now();
    console.error(`▶ ${name} (${runs} run${runs === 1 ? "" : "s"}${quick ? ", quick" : ""})`);
    try {
      const out = await SECTIONS[name]!({ runs, quick });
      rows.push(...out.rows);
      notes.push(...out.notes);
      blocks.push(...(out.blocks ?? []));
    } catch (error) {
      rows.push(errorRow(`${name} · section failed`, error));
    }
    console.error(`  ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const date = new Date().toISOString().slice(0, 10);
  const machine = machineLine();
  const how = `Median of ${runs} run${runs === 1 ? "" : "s"} [min–max] unless a case says otherwise; ratio = ours / baseline.`;
  const tableText = table(rows);
  const missed = rows.filter((r) => r.met === false).map((r) => (r.why ? `${r.case}: ${r.why}` : r.case));
  const failed = rows.filter((r) => r.status === "error").map((r) => r.case);
  console.log(`\n${tableText}\n`);
  console.log(`${machine}; ${date}. ${how}`);
  for (const note of notes) console.log(`- ${note}`);
  for (const block of blocks) console.log(`\n${block}`);
  if (missed.length) console.log(`\nMissed targets:\n${missed.map((m) => `- ${m}`).join("\n")}`);
  console.error(`\nbench took ${((performance.now() - began) / 1000).toFixed(0)} s`);

  const full = !quick && runs >= MIN_RUNS && Object.keys(SECTIONS).every((s) => sections.includes(s));
  if (!full) {
    // a section's marked block (counts, not timings: the import section's) stands on its own, dated: it is written
    const marked = quick ? [] : blocks.filter((block) => writeMarkedBlock(RESULTS_FILE, block));
    if (marked.length) console.error(`wrote ${marked.length} marked block(s) of ${RESULTS_FILE}`);
    console.error(`not writing the rest of ${RESULTS_FILE} or the README: only a full run (every section, --runs ≥ ${MIN_RUNS}, no --quick) does`);
    return failed.length ? 1 : 0;
  }
  writeFileSync(RESULTS_FILE, resultsMarkdown({ date, machine, how, tableText, notes, missed, blocks }));
  console.error(`wrote ${RESULTS_FILE}`);
  if (existsSync(README)) replaceReadmeSection(README, readmeBlock({ date, machine, how, tableText }));
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
