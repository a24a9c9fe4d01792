import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { coverageTable, type ResultRow } from "./lib/coverage.ts";
import { RESULTS_DIR } from "./lib/record.ts";
import { vendors } from "./lib/vendors.ts";
import { liveTargets, liveTokenFor, type ContractTarget } from "./lib/live.ts";
import { cleanupLeftovers } from "./lib/cleanup.ts";
import { STOP_FILE } from "./lib/ledger.ts";
import { divergenceMarkdown } from "./lib/divergence.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL per vendor: its in-process mock, or the live server from the environment. */
    targets: Record<string, ContractTarget>;
    /** Per vendor: its twin (the stateful mock, started empty), or the live server: the deep checks' target. */
    servers: Record<string, ContractTarget>;
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
  const servers: Record<string, ContractTarget> = {};
  if (live) Object.assign(targets, liveTargets(vendors().map((v) => v.slug)));
  if (live) Object.assign(servers, targets);
  else {
    const started = await Promise.all(
      vendors().map(async (v) => {
        const { startMock } = (await import(`@model-apis/${v.slug}-mock`)) as { startMock: (o: object) => Promise<{ url: string; close(): Promise<void> }> };
        return [
          v.slug,
          await startMock({ port: 0, errors: true, stateless: true }),
          await startMock({ port: 0, errors: true, state: "empty", tokens: ["contract-test-token"] }),
        ] as const;
      }),
    );
    for (const [slug, mock, twin] of started) {
      targets[slug] = { baseUrl: mock.url, token: "contract-test-token", live: false };
      servers[slug] = { baseUrl: twin.url, token: "contract-test-token", live: false };
      closers.push(
        () => mock.close(),
        () => twin.close(),
      );
    }
  }
  // vitest exits 1 ms after SIGINT/SIGTERM without a teardown: on a live server, delete what the run created
  // first (a blocking child process, so the exit waits for it). A twin's state ends with this process anyway.
  const tokenEnv = Object.fromEntries(Object.entries(servers).map(([slug, t]) => [`CONTRACT_${slug.toUpperCase().replace(/-/g, "_")}_TOKEN`, t.token]));
  const onSignal = () => {
    // the test workers run on: first stop them from creating records, give the creates in flight a second to land
    // in the ledger, then delete what it lists
    writeFileSync(join(RESULTS_DIR, STOP_FILE), "");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
    spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "cleanup.ts"), RESULTS_DIR], {
      stdio: "inherit",
      env: { ...process.env, ...tokenEnv },
      timeout: 60_000,
    });
  };
  if (live) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  project.provide("targets", targets);
  project.provide("servers", servers);
  // Where this run's servers listen (no tokens), for tools and for the test that interrupts a run; atomic.
  const urls = {
    ...Object.fromEntries(Object.entries(targets).map(([slug, t]) => [slug, t.baseUrl])),
    ...(live ? {} : Object.fromEntries(Object.entries(servers).map(([slug, t]) => [`${slug}:twin`, t.baseUrl]))),
  };
  writeFileSync(join(RESULTS_DIR, "targets.json.tmp"), JSON.stringify(urls));
  renameSync(join(RESULTS_DIR, "targets.json.tmp"), join(RESULTS_DIR, "targets.json"));
  return async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    // What the run created and did not delete (a failed check, Ctrl-C): deleted while the servers are still up.
    const left = await cleanupLeftovers(RESULTS_DIR, (slug) => (live ? liveTokenFor(slug) : servers[slug]?.token));
    if (left.failed.length)
      console.error(
        `\ncontract cleanup: ${left.failed.length} record(s) could not be deleted; run \`npm run contract:cleanup -w test ${RESULTS_DIR}\`:\n  ${left.failed.join("\n  ")}`,
      );
    await Promise.all(closers.map((close) => close()));
    const rows: ResultRow[] = existsSync(RESULTS_DIR)
      ? readdirSync(RESULTS_DIR)
          .filter((f) => f.startsWith("rows-"))
          .flatMap((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), "utf8")) as ResultRow[])
      : [];
    if (!rows.length) return;
    const name = live ? "live" : "mocks";
    const table = coverageTable(rows, name);
    const divergences = rows.flatMap((r) => (r.divergence ? [r.divergence] : []));
    writeFileSync(join(RESULTS_DIR, "COVERAGE.md"), table);
    writeFileSync(join(RESULTS_DIR, "divergence.json"), `${JSON.stringify(divergences, null, 2)}\n`);
    writeFileSync(join(RESULTS_DIR, "divergence.md"), divergenceMarkdown(divergences, name));
    console.log(`\n${table}\nDivergence report: ${join(RESULTS_DIR, "divergence.md")} (${divergences.length} row(s)).`);
    if (process.env.CONTRACT_COVERAGE_FILE) writeFileSync(process.env.CONTRACT_COVERAGE_FILE, table);
  };
}
