/**
 * Golden cases of specs taken as published: each goes the README's way (new-vendor, the file as upstream, `lint:
 * imported` in vendor.yaml, no overlay), then generate, strict tsc over the generated client and mock, the whole
 * house-style lint (counted: what blocks and what does not), and the examples normalize generated, checked against
 * their schemas; then the contract suite on a sample of about 100 of its operations (contract-sample.ts), with a
 * target of 95% of the applicable checks. Counts, not timings: the generate section measures the time.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { GITHUB, OPENAI, publishedSpec, type PublishedSpec } from "./github-spec.ts";
import { contractSample, passRate, resultsBlock, SAMPLE_TARGET, type SampleResult, summaryLine } from "./contract-sample.ts";
import { importVendor } from "./import-vendor.ts";
import { firstExample } from "../../../packages/spec-model/src/operations.ts";
import { escapeToken } from "../../../packages/spec-model/src/pointer.ts";
import { CODEGEN_BIN } from "./paths.ts";
import { runProcess } from "./run-process.ts";
import { table } from "./report.ts";
import { errorRow, type Row, type SectionResult } from "./row.ts";
import { tempRepo } from "./temp-repo.ts";
import { typecheckPackages } from "./typecheck-packages.ts";

const require = createRequire(import.meta.url);

export async function importSection(): Promise<SectionResult> {
  const rows: Row[] = [];
  const samples: SampleResult[] = [];
  for (const spec of [GITHUB, OPENAI]) {
    try {
      rows.push(...goldenCase(spec));
    } catch (error) {
      rows.push(errorRow(`import · ${spec.slug}`, error));
    }
    try {
      const sample = contractSample(spec);
      samples.push(sample);
      rows.push(sampleRow(sample));
    } catch (error) {
      rows.push(errorRow(`import · ${spec.slug}: contract suite on a sample`, error));
    }
  }
  return {
    blocks: [importBlock(rows), ...(samples.length ? [resultsBlock(samples, new Date().toISOString().slice(0, 10))] : [])],
    rows,
    notes: [
      "import: " +
        [GITHUB, OPENAI].map((s) => `${s.label} from ${s.package} ${s.version} (${s.member.replace(/^package\//, "")}, ${s.format})`).join("; ") +
        ". Each through new-vendor, the file as upstream/openapi.yaml, `lint: imported` in vendor.yaml and nothing else. " +
        "Style problems: the house style's problems that do not stop an imported vendor (`model-apis-codegen lint <vendor>` lists them). " +
        "Generated examples: what normalize samples from the schemas where the spec has none (lint: imported only), validated with ajv 2020-12 and ajv-formats. " +
        "Served body examples: the first example of every media type (the one the mock serves), validated with ajv the same way; normalize judges published examples with an interpreting validator (@cfworker/json-schema, with ajv-formats' formats), and this row is ajv's verdict on what it left first. " +
        "Contract sample: the contract suite's per-operation and deep checks on every Nth operation (about 100; npm run contract:sample -w tools/bench), applicable = passed + failed (a skipped check does not apply); its failures and skips are listed below.",
    ],
  };
}

function goldenCase(spec: PublishedSpec): Row[] {
  const file = publishedSpec(spec);
  const repo = tempRepo([]);
  try {
    importVendor(repo.root, spec, file);
    const name = `import · ${spec.slug}`;
    const generate = runProcess(process.execPath, [CODEGEN_BIN, "generate", spec.slug], { cwd: repo.root, allowFail: true });
    const ops = /(\d+) operations/.exec(generate.stdout)?.[1];
    const warnings = generate.stderr.split("\n").filter((l) => l.startsWith("warning:")).length;
    const rows: Row[] = [
      {
        case: `${name}: new-vendor + lint: imported + generate, no overlay`,
        ours:
          generate.code === 0
            ? `${Number(ops).toLocaleString("en-US")} operations, ${warnings} warning(s)`
            : `exit ${generate.code}: ${generate.stderr.trim().split("\n").at(-1)}`,
        baseline: "—",
        target: "generates",
        met: generate.code === 0,
        why: "see the error",
      },
    ];
    if (generate.code !== 0) return rows;
    const tsc = typecheckPackages(repo.root, spec.slug);
    const tscErrors = (tsc.stdout.match(/error TS\d+/g) ?? []).length;
    rows.push({
      case: `${name}: client and mock, strict tsc`,
      ours: tsc.code === 0 ? "0 errors" : `${tscErrors} error(s): ${tsc.stdout.split("\n")[0]}`,
      baseline: "—",
      target: "0 errors",
      met: tsc.code === 0,
      why: "see the tsc output",
    });
    const lint = runProcess(process.execPath, [CODEGEN_BIN, "lint", spec.slug], { cwd: repo.root, allowFail: true });
    const summary = /lint imported: (\d+) blocking problem\(s\)(?:; ([\d,]+) house-style problem\(s\) \((.*)\) not blocking)?/.exec(lint.stdout);
    rows.push({
      case: `${name}: house-style lint`,
      ours: summary
        ? `${summary[1]} blocking; ${summary[2] ?? 0} style problem(s)${summary[3] ? `: ${summary[3]}` : ""}`
        : `unexpected output: ${lint.stdout.trim().slice(0, 200)}`,
      baseline: "—",
      target: "0 blocking",
      met: summary?.[1] === "0" && lint.code === 0,
      why: "a problem that breaks the client or the mock",
    });
    const { total, valid, replacing, served, servedValid } = generatedExamples(
      JSON.parse(readFileSync(join(repo.root, "packages", "clients", spec.slug, "openapi.json"), "utf8")),
    );
    const n = (x: number) => x.toLocaleString("en-US");
    rows.push({
      case: `${name}: generated examples valid against their schemas`,
      ours: `${n(valid)} of ${n(total)} (${n(replacing)} of them in front of a published example that violates its schema)`,
      baseline: "—",
      target: "—",
    });
    // normalize's own count of invalid published examples it found no valid sample for (they stay first)
    const unsolved = Number(/(\d+) more have no valid sample/.exec(generate.stderr)?.[1] ?? 0);
    rows.push({
      case: `${name}: served body examples valid under ajv`,
      ours: `${n(servedValid)} of ${n(served)} (normalize found no valid sample for ${n(unsolved)})`,
      baseline: "—",
      target: "all but those",
      met: served - servedValid <= unsolved,
      why: "normalize's example check (an interpreting validator) let through an example that ajv, Prism's validator, rejects",
    });
    return rows;
  } finally {
    repo.dispose();
  }
}

/**
 * The section's rows as a block of their own (marked, so that `npm run bench -- --only import` writes it into
 * RESULTS.md without a full run): the counts of the published specs, the problems reported and the checks passed.
 */
function importBlock(rows: Row[]): string {
  return [
    "<!-- import:start -->",
    `## Specs taken as published (\`npm run bench -- --only import\`, ${new Date().toISOString().slice(0, 10)})`,
    "",
    table(rows),
    "<!-- import:end -->",
  ].join("\n");
}

/** The contract sample's row: the share of applicable checks passed, against the 95% target. */
function sampleRow(r: SampleResult): Row {
  return {
    case: `import · ${r.spec.slug}: contract suite on a ${r.sampled}-operation sample`,
    ours: `${summaryLine(r)}; ${r.synthetic} of ${r.run} checks run on sampled examples`,
    baseline: "—",
    target: `≥ ${SAMPLE_TARGET * 100}% of the applicable checks`,
    met: passRate(r) >= SAMPLE_TARGET,
    why: `failures: ${r.failures.map(([reason, n]) => `${n} × ${reason}`).join("; ")}`,
  };
}

/**
 * Every examples.generated entry that normalize added (x-model-apis-generated), validated against its schema; and the
 * first example of every media type (the one the mock serves), validated the same way: normalize decides which
 * published examples are invalid with an interpreting validator (example-check.ts), and this is ajv's verdict on
 * what it left first.
 */
export function generatedExamples(doc: Record<string, unknown>): { total: number; valid: number; replacing: number; served: number; servedValid: number } {
  const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;
  const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
  const ajv = new Ajv2020({ strict: false, logger: false });
  addFormats(ajv);
  ajv.addSchema(doc, "spec");
  const validAt = (pointer: string, value: unknown) => {
    try {
      return ajv.compile({ $ref: `spec#${pointer}/schema` })(value);
    } catch {
      return false; // a schema ajv cannot compile counts as not valid
    }
  };
  const out = { total: 0, valid: 0, replacing: 0, served: 0, servedValid: 0 };
  const stack: [unknown, string][] = [[doc, ""]];
  while (stack.length) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const holder = node as { schema?: unknown; example?: unknown; examples?: Record<string, { value?: unknown; "x-model-apis-generated"?: unknown }> };
    const generated = holder.examples?.generated;
    if (!Array.isArray(node) && generated?.["x-model-apis-generated"] && holder.schema) {
      out.total++;
      if (Object.keys(holder.examples ?? {}).length > 1) out.replacing++;
      if (validAt(pointer, generated.value)) out.valid++;
    }
    // the first example with a value, as the mock and the contract suite take it
    const first = !Array.isArray(node) && holder.schema && /\/content\/[^/]+$/.test(pointer) ? firstExample(doc, holder) : undefined;
    if (first !== undefined) {
      out.served++;
      if (validAt(pointer, first)) out.servedValid++;
    }
    for (const [key, value] of Object.entries(node)) stack.push([value, `${pointer}/${escapeToken(key)}`]);
  }
  return out;
}
