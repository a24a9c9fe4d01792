import { createConfig, getLineColLocation, lintFromString, loadConfig, type NormalizedProblem } from "@redocly/openapi-core";
import { relative } from "node:path";

export interface LintProblem {
  file: string;
  line: number;
  col: number;
  severity: "error" | "warn";
  rule: string;
  message: string;
  pointer: string;
}

/** Rules that make a document unusable for the pipeline: run on upstream files and on overlay results. */
const STRUCTURE_RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "path-parameters-defined": "error",
  "operation-operationId-unique": "error",
  "no-identical-paths": "error",
  "no-ambiguous-paths": "error",
  "operation-parameters-unique": "error",
} as const;

const configCache = new Map<string, ReturnType<typeof loadConfig>>();

function houseConfig(configPath: string) {
  let config = configCache.get(configPath);
  if (!config) configCache.set(configPath, (config = loadConfig({ configPath })));
  return config;
}

let structureConfig: ReturnType<typeof createConfig> | undefined;

/** Lints YAML/JSON text with the house style (redocly.yaml), or with the structural rules only. */
export async function lintText(file: string, text: string, options: { configPath?: string; structureOnly?: boolean }): Promise<LintProblem[]> {
  const config = options.structureOnly
    ? await (structureConfig ??= createConfig({ rules: STRUCTURE_RULES } as never))
    : await houseConfig(options.configPath!);
  const problems = await lintFromString({ source: text, absoluteRef: file, config });
  return problems.filter((p) => p.severity !== "off").map((p) => toProblem(file, p)).sort(byPosition);
}

function toProblem(file: string, problem: NormalizedProblem): LintProblem {
  const location = problem.location[0];
  const lineCol = location ? getLineColLocation(location) : undefined;
  return {
    file,
    line: lineCol?.start.line ?? 1,
    col: lineCol?.start.col ?? 1,
    severity: problem.severity === "error" ? "error" : "warn",
    rule: problem.ruleId,
    message: problem.message,
    pointer: location?.pointer ?? "#/",
  };
}

function byPosition(a: LintProblem, b: LintProblem): number {
  return a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule);
}

/** `file:line:col severity rule message`, the format editors and CI annotations understand. */
export function formatProblem(p: LintProblem, cwd = process.cwd()): string {
  return `${relative(cwd, p.file) || p.file}:${p.line}:${p.col} ${p.severity} ${p.rule} ${p.message.replace(/\s+/g, " ")}`;
}
