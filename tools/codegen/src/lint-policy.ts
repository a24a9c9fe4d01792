/**
 * How strictly the house style (redocly.yaml) applies to a vendor: `lint:` in vendor.yaml.
 *
 * - strict (the default, and every curated vendor): every house-style problem, error or warning, stops generate.
 * - imported (a spec taken as the vendor publishes it, e.g. GitHub's): only the problems that break the client or
 *   the mock stop it (BLOCKING_RULES: not a valid OpenAPI document or schema, an unresolvable $ref, colliding
 *   operationIds or parameters, an undeclared path parameter). generate runs only those rules (on GitHub's spec the
 *   whole house style takes 5.5 s, the structural rules 1 s); `model-apis-codegen lint <vendor>` (and so `npm run
 *   lint` and `npm test`) runs the whole house style, lists and counts every problem, and fails only on blocking ones.
 */
import type { LintProblem } from "./lint.ts";

export const LINT_POLICIES = ["strict", "imported"] as const;
export type LintPolicy = (typeof LINT_POLICIES)[number];

/** Rules that make a document unusable for the pipeline: run on upstream files and on overlay results. */
export const STRUCTURE_RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "path-parameters-defined": "error",
  "operation-operationId-unique": "error",
  "operation-parameters-unique": "error",
} as const;

/** The rules whose problems stop generate under `imported`: the structural ones. */
export const BLOCKING_RULES: ReadonlySet<string> = new Set(Object.keys(STRUCTURE_RULES));

/** Whether a problem of this rule stops generate (and fails `lint`) under the policy. */
export function isBlocking(rule: string, policy: LintPolicy): boolean {
  return policy === "strict" || BLOCKING_RULES.has(rule);
}

/** Problems per rule, most frequent first, e.g. "rule/operation-401 1,328, operation-4xx-response 382". */
export function countByRule(problems: Pick<LintProblem, "rule">[]): [rule: string, count: number][] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.rule, (counts.get(p.rule) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "7,799 house-style problems (rule/operation-401 1,328, …)": at most `shown` rules named. */
export function describeCounts(counts: [string, number][], shown = 4): string {
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const named = counts.slice(0, shown).map(([rule, n]) => `${rule} ${n.toLocaleString("en-US")}`);
  const rest = counts.length > shown ? `, and ${counts.length - shown} more rule(s)` : "";
  return `${total.toLocaleString("en-US")} house-style problem(s) (${named.join(", ")}${rest})`;
}
