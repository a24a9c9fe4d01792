/**
 * No mock or port outlives a contract run, even an interrupted one: the mocks live in the run's own process
 * (started by globalSetup), so ending that process, by Ctrl-C or by a kill, frees every port.
 */
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { runContract } from "./contract-run.ts";

/** Resolves true if something accepts a TCP connection on url's port. */
function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitForTargets(dir: string): Promise<string[]> {
  const file = join(dir, "targets.json");
  for (let i = 0; i < 600 && !existsSync(file); i++) await sleep(50);
  if (!existsSync(file)) throw new Error(`the run never wrote ${file}`);
  return Object.values(JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
}

describe.each(["SIGINT", "SIGKILL"] as const)("a contract run interrupted with %s", (signal) => {
  it("leaves none of its mock ports open", async () => {
    const run = runContract(["contract/examples.test.ts"]);
    const urls = await waitForTargets(run.resultsDir);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => true));
    run.child.kill(signal);
    const { code, signal: ended } = await run.done;
    expect(code === 0 && ended === null).toBe(false);
    expect(await Promise.all(urls.map(listening))).toEqual(urls.map(() => false));
  });
});
