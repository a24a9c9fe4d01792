import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GITHUB, publishedSpec } from "./github-spec.ts";
import { importVendor } from "./import-vendor.ts";
import { CODEGEN_BIN, OPENAPI_TS_BIN, ROOT } from "./paths.ts";
import { repeat, runProcess, type ProcessRun } from "./run-process.ts";
import { errorRow, seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { summarize, type Summary } from "./stats.ts";
import { tempRepo, type TempRepo } from "./temp-repo.ts";

export interface OverheadRow {
  spec: string;
  ours: Summary;
  raw: Summary;
  ratio: number;
  oursPeakMb: number;
  rawPeakMb: number;
  /** Stage timings of one more run of ours with --timings (label, ms). */
  stages: [string, number][];
}

const GITHUB_LABEL = "github (13 MB, new-vendor + lint: imported)";

/**
 * 1. Pipeline overhead: our whole generate for one spec (normalize + lint + bundle + types + emit, one process)
 * against the raw openapi-typescript CLI on the same spec, both cold processes, alternating in the same run.
 * The curated vendors run from their folders; GitHub's spec goes the README's way (importVendor). A vendor that
 * fails (e.g. one still being written) gives an error row instead of stopping the section.
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
  for (const slug of vendors) {
    attempt(slug, () => {
      const repo = tempRepo([{ slug, from: join(ROOT, "specs", slug) }]);
      return measure(slug, slug, repo, join(ROOT, "specs", slug, "openapi.yaml"), runs, warmup);
    });
  }
  if (githubRuns > 0) {
    attempt(GITHUB_LABEL, () => {
      const spec = publishedSpec(GITHUB);
      const repo = tempRepo([]);
      importVendor(repo.root, GITHUB, spec);
      return measure(GITHUB_LABEL, GITHUB.slug, repo, spec, githubRuns, warmup);
    });
  }
  return rows;
}

function measure(label: string, slug: string, repo: TempRepo, rawInput: string, runs: number, warmup: number): OverheadRow {
  if (!existsSync(rawInput)) throw new Error(`${rawInput} does not exist`);
  try {
    const oursArgs = [CODEGEN_BIN, "generate", slug];
    const out = join(repo.root, "raw-schema.ts");
    // The raw CLI runs where no redocly.yaml is found, so it uses its own defaults.
    mkdirSync(join(repo.root, "raw"), { recursive: true });
    const runOurs = (extra: string[] = []) => {
      repo.clean();
      return runProcess(process.execPath, [...oursArgs, ...extra], { cwd: repo.root });
    };
    const runRaw = () => runProcess(process.execPath, [OPENAPI_TS_BIN, rawInput, "-o", out], { cwd: join(repo.root, "raw") });
    // Unmeasured runs of each (disk cache, tsx's transform cache), then alternate, switching which goes first.
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
      stages: stageTimings(runOurs(["--timings"]).stderr),
    };
  } finally {
    repo.dispose();
  }
}

/** The `stage timings:` block that --timings prints: "  <label>   <ms> ms" lines. */
function stageTimings(stderr: string): [string, number][] {
  const block = stderr.slice(stderr.indexOf("stage timings:"));
  return [...block.matchAll(/^ {2}(\S.*?)\s+(\d+) ms$/gm)].map((m) => [m[1]!, Number(m[2])]);
}

/** generate on GitHub's spec (lint: imported): at most 1.3x the time of raw openapi-typescript, 1.5x its memory. */
const GITHUB_TIME = 1.3;
const GITHUB_MEMORY = 1.5;
/** generate on a small vendor: at most 1.5x the time of raw openapi-typescript on its spec. */
const SMALL_TIME = 1.5;

export async function generateSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const githubRuns = quick ? 1 : Math.max(3, Math.min(runs, 5));
  const measured = benchPipelineOverhead(runs, githubRuns, quick ? 0 : 1);
  const rows: Row[] = [];
  const blocks: string[] = [];
  for (const row of measured) {
    const name = `generate · ${row.spec}`;
    if ("error" in row) {
      rows.push(errorRow(name, row.error));
      continue;
    }
    const github = row.spec === GITHUB_LABEL;
    const ours = `${seconds(row.ours)}, ${Math.round(row.oursPeakMb)} MB`;
    const baseline = `${seconds(row.raw)}, ${Math.round(row.rawPeakMb)} MB`;
    const n = github && githubRuns !== runs ? ` (n=${githubRuns})` : "";
    if (github) {
      const memory = row.oursPeakMb / row.rawPeakMb;
      rows.push({
        case: `${name}: time${n}`,
        ours,
        baseline,
        ratio: row.ratio,
        target: `≤ ${GITHUB_TIME}×`,
        met: row.ratio <= GITHUB_TIME,
        why: "ours normalizes the 13 MB spec before openapi-typescript can start, and the largest part of that is the check of every served example against its schema (ajv 2020-12, the 'invalid examples' stage: about 2.5 s, most of it compiling validators), which lint: imported needs so that the mock serves valid examples; the YAML and the lint then run in a worker beside the types: compare the stage table",
      });
      rows.push({
        case: `${name}: peak RSS${n}`,
        ours: `${Math.round(row.oursPeakMb)} MB`,
        baseline: `${Math.round(row.rawPeakMb)} MB`,
        ratio: memory,
        target: `≤ ${GITHUB_MEMORY}×`,
        met: memory <= GITHUB_MEMORY,
        why: "the worker holds a second copy of the document while the types are built",
      });
    } else {
      rows.push({
        case: name,
        ours,
        baseline,
        ratio: row.ratio,
        target: `≤ ${SMALL_TIME}×`,
        met: row.ratio <= SMALL_TIME,
        why: "the fixed cost: node, tsx and its loader thread, the house-style lint (redocly and its config) besides openapi-typescript itself; see the stage table",
      });
    }
    if (row.stages.length) {
      blocks.push(
        [
          `### Stages of \`model-apis-codegen generate\` · ${row.spec} (--timings, one run)`,
          "",
          "| stage | ms |",
          "|---|---|",
          ...row.stages.map(([label, ms]) => `| ${label} | ${ms.toLocaleString("en-US")} |`),
        ].join("\n"),
      );
    }
  }
  return {
    rows,
    notes: [
      "generate: ours = `model-apis-codegen generate <vendor>` from upstream + overlay (normalize, lint, bundle, types, client, mock; one cold process, peak RSS); " +
        "baseline = the raw openapi-typescript CLI, types only, on the normalized spec (curated vendors) or on the spec as published (GitHub). " +
        "GitHub's spec goes the README's way: `new-vendor github`, the file from @octokit/openapi 23.0.2 as upstream/openapi.yaml, `lint: imported` added to vendor.yaml, no overlay. " +
        "Stage timings: `write YAML` and `lint (waited for)` are what this thread waited for after the types (a big spec writes its YAML and lints in a worker, beside the types).",
    ],
    blocks: blocks.length ? [blocks.join("\n\n")] : [],
  };
}
