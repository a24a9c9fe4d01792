/**
 * turborepo-remote-cache (the test workspace's pinned devDependency) started with the README's command ("Share
 * turbo's cache across a team", read by readme.ts): its variables and its script, with the port the OS picks
 * (PORT=0, read back from the server's "Server listening at" log line), our storage folder and our token.
 *
 * The CLI runs in a child process behind a watchdog: the child exits when its stdin closes, which happens when this
 * process ends for any reason (SIGKILL included), so no server outlives the test run. close() ends it earlier and
 * resolves once the process has exited, with its port closed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readmeCache } from "./readme.ts";

/** Exits when the parent's end of stdin closes, then runs the CLI given as the first argument. */
const WATCHDOG = `process.stdin.on("end", () => process.exit(0)).resume();
const { pathToFileURL } = await import("node:url");
await import(pathToFileURL(process.argv[1]).href);`;

export interface RemoteCache {
  /** http://127.0.0.1:<port>, for TURBO_API. */
  url: string;
  /** The server's stdout and stderr so far (its request log), for failure messages. */
  log: () => string;
  close: () => Promise<void>;
}

export interface RemoteCacheOptions {
  /** The folder the artifacts are stored in: <storage>/<team>/<hash>, and <hash>.tag for a signed one. */
  storage: string;
  /** The only token the server accepts. */
  token: string;
}

export async function startRemoteCache(options: RemoteCacheOptions): Promise<RemoteCache> {
  const readme = readmeCache().server;
  if (readme.env.HOST !== "127.0.0.1") throw new Error(`the README's server command has HOST=${readme.env.HOST}, not 127.0.0.1`);
  // Only these variables: the server reads its whole configuration from the environment.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    ...readme.env,
    PORT: "0",
    STORAGE_PATH: options.storage,
    TURBO_TOKEN: options.token,
    LOG_LEVEL: "info",
  };
  const child = spawn(process.execPath, ["--input-type=module", "-e", WATCHDOG, readme.script], { env, stdio: ["pipe", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log += chunk;
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error("turborepo-remote-cache did not listen within 60 s")), 60_000);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop(child);
      reject(new Error(`${error.message}\n${log}`));
    };
    const onData = () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.once("error", fail);
    child.once("exit", (code, signal) => fail(new Error(`turborepo-remote-cache exited (${code ?? signal}) before listening`)));
  });

  return {
    url,
    log: () => log,
    close: async () => {
      stop(child);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function stop(child: ChildProcess): void {
  child.stdin?.end();
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
}
