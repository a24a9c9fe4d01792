import { mkdtempSync, rmSync, writeFileSync, copyFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CODEGEN_BIN, ROOT, TURBO_BIN } from "./paths.ts";
import { repeat, runProcess } from "./run-process.ts";
import { summarize, type Summary } from "./stats.ts";
import { cell, seconds, type Row, type SectionOptions, type SectionResult } from "./row.ts";
import { realVendors, writeSyntheticVendor } from "./synthetic-vendors.ts";
import { workspaceFiles } from "../../codegen/src/vendor-workspace.ts";

export interface ScaleRow {
  vendors: number;
  seconds: Summary;
  peakMb: Summary;
}

/** 3. Cold generate of N synthetic vendors in one process: wall time and peak RSS. */
export function benchScale(sizes: number[], runs: number): ScaleRow[] {
  const bases = realVendors();
  return sizes.map((n) => {
    const root = scratchRepo(n, bases, false);
    try {
      const results = repeat(runs, 0, () => {
        rmSync(join(root, "packages"), { recursive: true, force: true });
        return runProcess(process.execPath, [CODEGEN_BIN, "generate"], { cwd: root });
      });
      return { vendors: n, seconds: summarize(results.map((r) => r.seconds)), peakMb: summarize(results.map((r) => r.peakMb ?? 0)) };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

/** 3b. With turbo over N vendor workspaces: after a warm run, change one spec; only that vendor regenerates. */
export function benchIncremental(n: number): { cachedAfterChange: number; ranAfterChange: number; seconds: number } {
  const root = scratchRepo(n, realVendors(), true);
  try {
    const env = { TURBO_TELEMETRY_DISABLED: "1" };
    runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none", "--concurrency=2"], { cwd: root, env });
    appendFileSync(join(root, "specs", "synth-007", "upstream", "openapi.yaml"), "\n# an edit\n");
    const after = runProcess(TURBO_BIN, ["run", "generate", "--output-logs=none", "--concurrency=2"], { cwd: root, env });
    const cached = Number(/Cached:\s+(\d+) cached/.exec(after.stdout)?.[1] ?? NaN);
    const total = Number(/Tasks:\s+\d+ successful, (\d+) total/.exec(after.stdout)?.[1] ?? NaN);
    return { cachedAfterChange: cached, ranAfterChange: total - cached, seconds: after.seconds };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function scratchRepo(n: number, bases: ReturnType<typeof realVendors>, turbo: boolean): string {
  const root = mkdtempSync(join(tmpdir(), `model-apis-scale-${n}-`));
  copyFileSync(join(ROOT, "redocly.yaml"), join(root, "redocly.yaml"));
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify({ name: "scale", private: true, packageManager: "npm@11.19.1", workspaces: turbo ? ["specs/*"] : [] }),
  );
  if (turbo) {
    writeFileSync(join(root, "turbo.json"), JSON.stringify({ tasks: { generate: { inputs: ["vendor.yaml", "upstream/**", "overlay.yaml"] } } }));
    runProcess("git", ["init", "-q"], { cwd: root });
  }
  const workspace = (slug: string) => {
    const files = workspaceFiles(slug);
    const pkg = JSON.parse(files["package.json"]!);
    pkg.scripts = { generate: `node ${CODEGEN_BIN} generate` };
    delete pkg.devDependencies;
    return { "package.json": JSON.stringify(pkg), "turbo.json": files["turbo.json"]! };
  };
  for (let i = 0; i < n; i++) writeSyntheticVendor(join(root, "specs"), i, bases[i % bases.length]!, turbo ? { workspace } : undefined);
  return root;
}

/** Time may grow at most 10% faster than the vendor count; peak memory counts as flat within 25%. */
const TIME_SLACK = 1.1;
const FLAT_MEMORY = 1.25;

export async function scaleSection({ runs, quick }: SectionOptions): Promise<SectionResult> {
  const sizes = quick ? [3, 6, 12] : [10, 50, 100];
  const scale = benchScale(sizes, runs);
  const first = scale[0]!;
  const rows: Row[] = [];
  for (const row of scale) {
    const mb = cell(row.peakMb, "MB", 0);
    if (row === first) {
      rows.push({ case: `scale · cold generate, ${row.vendors} vendors`, ours: `${seconds(row.seconds)}, ${mb}`, baseline: "—", target: "—" });
      continue;
    }
    const factor = row.vendors / first.vendors;
    const ratio = row.seconds.median / first.seconds.median;
    const limit = TIME_SLACK * factor;
    rows.push({
      case: `scale · cold generate, ${row.vendors} vendors: time vs ${first.vendors}`,
      ours: seconds(row.seconds),
      baseline: seconds(first.seconds),
      ratio,
      target: `≤ ${Number(limit.toFixed(2))}× (linear)`,
      met: ratio <= limit,
      why: "the cost per vendor grows with the number of vendors in one process (see `model-apis-codegen generate --timings`)",
    });
    const memRatio = row.peakMb.median / first.peakMb.median;
    rows.push({
      case: `scale · cold generate, ${row.vendors} vendors: peak RSS vs ${first.vendors}`,
      ours: mb,
      baseline: cell(first.peakMb, "MB", 0),
      ratio: memRatio,
      target: `≤ ${FLAT_MEMORY}× (flat)`,
      met: memRatio <= FLAT_MEMORY,
      why: "the heap of the one generate process grows past what a vendor needs (it collects when the heap in use is 1.5 times the first vendor's)",
    });
  }
  const n = sizes.at(-1)!;
  const inc = benchIncremental(n);
  rows.push({
    case: `scale · turbo, 1 of ${n} specs changed`,
    ours: `${inc.ranAfterChange} of ${inc.ranAfterChange + inc.cachedAfterChange} generate tasks ran, ${inc.seconds.toFixed(2)} s`,
    baseline: "—",
    target: "only that vendor",
    met: inc.ranAfterChange === 1,
    why: "turbo's inputs for a vendor's generate task reach beyond its own folder",
  });
  return {
    rows,
    notes: [
      `scale: synthetic vendors are copies of the real normalized specs with renamed paths and schemas; cold = one \`model-apis-codegen generate\` process for all of them with no output on disk (peak RSS from GNU time). ` +
        `Linear means t(N)/t(${first.vendors}) ≤ ${TIME_SLACK} × N/${first.vendors}; flat memory means within ${FLAT_MEMORY}×. The turbo case is one run (after a warm run, one upstream file edited).`,
    ],
  };
}
