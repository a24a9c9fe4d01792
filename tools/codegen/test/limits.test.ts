import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STRING, parseText } from "../src/load.ts";
import { MAX_OPERATIONS } from "../src/normalize/index.ts";
import { CliHost } from "./cli-host.ts";
import { tempRepo } from "./helpers.ts";

/**
 * Absurd specs are refused, within a memory bound: the CLI runs with a 256 MB heap (in a CLI host of its own, started
 * with --max-old-space-size=256), where running out of memory would end it with a crash instead of the one-line
 * error. (The 10 MB description and the 50 MB file also run through all three commands in the broken-spec corpus.)
 */
const HEAP_MB = 256;
let root: string;
let cleanup: () => void;
const host = new CliHost({ nodeOptions: [`--max-old-space-size=${HEAP_MB}`] });

beforeAll(() => ({ root, cleanup } = tempRepo()));
afterAll(() => {
  host.close();
  cleanup?.();
});

function runWithSpec(file: string, content: string, command: string) {
  writeFileSync(join(root, "specs/tiny/upstream", file), content);
  const vendor = join(root, "specs/tiny/vendor.yaml");
  writeFileSync(vendor, readFileSync(vendor, "utf8").replace(/file: upstream\/\S+/, `file: upstream/${file}`));
  return host.run(root, command);
}

describe("limits", () => {
  const operations = 100_000;
  const paths = Object.fromEntries(
    Array.from({ length: operations }, (_, i) => [`/p${i}`, { get: { operationId: `getP${i}`, responses: { "200": { description: "ok" } } } }]),
  );
  const huge = JSON.stringify({ openapi: "3.0.3", info: { title: "Huge", version: "1" }, paths });

  it.each(["normalize", "generate"])(`%s refuses a spec with ${operations} operations in one line, within a ${HEAP_MB} MB heap`, async (command) => {
    const result = await runWithSpec("many-operations.json", huge, command);
    expect(result.stderr).toBe(
      `error: specs/tiny/upstream/many-operations.json:#/paths: ${operations} operations after select; the limit is ${MAX_OPERATIONS} (select fewer with vendor.yaml select:)\n`,
    );
    expect(result.code).toBe(1);
  });

  it(`normalize refuses a 10 MB description in one line, within a ${HEAP_MB} MB heap`, async () => {
    const result = await runWithSpec(
      "long-description.json",
      JSON.stringify({ openapi: "3.0.3", info: { title: "Long", version: "1", description: "x".repeat(10_000_000) }, paths: {} }),
      "normalize",
    );
    expect(result.stderr).toBe("error: specs/tiny/upstream/long-description.json:1:71: a string of 10.0 million characters; the limit is 1 million\n");
    expect(result.code).toBe(1);
  });

  it("a string of exactly the limit is accepted, one character more is not (JSON and YAML)", () => {
    const at = (length: number) => `{"info": {"description": "${"x".repeat(length)}"}}`;
    expect(() => parseText("a.json", at(MAX_STRING - 1))).not.toThrow();
    expect(() => parseText("a.json", at(MAX_STRING + 1))).toThrow(/a\.json:1:26: a string of 1\.0 million characters/);
    expect(() => parseText("a.yaml", `info:\n  description: ${"x".repeat(MAX_STRING)}\n`)).not.toThrow();
    expect(() => parseText("a.yaml", `info:\n  description: ${"x".repeat(MAX_STRING + 1)}\n`)).toThrow(/a\.yaml:2:16: a string of 1\.0 million characters/);
    expect(() => parseText("a.yaml", `info:\n  ? ${"k".repeat(MAX_STRING + 1)}\n  : 1\n`)).toThrow(/a\.yaml:2:5: a string/); // a key
  });
});
