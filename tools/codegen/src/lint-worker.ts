import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { lintText, type LintProblem } from "./lint.ts";

/**
 * The house-style lint in a worker thread, so it runs on the second core while the main thread builds types
 * and code. The worker gets the document as JSON text (JSON.parse is several times faster than parsing the YAML,
 * and no large structured clone is made), so the lint starts before the YAML text exists; that text comes later and
 * gives the line numbers, only for problems that get printed, on request (the YAML AST of a big spec takes seconds).
 */
type Request =
  | { id: number; kind: "warm"; configPath: string }
  | { id: number; kind: "lint"; file: string; json: string; configPath: string }
  | { id: number; kind: "text"; lint: number; text: string }
  | { id: number; kind: "position"; lint: number; index: number }
  | { id: number; kind: "release"; lint: number };
type Problem = Omit<LintProblem, "line" | "col">;
interface Reply {
  id: number;
  problems?: Problem[];
  total?: number;
  line?: number;
  col?: number;
  error?: string;
}

/** Problems beyond this many are counted, not transferred. */
const MAX_DETAILED = 50;

/** A spec small enough to lint in milliseconds: linting it loads redocly and the house config ahead of time. */
const WARM_UP = JSON.stringify({ openapi: "3.1.0", info: { title: "warm-up", version: "1" }, paths: {} });

if (!isMainThread && parentPort) {
  const port = parentPort;
  /** Results whose positions may still be asked for, by lint request id (released by the main thread). */
  const results = new Map<number, LintProblem[]>();
  /** The YAML text of each lint not yet released, which may arrive after the lint started (or ended). */
  const texts = new Map<number, Deferred<string>>();
  const handle = async (req: Request): Promise<Omit<Reply, "id">> => {
    switch (req.kind) {
      case "warm":
        await lintText("warm-up.json", WARM_UP, { configPath: req.configPath, parsed: JSON.parse(WARM_UP) });
        return {};
      case "lint": {
        const text = deferred<string>();
        texts.set(req.id, text);
        const problems = await lintText(req.file, () => text.value!, { configPath: req.configPath, parsed: JSON.parse(req.json) });
        results.set(req.id, problems);
        const detailed = problems.slice(0, MAX_DETAILED).map(({ file, severity, rule, message, pointer }) => ({ file, severity, rule, message, pointer }));
        return { problems: detailed, total: problems.length };
      }
      case "text":
        texts.get(req.lint)?.resolve(req.text);
        return {};
      case "position": {
        await texts.get(req.lint)?.promise;
        const problem = results.get(req.lint)?.[req.index];
        return { line: problem?.line ?? 1, col: problem?.col ?? 1 };
      }
      case "release":
        results.delete(req.lint);
        texts.delete(req.lint);
        return {};
    }
  };
  port.on("message", (req: Request) => {
    handle(req).then(
      (reply) => port.postMessage({ id: req.id, ...reply } satisfies Reply),
      (error: unknown) => port.postMessage({ id: req.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
}

let worker: Worker | undefined;
let nextId = 0;
/** Requests awaiting a reply; `holds` ones keep the process alive (a warm-up does not). */
const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; holds: boolean }>();

function getWorker(): Worker {
  if (worker) return worker;
  // The worker runs this same file (through an entry that registers tsx).
  worker = new Worker(new URL("./lint-worker-entry.mjs", import.meta.url));
  worker.unref();
  worker.on("message", (reply: Reply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  worker.on("error", (error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  });
  return worker;
}

function request(req: Request, holds = true): Promise<Reply> {
  const w = getWorker();
  if (holds) w.ref();
  return new Promise<Reply>((resolve, reject) => {
    pending.set(req.id, { resolve, reject, holds });
    w.postMessage(req);
  })
    .finally(() => {
      if (![...pending.values()].some((p) => p.holds)) w.unref();
    })
    .then((reply) => {
      if (reply.error) throw new Error(reply.error);
      return reply;
    });
}

/**
 * Starts the worker and loads redocly and the house config in it, while the main thread normalizes. It does not
 * keep the process alive: a command that fails before linting exits at once.
 */
export function warmLintWorker(configPath: string): void {
  request({ id: nextId++, kind: "warm", configPath }, false).catch(() => {
    // a broken config is reported by the lint itself
  });
}

export interface WorkerLint {
  /** At most MAX_DETAILED problems, in redocly's order; `position` gives their line and column. */
  problems: Problem[];
  total: number;
  /** 1-based line and column of problems[index] in the YAML text. */
  position(index: number): Promise<{ line: number; col: number }>;
  /** Frees the worker's copy of the problems. */
  release(): void;
}

/**
 * Lints in the worker; the lint starts at once. `json` is the document as JSON, `text` its YAML
 * (specs/<vendor>/openapi.yaml), which may still be in the making: problems name lines of `text`, and `file`.
 */
export async function lintInWorker(file: string, json: string, text: Promise<string>, configPath: string): Promise<WorkerLint> {
  const lint = nextId++;
  const linted = request({ id: lint, kind: "lint", file, json, configPath });
  text.then(
    (yaml) => request({ id: nextId++, kind: "text", lint, text: yaml }, false),
    () => undefined, // the caller reports its own failure
  );
  const reply = await linted;
  return {
    problems: reply.problems ?? [],
    total: reply.total ?? 0,
    position: async (index) => {
      const { line = 1, col = 1 } = await request({ id: nextId++, kind: "position", lint, index });
      return { line, col };
    },
    release: () => void request({ id: nextId++, kind: "release", lint }, false).catch(() => undefined),
  };
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  value?: T;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const d: Deferred<T> = { promise: new Promise<T>((r) => (resolve = r)), resolve: (value) => ((d.value = value), resolve(value)) };
  return d;
}
