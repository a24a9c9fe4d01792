import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { githubSpec } from "./github-spec.ts";
import { CACHE, CODEGEN_BIN, OPENAPI_TS_BIN, ROOT } from "./paths.ts";
import { repeat, runProcess, type ProcessRun } from "./run-process.ts";
import { errorRow, seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize, type Summary } from "./stats.ts";
import { tempRepo } from "./temp-repo.ts";

export interface OverheadRow {
  spec: string;
  ours: Summary;
  raw: Summary;
  ratio: number;
  oursPeakMb: number;
  rawPeakMb: number;
}

const GITHUB_VENDOR = `slug: github
title: GitHub REST API
clientName: GitHub
package: "@model-apis/github"
version: "23.0.2"
description: GitHub's 13 MB spec from @octokit/openapi, for the benchmark only.
servers:
  - url: https://api.github.com
upstream:
  - file: upstream/openapi.json
    url: https://www.npmjs.com/package/@octokit/openapi
    format: openapi-3.0.3
    retrieved: "2026-11-23"
`;

/**
 * 1. Pipeline overhead: our whole generate for one spec (normalize + lint + bundle + types + emit, one process)
 * against the raw openapi-typescript CLI on the same spec, both cold processes, alternating in the same run.
 * A vendor that fails (e.g. one still being written) gives an error row instead of stopping the section.
 */
export function benchPipelineOverhead(runs: number, githubRuns: number, warmup = 1): (OverheadRow | { spec: string; error: unknown })[] {
  const rows: (OverheadRow | { spec: string; error: unknown })[] = [];
  const vendors = readdirSync(join(ROOT, "specs"))
    .filter((v) => existsSync(join(ROOT, "specs", v, "vendor.yaml")))
    .sort();
  const attempt = (spec: string, fn: () => OverheadRow) => {
    try {
      rows.push(fn());
    } catch (error) {
      rows.push({ spec, error });
    }
  };
  for (const slug of vendors) attempt(slug, () => measure(slug, join(ROOT, "specs", slug), join(ROOT, "specs", slug, "openapi.yaml"), runs, warmup, false));
  if (githubRuns > 0) {
    attempt(GITHUB_LABEL, () => {
      const spec = githubSpec();
      const src = join(CACHE, "vendor-github");
      mkdirSync(join(src, "upstream"), { recursive: true });
      copyFileSync(spec, join(src, "upstream", "openapi.json"));
      writeFileSync(join(src, "vendor.yaml"), GITHUB_VENDOR);
      return measure(GITHUB_LABEL, src, spec, githubRuns, warmup, true);
    });
  }
  return rows;
}

const GITHUB_LABEL = "github (13 MB)";

function measure(label: string, vendorDir: string, rawInput: string, runs: number, warmup: number, foreign: boolean): OverheadRow {
  const slug = foreign ? "github" : label;
  if (!existsSync(rawInput)) throw new Error(`${rawInput} does not exist`);
  const repo = tempRepo([{ slug, from: vendorDir }]);
  try {
    const oursArgs = [CODEGEN_BIN, "generate", slug, ...(foreign ? ["--lint-warn-only"] : [])];
    const out = join(repo.root, "raw-schema.ts");
    // The raw CLI runs where no redocly.yaml is found, so it uses its own defaults.
    mkdirSync(join(repo.root, "raw"), { recursive: true });
    const runOurs = () => {
      repo.clean();
      return runProcess(process.execPath, oursArgs, { cwd: repo.root });
    };
    const runRaw = () => runProcess(process.execPath, [OPENAPI_TS_BIN, rawInput, "-o", out], { cwd: join(repo.root, "raw") });
    // Unmeasured runs of each (disk cache), then alternate, switching which goes first.
    for (let i = 0; i < warmup; i++) {
      runOurs();
      runRaw();
    }
    const ours: ProcessRun[] = [];
    const raw: ProcessRun[] = [];
    repeat(runs, 0, (i) => {
      if (i % 2 === 0) {
        ours.push(runOurs());
        raw.push(runRaw());
      } else {
        raw.push(runRaw());
        ours.push(runOurs());
      }
    });
    const o = summarize(ours.map((r) => r.seconds));
    const r = summarize(raw.map((x) => x.seconds));
    return {
      spec: label,
      ours: o,
      raw: r,
      ratio: o.median / r.median,
      oursPeakMb: Math.max(...ours.map((x) => x.peakMb ?? 0)),
      rawPeakMb: Math.max(...raw.map((x) => x.peakMb ?? 0)),
    };
  } finally {
    repo.dispose();
  }
}

const TARGET_RATIO = 1.5;

export async function generateSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const githubRuns = quick ? 1 : Math.max(3, Math.min(runs, 5));
  const rows: Row[] = benchPipelineOverhead(runs, githubRuns, quick ? 0 : 1).map((row) => {
    const name = `generate · ${row.spec}`;
    if ("error" in row) return errorRow(name, row.error);
    const github = row.spec === GITHUB_LABEL;
    return {
      case: github && githubRuns !== runs ? `${name} (n=${githubRuns})` : name,
      ours: `${seconds(row.ours)}, ${Math.round(row.oursPeakMb)} MB`,
      baseline: `${seconds(row.raw)}, ${Math.round(row.rawPeakMb)} MB`,
      ratio: row.ratio,
      target: github ? `≤ ${TARGET_RATIO}×` : "—",
      ...(github
        ? {
            met: row.ratio <= TARGET_RATIO,
            why: "besides the types, ours normalizes, runs the house-style lint (alone 3.5 s / 374 MB on this spec, TOOLCHAIN.md), bundles and emits the client and mock; see `model-apis-codegen generate --timings`",
          }
        : {}),
    };
  });
  return {
    rows,
    notes: [
      "generate: ours = `model-apis-codegen generate <vendor>` from upstream + overlay (normalize, lint, bundle, types, client, mock; one cold process, peak RSS); " +
        "baseline = the raw openapi-typescript CLI on the normalized spec (GitHub: on the raw spec), types only. Only the GitHub spec has a target; " +
        "on the small vendor specs both sides are mostly process start-up.",
    ],
  };
}
