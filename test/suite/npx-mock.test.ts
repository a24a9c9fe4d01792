/**
 * `npx <vendor>-mock` works as installed: npm links each generated mock's bin.js (plain JavaScript, committed with
 * its run bit, so there at `npm ci` time), and it serves its own spec once the mock server is built (which
 * `npm run generate` does).
 */
import { spawn } from "node:child_process";
import { lstatSync, readlinkSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

it("npx cuadra-mock --port 0 starts the twin from the linked, executable bin", async () => {
  const link = join(ROOT, "node_modules", ".bin", "cuadra-mock");
  expect(lstatSync(link).isSymbolicLink(), "npm linked the bin").toBe(true);
  const target = resolve(join(ROOT, "node_modules", ".bin"), readlinkSync(link));
  expect(target).toBe(join(ROOT, "node_modules", "@model-apis", "cuadra-mock", "bin.js"));
  expect(statSync(target).mode & 0o111, "bin.js is executable").not.toBe(0);
  const child = spawn("npx", ["--no-install", "cuadra-mock", "--port", "0"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c));
  child.stderr!.on("data", (c: Buffer) => (out += c));
  try {
    for (let i = 0; i < 400 && !/listening on (http:\/\/\S+)/.test(out); i++) await sleep(50);
    const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
    expect(url, out).toBeDefined();
    const state = (await (await fetch(`${url}/__twin__/state`)).json()) as Record<string, unknown[]>;
    expect(Object.keys(state).sort()).toEqual(["catalog", "model"]);
  } finally {
    child.kill("SIGTERM");
  }
});
