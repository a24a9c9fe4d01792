/**
 * A live run leaves nothing behind: against a server with state (the Cuadra twin, as a live target), a run
 * interrupted with SIGINT deletes what it created in its teardown; after a SIGKILL its ledger file stays, and
 * `npm run contract:cleanup -w test <results folder>` deletes what it lists. A complete run, twice, leaves the
 * server as it found it and gives the same coverage both times.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock } from "@model-apis/cuadra-mock";
import { runContract } from "./contract-run.ts";

const execFileAsync = promisify(execFile);
let twin: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  twin = await startMock({ state: "empty", tokens: ["hygiene-token"] });
});
afterAll(() => twin?.close());

const env = () => ({ CONTRACT_TARGET: "live", CONTRACT_CUADRA_BASE_URL: twin.url, CONTRACT_CUADRA_TOKEN: "hygiene-token", CONTRACT_ALLOW_DESTRUCTIVE: "1" });
const records = () => twin.state().model ?? [];
const leftovers = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith("leftovers-")) : []);

async function untilLeftovers(dir: string): Promise<void> {
  for (let i = 0; i < 1200 && leftovers(dir).length === 0; i++) await sleep(25);
  if (leftovers(dir).length === 0) throw new Error(`the run never wrote a ledger file in ${dir}`);
}

describe("a live run", () => {
  it("run twice, leaves the server as it found it and gives the same coverage", async () => {
    twin.reset();
    const first = runContract(["contract/deep.test.ts"], env());
    const one = await first.done;
    expect(one.code, one.output.slice(-2000)).toBe(0);
    expect(records()).toEqual([]);
    const second = runContract(["contract/deep.test.ts"], env());
    expect((await second.done).code).toBe(0);
    expect(records()).toEqual([]);
    expect(readFileSync(join(second.resultsDir, "COVERAGE.md"), "utf8")).toBe(readFileSync(join(first.resultsDir, "COVERAGE.md"), "utf8"));
  });

  it("interrupted with SIGINT deletes what it created", async () => {
    twin.reset();
    const run = runContract(["contract/deep.test.ts"], env());
    await untilLeftovers(run.resultsDir);
    run.child.kill("SIGINT");
    await run.done;
    expect(records()).toEqual([]);
  });

  it("killed with SIGKILL leaves its ledger, and contract:cleanup deletes what it lists", async () => {
    twin.reset();
    const run = runContract(["contract/deep.test.ts"], env());
    await untilLeftovers(run.resultsDir);
    run.child.kill("SIGKILL");
    await run.done;
    const [file] = leftovers(run.resultsDir);
    const listed = JSON.parse(readFileSync(join(run.resultsDir, file!), "utf8")) as { id: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(records().map((r) => r.id)).toEqual(expect.arrayContaining(listed.map((l) => l.id)));
    // async: the twin answers from this process
    const { stdout: out } = await execFileAsync("npm", ["run", "--silent", "contract:cleanup", "--", run.resultsDir], {
      cwd: join(import.meta.dirname, ".."),
      env: { ...process.env, CONTRACT_CUADRA_TOKEN: "hygiene-token" },
      encoding: "utf8",
    });
    expect(out).toMatch(new RegExp(`contract cleanup: ${listed.length} record\\(s\\) deleted`));
    expect(records().filter((r) => listed.some((l) => l.id === r.id))).toEqual([]);
    expect(leftovers(run.resultsDir)).toEqual([]);
  });
});
