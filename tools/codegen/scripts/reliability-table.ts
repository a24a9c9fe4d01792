/**
 * Runs the broken-spec corpus through the real CLI (as test/broken-specs.test.ts does) and writes the results
 * table into RELIABILITY.md, between its corpus-table markers. Usage: npm run reliability-table (in tools/codegen).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brokenCases, COMMANDS, runCorpus } from "../test/broken-corpus.ts";

const DOC = join(import.meta.dirname, "..", "RELIABILITY.md");
const START = "<!-- corpus-table:start -->";
const END = "<!-- corpus-table:end -->";

/** A table cell holding text as code: pipes escaped, a code span delimiter longer than any backtick run in it. */
function code(text: string): string {
  const fence = "`".repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${fence} ${text.replace(/\|/g, "\\|")} ${fence}`;
}

const scratch = mkdtempSync(join(tmpdir(), "model-apis-reliability-"));
try {
  const cases = brokenCases();
  const results = await runCorpus(cases, scratch);
  const rows = cases.flatMap((c) =>
    COMMANDS.map((command) => {
      const run = results.get(c.name)!.runs[command];
      const changed = results.get(c.name)!.changed.length ? " (output changed!)" : "";
      return `| ${code(c.name)} | ${code(run.args.join(" "))} | ${run.code}${changed} | ${code(run.stderr.split("\n")[0]!)} |`;
    }),
  );
  const table = [
    `${cases.length} cases, ${rows.length} runs; generated ${new Date().toISOString().slice(0, 10)} by \`npm run reliability-table\`.`,
    "",
    "| case | command | exit | stderr (first line) |",
    "|---|---|---|---|",
    ...rows,
  ].join("\n");
  const doc = readFileSync(DOC, "utf8");
  const [before, rest] = doc.split(START);
  const after = rest!.split(END)[1];
  writeFileSync(DOC, `${before}${START}\n${table}\n${END}${after}`);
  console.log(`wrote ${rows.length} rows to ${DOC}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
