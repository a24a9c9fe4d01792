import { Worker, isMainThread, parentPort } from "node:worker_threads";
import { lintText, type LintProblem } from "./lint.ts";

/**
 * The house-style lint in a worker thread, so it runs on the second core while the main thread builds types
 * and code (the two slowest stages). The worker parses the text itself: no large structured clone.
 */
interface Request {
  id: number;
  file: string;
  text: string;
  configPath: string;
}
type Plain = Omit<LintProblem, "line" | "col"> & { line: number; col: number };
interface Reply {
  id: number;
  problems?: Plain[];
  total?: number;
  error?: string;
}

/** Problems beyond this many are counted, not transferred (their line numbers are costly on big specs). */
const MAX_DETAILED = 50;

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on("message", async (req: Request) => {
    try {
      const problems = await lintText(req.file, req.text, { configPath: req.configPath });
      const detailed = problems.slice(0, MAX_DETAILED).map((p) => ({ ...p, line: p.line, col: p.col }));
      port.postMessage({ id: req.id, problems: detailed, total: problems.length } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: req.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

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

/** Lints in the worker; resolves to (at most MAX_DETAILED) problems and the total count. */
export function lintInWorker(file: string, text: string, configPath: string): Promise<{ problems: LintProblem[]; total: number }> {
  const id = nextId++;
  const w = getWorker();
  w.ref();
  return new Promise<Reply>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, file, text, configPath } satisfies Request);
  })
    .finally(() => {
      if (pending.size === 0) w.unref();
    })
    .then((reply) => {
      if (reply.error) throw new Error(reply.error);
      return { problems: reply.problems ?? [], total: reply.total ?? 0 };
    });
}
