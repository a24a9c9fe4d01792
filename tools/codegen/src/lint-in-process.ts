import { clone } from "./openapi.ts";
import { lintText, type LintProblem } from "./lint.ts";
import { isBlocking, type LintPolicy } from "./lint-policy.ts";
import type { WorkerDocument } from "./lint-worker.ts";
import { toYaml } from "./normalize/format.ts";

/**
 * What openInWorker does (the YAML text of specs/<vendor>/openapi.yaml, then its lint under the policy), in this
 * thread: for a small document it takes milliseconds, less than a worker takes to start (a thread, tsx, redocly).
 */
export function openInProcess(file: string, doc: unknown, header: string, configPath: string, policy: LintPolicy): WorkerDocument {
  const text = toYaml(doc, header);
  const lint = text.then(async (yaml) => {
    // redocly gets its own copy of the document, as the worker's is
    const problems = await lintText(file, yaml, { configPath, parsed: clone(doc), structureOnly: policy === "imported" });
    const blocking: LintProblem[] = problems.filter((p) => isBlocking(p.rule, policy));
    return {
      problems: blocking.map(({ file, severity, rule, message, pointer }) => ({ file, severity, rule, message, pointer })),
      blocking: blocking.length,
      position: async (index: number) => ({ line: blocking[index]?.line ?? 1, col: blocking[index]?.col ?? 1 }),
    };
  });
  text.catch(() => undefined);
  lint.catch(() => undefined);
  return { text, lint, release: () => undefined };
}
