/**
 * vitest globalSetup: CLI host processes (test/cli-batch.ts) owned by vitest's main process, so each is ended and
 * waited for when the run ends (its CPU time counts in the run's, and none outlives it). A test worker connects to
 * the socket named in MODEL_APIS_CLI_HOSTS (test/cli-host.ts); its first line holds the Node options the host needs
 * and the CLI module it runs, then every line goes to the host and every answer back. One host per connection; a
 * worker keeps its connection for all the files it runs (isolate: false), so node, tsx and the libraries start about
 * once per worker.
 */
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

type Host = ChildProcessByStdio<Writable, Readable, null>;

const ENTRY = join(import.meta.dirname, "cli-batch-entry.mjs");

export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "model-apis-cli-hosts-"));
  const path = join(dir, "hosts.sock");
  const hosts = new Set<Host>();
  const server = createServer((socket: Socket) => {
    const lines = createInterface({ input: socket });
    let host: Host | undefined;
    lines.on("line", (line) => {
      if (!host) {
        const { nodeOptions, cli } = JSON.parse(line) as { nodeOptions: string[]; cli: string[] };
        const child = spawn(process.execPath, [...nodeOptions, ENTRY, ...cli], {
          env: { ...process.env, NO_COLOR: "1", REDOCLY_TELEMETRY: "off" },
          stdio: ["pipe", "pipe", "inherit"],
        });
        host = child;
        hosts.add(child);
        child.stdout.pipe(socket);
        child.on("exit", () => {
          hosts.delete(child);
          socket.destroy();
        });
        return;
      }
      host.stdin.write(`${line}\n`);
    });
    const end = () => host?.stdin.end();
    socket.on("close", end);
    socket.on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  process.env.MODEL_APIS_CLI_HOSTS = path;
  return async () => {
    server.close();
    for (const host of hosts) host.stdin.end();
    const ended = Promise.all([...hosts].map((host) => new Promise((resolve) => (host.exitCode !== null ? resolve(null) : host.once("exit", resolve)))));
    // a host stuck in a run is killed (a test has timed out on it already)
    const timer = setTimeout(() => {
      for (const host of hosts) host.kill("SIGKILL");
    }, 10_000);
    await ended;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };
}
