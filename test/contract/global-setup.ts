import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { coverageTable, type ResultRow } from "./lib/coverage.ts";
import { RESULTS_DIR } from "./lib/record.ts";
import { vendors } from "./lib/vendors.ts";
import { liveTargets, type ContractTarget } from "./lib/live.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL per vendor: its in-process mock, or the live server from the environment. */
    targets: Record<string, ContractTarget>;
    /** Per vendor: its twin (the stateful mock, started empty), or the live server; for the lifecycles. */
    twins: Record<string, ContractTarget>;
  }
}


/**
 * Starts every vendor's generated mock package in-process, in parallel, on 127.0.0.1:0 with errors mode on
 * (an example that violates its own schema becomes a 500, failing the success check), twice: stateless (the
 * spec's examples, for the per-operation checks and scenarios) and as a twin started empty (for the
 * lifecycles). The mocks live in this process, so none can outlive the run; teardown closes them and prints the
 * coverage table.
 */
export default async function setup(project: TestProject) {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const live = process.env.CONTRACT_TARGET === "live";
  const closers: (() => Promise<void>)[] = [];
  const targets: Record<string, ContractTarget> = {};
  const twins: Record<string, ContractTarget> = {};
  if (live) Object.assign(targets, liveTargets(vendors().map((v) => v.slug)));
  if (live) Object.assign(twins, targets);
  else {
    const started = await Promise.all(
      vendors().map(async (v) => {
        const { startMock } = (await import(`@model-apis/${v.slug}-mock`)) as { startMock: (o: object) => Promise<{ url: string; close(): Promise<void> }> };
        return [v.slug, await startMock({ port: 0, errors: true, stateless: true }), await startMock({ port: 0, errors: true, state: "empty" })] as const;
      }),
    );
    for (const [slug, mock, twin] of started) {
      targets[slug] = { baseUrl: mock.url, token: "contract-test-token", live: false };
      twins[slug] = { baseUrl: twin.url, token: "contract-test-token", live: false };
      closers.push(() => mock.close(), () => twin.close());
    }
  }
  project.provide("targets", targets);
  project.provide("twins", twins);
  // Where this run's servers listen (no tokens), for tools and for the test that interrupts a run; atomic.
  writeFileSync(join(RESULTS_DIR, "targets.json.tmp"), JSON.stringify(Object.fromEntries(Object.entries(targets).map(([slug, t]) => [slug, t.baseUrl]))));
  renameSync(join(RESULTS_DIR, "targets.json.tmp"), join(RESULTS_DIR, "targets.json"));
  return async () => {
    await Promise.all(closers.map((close) => close()));
    const rows: ResultRow[] = existsSync(RESULTS_DIR)
      ? readdirSync(RESULTS_DIR).filter((f) => f.startsWith("rows-")).flatMap((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as ResultRow[])
      : [];
    if (!rows.length) return;
    const table = coverageTable(rows, live ? "live" : "mocks");
    console.log(`\n${table}`);
    if (process.env.CONTRACT_COVERAGE_FILE) writeFileSync(process.env.CONTRACT_COVERAGE_FILE, table);
  };
}
