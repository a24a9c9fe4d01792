/**
 * What a run created and has not deleted yet, kept on disk as it changes, so that nothing is lost: the run
 * deletes it at the end (also after a failed check, and from the global teardown after Ctrl-C), and after a
 * SIGKILL the file stays behind for `npm run contract:cleanup -w test`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Input } from "./requests.ts";

export interface Leftover {
  vendor: string;
  baseUrl: string;
  resource: string;
  id: string;
  /** The delete operation, its method and path template, and its input for this record. */
  operation: string;
  method: string;
  path: string;
  input: Input;
}

export const LEFTOVER_PREFIX = "leftovers-";
/** Written by the run's signal handler: from then on no check creates a record (see Subjects.create). */
export const STOP_FILE = "STOP";

/** Whether the run was interrupted (its results folder holds the STOP file). */
export const stopped = (dir: string): boolean => existsSync(join(dir, STOP_FILE));

export class Ledger {
  private readonly entries = new Map<string, Leftover>();
  private readonly file: string;

  constructor(
    readonly dir: string,
    name: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${LEFTOVER_PREFIX}${name}-${process.pid}.json`);
  }

  add(entry: Leftover): void {
    this.entries.set(`${entry.vendor}\u0000${entry.resource}\u0000${entry.id}`, entry);
    this.save();
  }

  remove(vendor: string, resource: string, id: string): void {
    this.entries.delete(`${vendor}\u0000${resource}\u0000${id}`);
    this.save();
  }

  list(vendor?: string): Leftover[] {
    return [...this.entries.values()].filter((e) => vendor === undefined || e.vendor === vendor);
  }

  private save(): void {
    if (this.entries.size === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.list(), null, 2));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** Every leftover in a results folder, with the file it came from. */
export function readLeftovers(dir: string): { file: string; entries: Leftover[] }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(LEFTOVER_PREFIX) && f.endsWith(".json"))
    .map((f) => ({ file: join(dir, f), entries: JSON.parse(readFileSync(join(dir, f), "utf8")) as Leftover[] }));
}
