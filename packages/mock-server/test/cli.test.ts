import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, type CliIo, type MockCliDefaults } from "../src/cli-main.js";
import { AUTH, canConnect, getJson } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const LISTENING = /^(\S+) mock listening on (http:\/\/127\.0\.0\.1:(\d+)) \(spec: (.+)\)$/;

/** runCli with captured output; `stop()` plays the part of SIGINT. */
function inProcess(argv: string[], defaults: MockCliDefaults = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  let announce!: (line: string) => void;
  const listening = new Promise<string>((resolve) => (announce = resolve));
  const io: CliIo = {
    out: (line) => {
      out.push(line);
      announce(line);
    },
    err: (line) => err.push(line),
    cwd: packageDir,
    untilStopped: () => stopped,
  };
  const exitCode = runCli(argv, defaults, io);
  return { out, err, stop, listening, exitCode };
}

describe("runCli (in process)", () => {
  it("prints one listening line, serves until stopped, then closes and returns 0", async () => {
    const cli = inProcess(["test/fixtures/models.yaml", "--port", "0"]);
    const match = LISTENING.exec(await cli.listening);
    expect(match?.slice(1, 2)).toEqual(["models"]);
    expect(match?.[4]).toBe("test/fixtures/models.yaml");
    const url = match?.[2] ?? "";
    expect((await getJson(`${url}/v1/models`, { ...AUTH })).status).toBe(200);
    cli.stop();
    expect(await cli.exitCode).toBe(0);
    expect(cli.out).toHaveLength(1);
    expect(cli.err).toEqual([]);
    expect(await canConnect(Number(match?.[3]))).toBe(false);
  });

  it("serves the default spec of a generated package when no argument is given", async () => {
    const cli = inProcess(["--port", "0", "--dynamic", "--seed", "3"], { spec: `${packageDir}test/fixtures/models.yaml`, name: "fixture-mock" });
    expect(await cli.listening).toMatch(/^fixture mock listening on http:\/\/127\.0\.0\.1:\d+ \(spec: test\/fixtures\/models\.yaml\)$/);
    cli.stop();
    expect(await cli.exitCode).toBe(0);
  });

  it("--help prints the usage and returns 0", async () => {
    const cli = inProcess(["--help"], { spec: "x.json", name: "cuadra-mock" });
    expect(await cli.exitCode).toBe(0);
    expect(cli.out[0]).toMatch(/^Usage: cuadra-mock \[<vendor \| spec path>\]/);
  });

  it("a usage mistake prints one error line and the usage, and returns 2", async () => {
    const cli = inProcess(["--bogus"]);
    expect(await cli.exitCode).toBe(2);
    expect(cli.err[0]).toBe("model-apis-mock: unknown option --bogus");
    expect(cli.err[1]).toMatch(/^Usage: model-apis-mock <vendor \| spec path>/);
    const missing = inProcess([]);
    expect(await missing.exitCode).toBe(2);
    expect(missing.err[0]).toBe("model-apis-mock: missing the <vendor | spec path> argument");
  });

  it("a spec problem prints one error line and returns 1", async () => {
    const cli = inProcess(["test/fixtures/missing.yaml", "--port", "0"]);
    expect(await cli.exitCode).toBe(1);
    expect(cli.err).toEqual([`model-apis-mock: Spec file not found: ${packageDir}test/fixtures/missing.yaml`]);
    expect(cli.out).toEqual([]);
  });
});

describe("the model-apis-mock process", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  function run(args: string[]) {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      cwd: packageDir,
      env: { ...process.env, SCARF_ANALYTICS: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let stdout = "";
    let stderr = "";
    const firstLine = new Promise<string>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("\n")) resolve(stdout.split("\n")[0] ?? "");
      });
    });
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
    );
    return { child, firstLine, exited };
  }

  it.each(["SIGINT", "SIGTERM"] as const)("prints the URL, serves, and exits 0 on %s", async (signal) => {
    const cli = run(["test/fixtures/models.yaml", "--port", "0"]);
    const match = LISTENING.exec(await cli.firstLine);
    expect(match).not.toBeNull();
    expect((await getJson(`${match?.[2]}/v1/models`, { ...AUTH })).status).toBe(200);
    cli.child.kill(signal);
    const result = await cli.exited;
    expect(result).toMatchObject({ code: 0, signal: null, stderr: "" });
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(await canConnect(Number(match?.[3]))).toBe(false);
  });

  it("exits 2 with one error line and the usage for an unknown flag", async () => {
    const result = await run(["--nope"]).exited;
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe("model-apis-mock: unknown option --nope");
    expect(result.stdout).toBe("");
  });
});
