import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { lintText, type LintProblem } from "./lint.ts";
import { CodegenError } from "./errors.ts";
import { isBlocking, type LintPolicy } from "./lint-policy.ts";
import { toYaml } from "./normalize/format.ts";

/**
 * The house-style lint and the YAML text of the normalized spec, in a worker thread, so that both run on the second
 * core while the main thread builds the types and the code. The worker gets the document once, as JSON text
 * (JSON.parse is several times faster than parsing YAML, no large structured clone is made, and the fresh objects
 * make the YAML writer fast); it writes specs/<vendor>/openapi.yaml's text from it, sends that back, and lints the
 * same parsed document, with line numbers from that same text, computed only for the problems that get printed.
 */
type Request =
  | { id: number; kind: "warm"; configPath: string }
  | { id: number; kind: "open"; json: string; header: string }
  | { id: number; kind: "lint"; doc: number; file: string; configPath: string; policy: LintPolicy; exitWhenClean: boolean }
  | { id: number; kind: "position"; lint: number; index: number }
  | { id: number; kind: "release"; doc: number; lint: number };
type Problem = Omit<LintProblem, "line" | "col">;
interface Reply {
  id: number;
  text?: string;
  problems?: Problem[];
  blocking?: number;
  line?: number;
  col?: number;
  error?: string;
}

/** Blocking problems beyond this many are counted, not transferred. */
const MAX_DETAILED = 50;

/** A spec small enough to lint in milliseconds: linting it loads redocly and the house config ahead of time. */
const WARM_UP = JSON.stringify({ openapi: "3.1.0", info: { title: "warm-up", version: "1" }, paths: {} });

if (!isMainThread && parentPort) {
  const port = parentPort;
  /** Opened documents (parsed, and their YAML text), by open request id, until released. */
  const docs = new Map<number, Promise<{ parsed: unknown; text: string }>>();
  /** Blocking problems whose positions may still be asked for, by lint request id. */
  const results = new Map<number, LintProblem[]>();
  const handle = async (req: Request): Promise<Omit<Reply, "id">> => {
    switch (req.kind) {
      case "warm":
        for (const structureOnly of [false, true])
          await lintText("warm-up.json", WARM_UP, { configPath: req.configPath, parsed: JSON.parse(WARM_UP), structureOnly });
        await toYaml({}, "");
        return {};
      case "open": {
        // set before the first await: the lint request, handled next, waits for it
        const opened = Promise.resolve().then(async () => {
          const parsed: unknown = JSON.parse(req.json);
          req.json = ""; // the text is not needed any more
          return { parsed, text: await toYaml(parsed, req.header) };
        });
        docs.set(req.id, opened);
        return { text: (await opened).text };
      }
      case "lint": {
        const doc = await docs.get(req.doc);
        if (!doc) throw new Error(`lint worker: no open document ${req.doc}`);
        // under imported, only the rules whose problems stop generate (lint-policy.ts)
        const problems = await lintText(req.file, () => doc.text, { configPath: req.configPath, parsed: doc.parsed, structureOnly: req.policy === "imported" });
        const blocking = problems.filter((p) => isBlocking(p.rule, req.policy));
        // the document is not needed any more; its text only for the line numbers of blocking problems
        docs.delete(req.doc);
        if (blocking.length) results.set(req.id, blocking);
        else if (req.exitWhenClean) setImmediate(() => process.exit(0));
        const detailed = blocking.slice(0, MAX_DETAILED).map(({ file, severity, rule, message, pointer }) => ({ file, severity, rule, message, pointer }));
        return { problems: detailed, blocking: blocking.length };
      }
      case "position": {
        const problem = results.get(req.lint)?.[req.index];
        return { line: problem?.line ?? 1, col: problem?.col ?? 1 };
      }
      case "release":
        docs.delete(req.doc);
        results.delete(req.lint);
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
/** Requests awaiting a reply, and the worker they went to; `holds` ones keep the process alive (a warm-up does not). */
const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void; holds: boolean; worker: Worker }>();

/**
 * The worker's heap limit (V8's old generation) in MB: MODEL_APIS_WORKER_HEAP_MB, else 256. Without a limit V8 lets
 * the heap grow rather than collect: on GitHub's spec the process peaked at 590-710 MB, with it at 510-580 MB, in the
 * same time. A document that needs more ends the worker (ERR_WORKER_OUT_OF_MEMORY), and openInWorker's fallback does
 * the work in the calling thread.
 */
export function workerHeapMb(): number {
  const raw = process.env.MODEL_APIS_WORKER_HEAP_MB;
  if (raw === undefined || raw === "") return 256;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1)
    throw new CodegenError("MODEL_APIS_WORKER_HEAP_MB", undefined, `must be a whole number of megabytes (got ${JSON.stringify(raw)})`);
  return mb;
}

/** Whether the worker ended because its heap was full. */
function outOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}

function getWorker(): Worker {
  if (worker) return worker;
  // The worker runs this same file (through an entry that registers tsx).
  // a smaller young generation than the default: the worker holds a whole document, and memory is what it costs
  const w = new Worker(new URL("./lint-worker-entry.mjs", import.meta.url), {
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: workerHeapMb() },
  });
  worker = w;
  w.unref();
  w.on("message", (reply: Reply) => {
    pending.get(reply.id)?.resolve(reply);
    pending.delete(reply.id);
  });
  const gone = (error: Error) => {
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      p.reject(error);
      pending.delete(id);
    }
    if (worker === w) worker = undefined;
  };
  w.on("error", gone);
  // it ends itself after the lint of a big document without problems (openInWorker), to give its memory back
  w.on("exit", () => gone(new Error("the lint worker ended")));
  return w;
}

function request(req: Request, holds = true): Promise<Reply> {
  const w = getWorker();
  if (holds) w.ref();
  return new Promise<Reply>((resolve, reject) => {
    pending.set(req.id, { resolve, reject, holds, worker: w });
    w.postMessage(req);
  })
    .finally(() => {
      if (![...pending.values()].some((p) => p.holds && p.worker === w)) w.unref();
    })
    .then((reply) => {
      if (reply.error) throw new Error(reply.error);
      return reply;
    });
}

/**
 * Starts the worker and loads redocly and the house configs in it, while the main thread normalizes. It does not
 * keep the process alive: a command that fails before linting exits at once.
 */
export function warmLintWorker(configPath: string): void {
  request({ id: nextId++, kind: "warm", configPath }, false).catch(() => {
    // a broken config is reported by the lint itself
  });
}

export interface WorkerLint {
  /** At most MAX_DETAILED of the problems that stop generate under the policy, in redocly's order. */
  problems: Problem[];
  /** How many problems stop generate. */
  blocking: number;
  /** 1-based line and column of problems[index] in the YAML text. */
  position(index: number): Promise<{ line: number; col: number }>;
}

export interface WorkerDocument {
  /** specs/<vendor>/openapi.yaml: the header line and the document as YAML, written in the worker. */
  text: Promise<string>;
  /** The lint of the document under the policy, started once its text is written. */
  lint: Promise<WorkerLint>;
  /** Frees the worker's copies of the document and of the problems. */
  release(): void;
}

/**
 * A document whose JSON text is longer ends the worker once it is linted without a problem: its copy of the document
 * and the lint's structures (some 200 MB of heap for GitHub's spec) would otherwise stay in its heap while this thread
 * builds the types and writes the files; the next vendor starts a new worker.
 */
const BIG_DOCUMENT = 2 * 1024 * 1024;

/**
 * Sends the normalized document (`json`, its JSON text) to the worker, which writes its YAML text (`header` is the
 * first line) and lints it: problems name lines of that text, in `file` (specs/<vendor>/openapi.yaml). Under
 * `imported`, only the rules whose problems stop generate run (see lint-policy.ts). When the document does not fit in
 * the worker's heap (workerHeapMb), `inThisThread` does the same work in this thread (openInProcess).
 */
export function openInWorker(
  file: string,
  json: string,
  header: string,
  configPath: string,
  policy: LintPolicy,
  inThisThread: () => WorkerDocument,
): WorkerDocument {
  const doc = nextId++;
  const lintId = nextId++;
  let local: WorkerDocument | undefined;
  const fallback = (error: unknown): WorkerDocument => {
    if (!outOfMemory(error)) throw error;
    return (local ??= inThisThread());
  };
  const text = request({ id: doc, kind: "open", json, header }).then(
    (reply) => reply.text!,
    (error: unknown) => fallback(error).text,
  );
  // sent at once: the worker handles requests in order, so the lint starts as soon as the text is written
  const exitWhenClean = json.length > BIG_DOCUMENT;
  const owner = getWorker();
  const lint = request({ id: lintId, kind: "lint", doc, file, configPath, policy, exitWhenClean })
    .then((reply) => {
      // a worker that is ending gets no more requests: the next one starts a new worker
      if (exitWhenClean && !reply.blocking && worker === owner) worker = undefined;
      return reply;
    })
    .then(
      (reply): WorkerLint => ({
        problems: reply.problems ?? [],
        blocking: reply.blocking ?? 0,
        position: async (index: number) => {
          const { line = 1, col = 1 } = await request({ id: nextId++, kind: "position", lint: lintId, index });
          return { line, col };
        },
      }),
      (error: unknown) => fallback(error).lint,
    );
  text.catch(() => undefined);
  lint.catch(() => undefined);
  // nothing to free in a worker that ended (or in a new one)
  const release = () =>
    void (worker === owner && worker ? request({ id: nextId++, kind: "release", doc, lint: lintId }, false).catch(() => undefined) : undefined);
  return { text, lint, release };
}
