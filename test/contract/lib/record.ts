import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Outcome, ResultRow } from "./coverage.ts";

/** Per-run scratch folder: outcome rows per test file, and targets.json. CONTRACT_RESULTS_DIR separates concurrent runs. */
export const RESULTS_DIR = process.env.CONTRACT_RESULTS_DIR ?? join(import.meta.dirname, "..", ".results");

const rows: ResultRow[] = [];

/** Runs one check and records its outcome for the coverage table; "n/a" when the check does not apply. */
export async function record(row: Omit<ResultRow, "outcome">, fn: () => Promise<boolean | void>): Promise<void> {
  try {
    const applied = await fn();
    rows.push({ ...row, outcome: applied === false ? "n/a" : "pass" });
  } catch (error) {
    rows.push({ ...row, outcome: "fail" });
    throw error;
  }
}

export function recordSkip(row: Omit<ResultRow, "outcome">, outcome: Outcome = "skip"): void {
  rows.push({ ...row, outcome });
}

/** Called from afterAll: this test file's rows, for the global teardown to aggregate. */
export function flushResults(name: string): void {
  if (!rows.length) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `rows-${name}.json`), JSON.stringify(rows));
}
