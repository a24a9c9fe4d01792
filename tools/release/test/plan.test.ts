import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ReleaseState } from "@model-apis/codegen/src/release-state.ts";
import type { VendorConfig } from "@model-apis/codegen/src/vendor-config.ts";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { sha256 } from "../src/api-report.ts";
import { changelogEntry, prependEntry } from "../src/changelog.ts";
import { NeedsLevelError, planRelease, type PlanInput } from "../src/plan.ts";
import type { Vendor } from "../src/vendors.ts";

const SPEC = readFileSync(join(import.meta.dirname, "fixtures", "shop.yaml"), "utf8");
const REPORT = "b".repeat(64);
const CONFIG = {
  slug: "shop",
  package: "@model-apis/shop",
  upstream: [{ file: "upstream/openapi.yaml", url: "https://docs.shop.test/openapi.yaml", format: "openapi-3.1.0", retrieved: "2026-12-01" }],
  dir: "/repo/specs/shop",
} as VendorConfig;
const STATE: ReleaseState = {
  version: "0.1.0",
  specSha256: sha256(SPEC),
  upstream: [{ url: "https://docs.shop.test/openapi.yaml", file: "upstream/openapi.yaml", retrieved: "2026-11-01" }],
  inputs: { "vendor.yaml": "1".repeat(64), "overlay.yaml": "2".repeat(64), "upstream/openapi.yaml": "3".repeat(64) },
  dependencies: { "@model-apis/runtime": "^0.1.0", "@model-apis/mock-server": "^0.1.0" },
  apiReportSha256: REPORT,
};

// biome-ignore lint/suspicious/noExplicitAny: test edits reach into the parsed fixture freely
type Doc = Record<string, any>;

/** A vendor whose spec is the fixture after `edit`, released at STATE, with its inputs as `inputs` says. */
function input(edit: ((doc: Doc) => void) | undefined, over: Partial<PlanInput> = {}, inputs: Record<string, string> = STATE.inputs): PlanInput {
  const doc = parse(SPEC);
  edit?.(doc);
  const specText = edit ? stringify(doc) : SPEC;
  const vendor: Vendor = {
    slug: "shop",
    config: CONFIG,
    state: STATE,
    client: { slug: "shop", name: "@model-apis/shop", dir: "/repo/packages/clients/shop", vendorDir: CONFIG.dir },
    mock: { name: "@model-apis/shop-mock", dir: "/repo/packages/mocks/shop" },
    specFile: "/repo/specs/shop/openapi.yaml",
    specText,
    specSha256: sha256(specText),
    inputs,
  };
  return {
    vendor,
    releasedSpec: SPEC,
    handWritten: { "@model-apis/runtime": "0.1.0", "@model-apis/mock-server": "0.1.0" },
    apiReport: { file: "specs/shop/release/shop.api.md", sha256: REPORT },
    ...over,
  };
}

describe("a vendor's release from its spec diff", () => {
  it("a breaking overlay change is a minor bump while 0.x, with a changelog line naming the break and its cause", () => {
    const plan = planRelease(input((d) => delete d.paths["/items/{id}"].get, {}, { ...STATE.inputs, "overlay.yaml": "9".repeat(64) }));
    expect(plan).toMatchObject({ from: "0.1.0", to: "0.2.0", level: "major" });
    expect(plan.state).toMatchObject({ version: "0.2.0", specSha256: sha256(input((d) => delete d.paths["/items/{id}"].get).vendor.specText) });
    const entry = changelogEntry(plan, input((d) => delete d.paths["/items/{id}"].get).vendor);
    expect(entry).toContain("## 0.2.0\n\n**Breaking** (a minor version while 0.x)");
    expect(entry).toContain("- Removed `getItem` (GET /items/{id}): breaking");
    expect(entry).toContain("Caused by: `overlay.yaml` changed.");
  });

  it("a documentation-only change is a patch", () => {
    const plan = planRelease(input((d) => (d.paths["/items"].get.description = "All items.")));
    expect(plan).toMatchObject({ to: "0.1.1", level: "patch" });
    expect(plan.changes.map((c) => c.text)).toEqual(["`listItems` (GET /items): description changed"]);
  });

  it("names the upstream source and its retrieval date when the upstream file changed", () => {
    const plan = planRelease(
      input((d) => (d.components.schemas.Item.properties.color = { type: "string" }), {}, { ...STATE.inputs, "upstream/openapi.yaml": "8".repeat(64) }),
    );
    expect(plan.to).toBe("0.2.0");
    expect(plan.causes).toEqual(["`upstream/openapi.yaml` changed, https://docs.shop.test/openapi.yaml retrieved 2026-12-01 (was 2026-11-01)"]);
  });

  it("a spec change with no input change is put on the normalizer", () => {
    const i = input((d) => (d.paths["/items"].get.description = "All items."));
    expect(changelogEntry(planRelease(i), i.vendor)).toContain("No input in `specs/shop/` changed: the change comes from the normalizer (tools/codegen).");
  });

  it("nothing changed: no new version", () => {
    expect(planRelease(input(undefined))).toMatchObject({ from: "0.1.0", to: undefined, level: undefined, changes: [] });
  });

  it("a hand-written dependency outside its range is rewritten to a caret range, as a breaking change", () => {
    const plan = planRelease(input(undefined, { handWritten: { "@model-apis/runtime": "0.2.0", "@model-apis/mock-server": "0.1.4" } }));
    expect(plan.state?.dependencies).toEqual({ "@model-apis/runtime": "^0.2.0", "@model-apis/mock-server": "^0.1.0" });
    expect(plan.to).toBe("0.2.0");
    expect(plan.changes.map((c) => c.text)).toEqual(["Depends on @model-apis/runtime ^0.2.0 (was ^0.1.0): a version outside the old range"]);
  });

  it("a TypeScript surface change without a spec change needs a level from the maintainer", () => {
    const changed = { apiReport: { file: "specs/shop/release/shop.api.md", sha256: "c".repeat(64) } };
    expect(() => planRelease(input(undefined, changed))).toThrow(NeedsLevelError);
    expect(() => planRelease(input(undefined, changed))).toThrow("npm run release -- --bump shop=patch|minor|major");
    const chosen = input(undefined, { ...changed, requested: "minor" });
    const plan = planRelease(chosen);
    expect(plan).toMatchObject({ to: "0.2.0", level: "minor" });
    const entry = changelogEntry(plan, chosen.vendor);
    expect(entry).toContain("A minor version, as the maintainer chose (the diff of the spec cannot judge this change).");
    expect(entry).toContain(
      "- The client's TypeScript surface changed with no spec change (see specs/shop/release/shop.api.md): minor, as the maintainer chose",
    );
  });

  it("the first release is 0.1.0 and the changelog gets its intro and entry; later entries go on top", () => {
    const first = input(undefined);
    first.vendor.state = undefined;
    const plan = planRelease(first);
    expect(plan).toMatchObject({ from: undefined, to: "0.1.0", state: { version: "0.1.0", dependencies: { "@model-apis/runtime": "^0.1.0" } } });
    const log = prependEntry(undefined, first.vendor, changelogEntry(plan, first.vendor));
    expect(log.startsWith("# Changelog of @model-apis/shop and @model-apis/shop-mock\n")).toBe(true);
    const next = input((d) => (d.paths["/items"].get.description = "All items."));
    const later = prependEntry(log, next.vendor, changelogEntry(planRelease(next), next.vendor));
    expect(later.indexOf("## 0.1.1")).toBeLessThan(later.indexOf("## 0.1.0"));
    expect(later.indexOf("# Changelog of")).toBe(0);
  });
});
