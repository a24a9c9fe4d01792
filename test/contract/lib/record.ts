import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Outcome, ResultRow } from "./coverage.ts";
import { ContractViolation } from "./divergence.ts";

/** Per-run scratch folder: outcome rows per test file, targets.json, leftovers. CONTRACT_RESULTS_DIR separates concurrent runs. */
export const RESULTS_DIR = process.env.CONTRACT_RESULTS_DIR ?? join(import.meta.dirname, "..", ".results");

const rows: ResultRow[] = [];

/** A server defect the spec records (`x-known-issue`): a divergence whose answer has this status is known. */
export interface KnownIssue {
  status: number;
  description: string;
}

/**
 * The known defects of an operation: every documented response that carries `x-known-issue` (its text says what
 * and why), keyed by that response's status. A divergence whose server answer has that status is reported as known.
 */
export function knownIssues(op: Record<string, unknown>, resolve: (node: unknown) => unknown = (n) => n): KnownIssue[] {
  const responses = (op.responses ?? {}) as Record<string, unknown>;
  const out: KnownIssue[] = [];
  for (const [status, raw] of Object.entries(responses)) {
    const response = resolve(raw) as Record<string, unknown> | undefined;
    const text = response?.["x-known-issue"];
    if (/^\d{3}$/.test(status) && typeof text === "string") out.push({ status: Number(status), description: text });
  }
  return out;
}

/**
 * Runs one check and records its outcome for the coverage table and the divergence report. A divergence that the
 * spec records as a known issue (same status) is recorded as `known` and does not fail the test; any other fails.
 */
export async function record(row: Omit<ResultRow, "outcome">, fn: () => Promise<unknown>, known: KnownIssue[] = []): Promise<void> {
  try {
    await fn();
    rows.push({ ...row, outcome: "pass" });
  } catch (error) {
    if (error instanceof ContractViolation) {
      const match = known.find((k) => k.status === error.divergence.got.status);
      if (match) {
        rows.push({ ...row, outcome: "known", divergence: { ...error.divergence, known: match.description } });
        return;
      }
      rows.push({ ...row, outcome: "fail", divergence: error.divergence });
    } else rows.push({ ...row, outcome: "fail" });
    throw error;
  }
}

/** A check that did not apply or could not run on this target; the test itself is skipped with ctx.skip(). */
export function recordSkip(row: Omit<ResultRow, "outcome">, reason: string): void {
  rows.push({ ...row, outcome: "skip", reason });
}

export type { Outcome };

/** Called from afterAll: this test file's rows, for the global teardown to aggregate. */
export function flushResults(name: string): void {
  if (!rows.length) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `rows-${name}.json`), JSON.stringify(rows));
}
