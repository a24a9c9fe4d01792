import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { githubSpec } from "./github-spec.ts";
import { CACHE, CODEGEN_BIN, OPENAPI_TS_BIN, ROOT } from "./paths.ts";
import { repeat, runProcess } from "./run-process.ts";
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
 * against the raw openapi-typescript CLI on the same spec, both cold processes, in the same run.
 */
export function benchPipelineOverhead(runs: number, withGithub: boolean): OverheadRow[] {
  const rows: OverheadRow[] = [];
  const vendors = readdirSync(join(ROOT, "specs")).filter((v) => existsSync(join(ROOT, "specs", v, "vendor.yaml")));
  for (const slug of vendors) rows.push(measure(slug, join(ROOT, "specs", slug), join(ROOT, "specs", slug, "openapi.yaml"), runs, false));
  if (withGithub) {
    const spec = githubSpec();
    const src = join(CACHE, "vendor-github");
    mkdirSync(join(src, "upstream"), { recursive: true });
    copyFileSync(spec, join(src, "upstream", "openapi.json"));
    writeFileSync(join(src, "vendor.yaml"), GITHUB_VENDOR);
    rows.push(measure("github (13 MB)", src, spec, Math.max(3, Math.min(runs, 5)), true));
  }
  return rows;
}

function measure(label: string, vendorDir: string, rawInput: string, runs: number, foreign: boolean): OverheadRow {
  const slug = foreign ? "github" : label;
  const repo = tempRepo([{ slug, from: vendorDir }]);
  try {
    const oursArgs = [CODEGEN_BIN, "generate", slug, ...(foreign ? ["--lint-warn-only"] : [])];
    const ours = repeat(runs, 1, () => {
      repo.clean();
      return runProcess(process.execPath, oursArgs, { cwd: repo.root });
    });
    const out = join(repo.root, "raw-schema.ts");
    // The raw CLI runs where no redocly.yaml is found, so it uses its own defaults.
    mkdirSync(join(repo.root, "raw"), { recursive: true });
    const raw = repeat(runs, 1, () => runProcess(process.execPath, [OPENAPI_TS_BIN, rawInput, "-o", out], { cwd: join(repo.root, "raw") }));
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
