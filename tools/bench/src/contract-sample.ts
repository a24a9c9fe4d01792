/**
 * The contract suite (test/contract: the per-operation checks and the deep checks) on a sample of GitHub's operations,
 * taken as published: a scratch repository with a `github-sample` vendor made the README's way (new-vendor, the spec
 * as upstream, `lint: imported`), plus a `select:` of every 12th operation (101 of 1,223, in document order), then
 * generate and the suite's own files, unchanged, against that vendor's mock alone.
 *
 *   npm run contract:sample -w tools/bench        (prints the counts; writes nothing in the repository)
 *
 * The scratch repository links this checkout's node_modules and packages/{runtime,mock-server,spec-model}, and copies
 * test/ (the suite finds its vendors from the repository it sits in). It is removed at the end.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GITHUB, publishedSpec } from "./github-spec.ts";
import { importVendor } from "./import-vendor.ts";
import { CODEGEN_BIN, ROOT } from "./paths.ts";
import { runProcess } from "./run-process.ts";

const EVERY = 12;
const SLUG = "github-sample";
const METHODS = ["get", "put", "post", "delete", "patch"];

function main(): number {
  const spec = publishedSpec(GITHUB);
  const root = mkdtempSync(join(tmpdir(), "model-apis-contract-sample-"));
  try {
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "contract-sample", private: true, workspaces: [] }));
    cpSync(join(ROOT, "redocly.yaml"), join(root, "redocly.yaml"));
    cpSync(join(ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    mkdirSync(join(root, "packages"));
    for (const pkg of ["runtime", "mock-server", "spec-model"]) symlinkSync(join(ROOT, "packages", pkg), join(root, "packages", pkg));
    cpSync(join(ROOT, "test"), join(root, "test"), { recursive: true, filter: (src) => !/[/\\](node_modules|\.results)$/.test(src) });
    if (existsSync(join(ROOT, "test", "node_modules"))) symlinkSync(join(ROOT, "test", "node_modules"), join(root, "test", "node_modules"));

    importVendor(root, { ...GITHUB, slug: SLUG }, spec);
    const doc = JSON.parse(readFileSync(spec, "utf8")) as { paths: Record<string, Record<string, unknown>> };
    const all = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    const sample = all.filter((_, i) => i % EVERY === 0);
    const vendor = join(root, "specs", SLUG, "vendor.yaml");
    writeFileSync(vendor, `${readFileSync(vendor, "utf8")}select:\n  operations:\n${sample.map((op) => `    - ${JSON.stringify(op)}`).join("\n")}\n`);
    const generated = runProcess(process.execPath, [CODEGEN_BIN, "generate", SLUG], { cwd: root });
    console.error(generated.stdout.trim());

    const report = join(root, "contract-report.json");
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, "node_modules", "vitest", "vitest.mjs"),
        "run",
        "--project",
        "contract",
        "contract/examples.test.ts",
        "contract/deep.test.ts",
        "--reporter=json",
        `--outputFile=${report}`,
      ],
      {
        cwd: join(root, "test"),
        encoding: "utf8",
        env: { ...process.env, CONTRACT_RESULTS_DIR: join(root, "results"), SCARF_ANALYTICS: "false" },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (!existsSync(report))
      throw new Error(`the contract suite wrote no report (exit ${run.status}): ${(run.stderr || run.stdout).trim().split("\n").slice(-5).join(" | ")}`);
    const results = JSON.parse(readFileSync(report, "utf8")) as {
      testResults: { assertionResults: { status: string; title: string; failureMessages: string[] }[] }[];
    };
    const tests = results.testResults.flatMap((f) => f.assertionResults);
    const count = (status: string) => tests.filter((t) => t.status === status).length;
    const passed = count("passed");
    const failed = count("failed");
    const applicable = passed + failed;
    console.log(
      `contract suite on ${sample.length} of ${all.length} GitHub operations (every ${EVERY}th): ${passed} of ${applicable} applicable checks passed (${((100 * passed) / applicable).toFixed(1)}%), ${count("skipped") + count("pending")} skipped`,
    );
    // failures grouped by check and the kind of answer (ids, numbers, paths and values taken out)
    const reasons = new Map<string, number>();
    for (const t of tests.filter((x) => x.status === "failed")) {
      const message = (t.failureMessages[0] ?? "").split("\n")[0]!;
      const check = /\[([^\]]+)\]/.exec(message)?.[1] ?? t.title;
      const what = message
        .replace(/^.*?\]: /, "")
        .replace(/https?:\/\/\S+/g, "<url>")
        .replace(/(path parameter|wrong type at|without) \S+/g, "$1 <name>")
        .replace(/[0-9]+/g, "N")
        .replace(/:.*$/, "")
        .slice(0, 90);
      const key = `${check}: ${what}`;
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${n} × ${reason}`);
    return 0;
  } finally {
    if (process.env.CONTRACT_SAMPLE_KEEP) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = main();
