/** Formatting of the results: the markdown table, tools/bench/RESULTS.md, and the README's benchmark section. */
import { readFileSync, writeFileSync } from "node:fs";
import type { Row } from "./row.ts";

export const README_START = "<!-- bench:start -->";
export const README_END = "<!-- bench:end -->";

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

function result(row: Row): string {
  if (row.status) return row.status;
  if (row.met === undefined) return "info";
  return row.met ? "met" : "**missed**";
}

/** One row per case: case, ours, baseline, ratio, target, met/missed. */
export function table(rows: Row[]): string {
  const lines = ["| Case | Ours | Baseline | Ratio | Target | Result |", "|---|---|---|---|---|---|"];
  for (const row of rows) {
    const ratio = row.ratio === undefined || !Number.isFinite(row.ratio) ? "—" : `${row.ratio.toFixed(2)}×`;
    lines.push(`| ${[row.case, row.ours, row.baseline, ratio, row.target, result(row)].map(escapeCell).join(" | ")} |`);
  }
  return lines.join("\n");
}

export interface Report {
  date: string;
  machine: string;
  /** How to read the numbers (runs, ratio). */
  how: string;
  tableText: string;
  notes: string[];
  missed: string[];
  /** Further markdown blocks from the sections, printed after the notes. */
  blocks?: string[];
}

export function resultsMarkdown(r: Report): string {
  return [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` (tools/bench/src/run.ts) on ${r.date}; rerun it rather than editing this file.`,
    "",
    `**Machine:** ${r.machine}.`,
    "",
    r.how,
    "",
    r.tableText,
    "",
    "## Notes",
    "",
    ...r.notes.map((n) => `- ${n}`),
    ...(r.blocks?.length ? ["", ...r.blocks.flatMap((b) => [b, ""])].slice(0, -1) : []),
    ...(r.missed.length ? ["", "## Missed targets", "", ...r.missed.map((m) => `- ${m}`)] : []),
    "",
  ].join("\n");
}

export function readmeBlock(r: Pick<Report, "date" | "machine" | "how" | "tableText">): string {
  return [`Measured ${r.date} on ${r.machine}. ${r.how} Notes and caveats: [tools/bench/RESULTS.md](tools/bench/RESULTS.md).`, "", r.tableText].join("\n");
}

/** Replaces what is between the markers; without both markers, warns and leaves the file alone. Returns whether it wrote. */
export function replaceReadmeSection(file: string, block: string): boolean {
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(README_START);
  const end = start < 0 ? -1 : text.indexOf(README_END, start + README_START.length);
  if (start < 0 || end < 0) {
    console.warn(`warning: ${file} has no ${README_START} … ${README_END} markers; the README was not changed`);
    return false;
  }
  writeFileSync(file, `${text.slice(0, start + README_START.length)}\n${block}\n${text.slice(end)}`);
  console.error(`wrote the benchmark section of ${file}`);
  return true;
}

/** The `<!-- name:start -->` marker a block opens with, or undefined: a marked block can be written on its own. */
export function blockMarker(block: string): { start: string; end: string } | undefined {
  const name = /^<!-- ([a-z-]+):start -->/.exec(block)?.[1];
  return name ? { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` } : undefined;
}

/**
 * Puts a marked block (one that opens with `<!-- name:start -->` and closes with `<!-- name:end -->`) into `file`:
 * in place of the same block, or at the end. Returns whether the block was marked (and so written).
 */
export function writeMarkedBlock(file: string, block: string): boolean {
  const marker = blockMarker(block);
  if (!marker) return false;
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(marker.start);
  const end = start < 0 ? -1 : text.indexOf(marker.end, start);
  writeFileSync(file, start < 0 || end < 0 ? `${text.trimEnd()}\n\n${block}\n` : `${text.slice(0, start)}${block}${text.slice(end + marker.end.length)}`);
  return true;
}
