import type { NormalizedProblem, Source } from "@redocly/openapi-core";
import { relative } from "node:path";
import { STRUCTURE_RULES } from "./lint-policy.ts";
import { requirePackage } from "./require-package.ts";

/** Redocly is loaded on first use: it takes ~1 s, and a command that fails on a syntax error should not wait for it. */
type Redocly = typeof import("@redocly/openapi-core");
let redoclyModule: Promise<Redocly> | undefined;
const redocly = () => (redoclyModule ??= Promise.resolve().then(() => requirePackage("@redocly/openapi-core") as Redocly));

export interface LintProblem {
  file: string;
  /** 1-based; computed lazily (it needs the YAML AST, which is costly to build for a big spec). */
  readonly line: number;
  readonly col: number;
  severity: "error" | "warn";
  rule: string;
  message: string;
  pointer: string;
}

export { STRUCTURE_RULES } from "./lint-policy.ts";

const configCache = new Map<string, ReturnType<Redocly["loadConfig"]>>();

function houseConfig({ loadConfig }: Redocly, configPath: string) {
  let config = configCache.get(configPath);
  if (!config) configCache.set(configPath, (config = loadConfig({ configPath })));
  return config;
}

let structureConfig: ReturnType<Redocly["createConfig"]> | undefined;

export interface LintOptions {
  configPath?: string;
  structureOnly?: boolean;
  /** The already-parsed document, so redocly does not parse the text again (lines still come from the text). */
  parsed?: unknown;
}

/**
 * Lints YAML/JSON text with the house style (redocly.yaml), or with the structural rules only. With `parsed`, the
 * text may also be a function that gives it later: it is only read for the line numbers.
 */
export async function lintText(file: string, text: string | (() => string), options: LintOptions): Promise<LintProblem[]> {
  const r = await redocly();
  const config = options.structureOnly
    ? await (structureConfig ??= r.createConfig({ rules: STRUCTURE_RULES } as never))
    : await houseConfig(r, options.configPath!);
  const source = new r.Source(file, typeof text === "string" ? text : "");
  const parsed = options.parsed ?? r.parseYaml(source.body);
  const problems = await r.lintDocument({ document: { source, parsed }, config, externalRefResolver: new r.BaseResolver() });
  // Redocly reports in walk order (document order); lines are only computed for problems that get printed.
  let late: Source | undefined;
  const lines = typeof text === "string" ? undefined : () => (late ??= new r.Source(file, text()));
  return problems.map((p) => toProblem(r, file, p, lines));
}

/** Structural lint of an in-memory document; problems carry JSON pointers only (there is no text). */
export async function lintDocumentObject(doc: unknown, options: Omit<LintOptions, "parsed">): Promise<LintProblem[]> {
  const r = await redocly();
  const config = options.structureOnly
    ? await (structureConfig ??= r.createConfig({ rules: STRUCTURE_RULES } as never))
    : await houseConfig(r, options.configPath!);
  const problems = await r.lintDocument({
    document: { source: new r.Source("document.json", ""), parsed: doc },
    config,
    externalRefResolver: new r.BaseResolver(),
  });
  return problems.map(
    (p) =>
      ({
        file: "document.json",
        line: 0,
        col: 0,
        severity: p.severity === "error" ? "error" : "warn",
        rule: p.ruleId,
        message: p.message,
        pointer: p.location[0]?.pointer ?? "#/",
      }) as LintProblem,
  );
}

function toProblem({ getLineColLocation }: Redocly, file: string, problem: NormalizedProblem, lines?: () => Source): LintProblem {
  const location = problem.location[0];
  let lineCol: ReturnType<typeof getLineColLocation> | undefined;
  const position = () => (lineCol ??= location ? getLineColLocation(lines ? { ...location, source: lines() } : location) : undefined)?.start;
  return {
    file,
    get line() {
      return position()?.line ?? 1;
    },
    get col() {
      return position()?.col ?? 1;
    },
    severity: problem.severity === "error" ? "error" : "warn",
    rule: problem.ruleId,
    message: problem.message,
    pointer: location?.pointer ?? "#/",
  };
}

/** `file:line:col severity rule message`, the format editors and CI annotations understand. */
export function formatProblem(p: LintProblem, cwd = process.cwd()): string {
  return `${relative(cwd, p.file) || p.file}:${p.line}:${p.col} ${p.severity} ${p.rule} ${p.message.replace(/\s+/g, " ")}`;
}
