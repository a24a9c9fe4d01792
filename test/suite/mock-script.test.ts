/** `npm run mock -- <vendor>` stops with npm: SIGTERM to the npm process alone leaves no mock listening. */
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

it("SIGTERM to npm's own process stops the mock it started", async () => {
  const npm = spawn("npm", ["run", "mock", "--", "cuadra", "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  npm.stdout!.on("data", (c: Buffer) => (out += c));
  npm.stderr!.on("data", (c: Buffer) => (out += c));
  for (let i = 0; i < 600 && !/listening on http:\/\/127\.0\.0\.1:\d+/.test(out); i++) await sleep(50);
  const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
  expect(port, out).toBeGreaterThan(0);
  expect(await listening(port)).toBe(true);
  const exited = new Promise((resolve) => npm.once("exit", resolve));
  npm.kill("SIGTERM");
  await exited;
  let open = true;
  for (let i = 0; i < 100 && open; i++) {
    open = await listening(port);
    if (open) await sleep(50);
  }
  expect(open, "the mock still listens after npm was stopped").toBe(false);
});
