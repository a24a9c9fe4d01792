/** What every section returns to run.ts: table rows, plus notes that explain a miss or a caveat. */
import type { Summary } from "./stats.ts";

export interface Row {
  /** "<section> · <case>". */
  case: string;
  ours: string;
  baseline: string;
  /** ours / baseline as the target states it (time ratio, size ratio, throughput ratio); undefined: no ratio. */
  ratio?: number;
  target: string;
  /** true met, false missed, undefined: information only (no target). */
  met?: boolean;
  /** What limits it, listed under "Missed targets" when `met` is false. */
  why?: string;
  /** Set when the case could not be measured; shown instead of met/missed. */
  status?: "error" | "skipped";
}

export interface SectionResult {
  rows: Row[];
  notes: string[];
  /** Markdown blocks (e.g. a table of stage timings) that RESULTS.md prints after the notes. */
  blocks?: string[];
}

export interface SectionOptions {
  /** Measured runs per case (median, min, max). */
  runs: number;
  /** Smoke test: fewer runs, smaller scale. */
  quick: boolean;
}

export type Section = (options: SectionOptions) => Promise<SectionResult>;

/** "1.23 s [1.10–1.31]": median [min–max]. */
export function cell(s: Summary, unit: string, digits = 2): string {
  return `${s.median.toFixed(digits)} ${unit} [${s.min.toFixed(digits)}–${s.max.toFixed(digits)}]`;
}

/** Seconds, switching to milliseconds below one second. */
export function seconds(s: Summary): string {
  if (s.median >= 1) return cell(s, "s", 2);
  const ms = { ...s, median: s.median * 1000, min: s.min * 1000, max: s.max * 1000 };
  return cell(ms, "ms", ms.median >= 100 ? 0 : 1);
}

/** Operations or requests per second, rounded. */
export function rate(s: Summary, unit: string): string {
  const r = (x: number) => Math.round(x).toLocaleString("en-US");
  return `${r(s.median)} ${unit} [${r(s.min)}–${r(s.max)}]`;
}

/** A row for a case that could not be measured. */
export function errorRow(name: string, error: unknown): Row {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n").map((l) => l.trim());
  const message = lines.filter(Boolean).slice(0, 2).join(" ").slice(0, 240);
  return { case: name, ours: `error: ${message}`, baseline: "—", target: "—", status: "error" };
}
