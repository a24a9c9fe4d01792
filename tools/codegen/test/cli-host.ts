/**
 * Command lines through the real CLI entry without a process each: a host process (test/cli-batch.ts, through
 * cli-batch-entry.mjs, which registers tsx as the bin does) runs them one after another and answers exit code, stdout
 * and stderr.
 * Under vitest the hosts belong to its main process (test/cli-hosts.global.ts), which ends them when the run ends;
 * elsewhere (scripts/reliability-table.ts) a CliHost starts its own. `cli()` uses one shared host per test worker; a
 * test that needs other Node options (a heap limit) or another CLI (tools/release's) makes its own CliHost.
 * cli.test.ts runs command lines through both the bin and a host and requires byte-identical answers.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { connect } from "node:net";
import { createInterface } from "node:readline";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ENTRY = join(import.meta.dirname, "cli-batch-entry.mjs");

interface Channel {
  write(line: string): void;
  end(): void;
}

export class CliHost {
  private channel: Channel | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (r: CliResult) => void; reject: (e: Error) => void }>();

  private readonly nodeOptions: string[];
  private readonly cli: string[];

  /**
   * `nodeOptions`: options for the host's node (e.g. --max-old-space-size=256); `cli`: the module whose runCli and
   * reportError it runs (default tools/codegen/src/cli.ts).
   */
  constructor(options: { nodeOptions?: string[]; cli?: string } = {}) {
    this.nodeOptions = options.nodeOptions ?? [];
    this.cli = options.cli ? [options.cli] : [];
  }

  /** Runs `<the CLI> <args>` in `cwd`. */
  run(cwd: string, ...args: string[]): Promise<CliResult> {
    const channel = this.open();
    const id = this.nextId++;
    return new Promise<CliResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      channel.write(`${JSON.stringify({ id, cwd, args })}\n`);
    });
  }

  /** Ends the host process (a new one starts on the next run). */
  close(): void {
    this.channel?.end();
    this.channel = undefined;
  }

  private answer(line: string): void {
    const { id, ...result } = JSON.parse(line) as CliResult & { id: number };
    this.pending.get(id)?.resolve(result);
    this.pending.delete(id);
  }

  private ended(channel: Channel, why: string): void {
    if (this.channel === channel) this.channel = undefined;
    for (const [id, p] of this.pending) {
      p.reject(new Error(`the CLI host ended during a run (${why})`));
      this.pending.delete(id);
    }
  }

  private open(): Channel {
    if (this.channel) return this.channel;
    const hosts = process.env.MODEL_APIS_CLI_HOSTS;
    let channel: Channel;
    if (hosts) {
      const socket = connect(hosts);
      socket.write(`${JSON.stringify({ nodeOptions: this.nodeOptions, cli: this.cli })}\n`);
      channel = { write: (line) => socket.write(line), end: () => socket.end() };
      createInterface({ input: socket }).on("line", (line) => this.answer(line));
      socket.on("close", () => this.ended(channel, "its connection closed"));
      socket.on("error", (error) => this.ended(channel, error.message));
      // the connection must not keep the test worker alive; a pending run is awaited by a test anyway
      socket.unref();
    } else {
      const child = spawn(process.execPath, [...this.nodeOptions, ENTRY, ...this.cli], {
        env: { ...process.env, NO_COLOR: "1", REDOCLY_TELEMETRY: "off" },
        stdio: ["pipe", "pipe", "inherit"],
      });
      channel = { write: (line) => child.stdin.write(line), end: () => child.stdin.end() };
      createInterface({ input: child.stdout }).on("line", (line) => this.answer(line));
      child.on("exit", (code, signal) => this.ended(channel, signal ?? `exit ${code}`));
    }
    this.channel = channel;
    return channel;
  }
}

let shared: CliHost | undefined;

/** This test worker's shared host. */
export function sharedHost(): CliHost {
  shared ??= new CliHost();
  return shared;
}

/** Runs `model-apis-codegen <args>` in `cwd` in this worker's shared host. */
export function cli(cwd: string, ...args: string[]): Promise<CliResult> {
  return sharedHost().run(cwd, ...args);
}
