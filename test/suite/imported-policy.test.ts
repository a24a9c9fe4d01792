/**
 * What the contract suite does differently for a spec taken as published (`lint: imported`), and what it does for any
 * vendor when a check does not apply: the helpers the deep and examples checks use, on small specs.
 */
import { describe, expect, it } from "vitest";
import { authNotApplicable, documentedRedirects, PRISM_UNPROCESSABLE, prismValidationAnswer, validationInput } from "../contract/lib/applicability.ts";
import { coverageTable, type ResultRow } from "../contract/lib/coverage.ts";
import { isGeneratedExample, operationsOf, syntheticInput, syntheticResponse } from "../contract/lib/operations.ts";
import { exampleInput } from "../contract/lib/requests.ts";
import { type Spec, vendors } from "../contract/lib/vendors.ts";

const sampled = (value: unknown) => ({ generated: { summary: "Sampled.", "x-model-apis-generated": "openapi-sampler 1.7.10", value } });

function spec(security?: unknown[]): Spec {
  return {
    openapi: "3.1.0",
    ...(security ? { security } : {}),
    paths: {
      "/teams/{team_id}": {
        put: {
          operationId: "updateTeam",
          parameters: [{ name: "team_id", in: "path", required: true, schema: { type: "integer" }, examples: sampled(0) }],
          requestBody: {
            content: {
              "application/json": {
                schema: { type: "object", required: ["name"], properties: { name: { type: "string" }, size: { type: "integer" } } },
                examples: { default: { value: { name: "a", size: 1 } } },
              },
            },
          },
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "object" }, examples: sampled({}) } } },
            "404": { description: "no", content: { "application/json": { schema: { type: "object" }, example: { message: "Not Found" } } } },
          },
        },
      },
      "/logs": {
        get: {
          operationId: "downloadLogs",
          security: [{ bearer: [] }],
          responses: { "302": { description: "to the logs", headers: { Location: { schema: { type: "string" } } } } },
        },
      },
    },
  };
}
const op = (s: Spec, id: string) => operationsOf(s).find((o) => o.id === id)!;

describe("auth checks apply only where the spec requires credentials", () => {
  it("no security on the operation nor at the root: skipped, with the reason", () => {
    expect(authNotApplicable(spec(), op(spec(), "updateTeam"))).toMatch(/declares no security/);
  });

  it("an empty requirement lets a caller without credentials in: skipped", () => {
    const s = spec([{}, { bearer: [] }]);
    expect(authNotApplicable(s, op(s, "updateTeam"))).toMatch(/without credentials/);
  });

  it("a root or operation requirement: the checks run", () => {
    const s = spec([{ bearer: [] }]);
    expect(authNotApplicable(s, op(s, "updateTeam"))).toBeUndefined();
    expect(authNotApplicable(spec(), op(spec(), "downloadLogs"))).toBeUndefined();
  });

  it("every operation of the curated vendors requires credentials", () => {
    for (const vendor of vendors().filter((v) => v.lint === "strict"))
      for (const o of operationsOf(vendor.spec)) expect(authNotApplicable(vendor.spec, o), `${vendor.slug} ${o.id}`).toBeUndefined();
  });
});

describe("Prism's own validation answer (a lint: imported vendor's mock)", () => {
  const s = spec();
  const put = op(s, "updateTeam");
  const answer = (validation: unknown[], extra: Record<string, unknown> = {}) => ({ type: PRISM_UNPROCESSABLE, status: 422, validation, ...extra });

  it("names the fault each mutation made", () => {
    const missing = validationInput(s, put, "missing required field", exampleInput(s, put))!;
    expect(missing.place).toEqual({ location: ["body"], missing: "name" });
    expect(
      prismValidationAnswer(answer([{ location: ["body"], code: "required", message: "Request body must have required property 'name'" }]), missing.place),
    ).toBe(true);
    const wrong = validationInput(s, put, "wrong type", exampleInput(s, put))!;
    expect(wrong.place).toEqual({ location: ["body", "name"] });
    expect(prismValidationAnswer(answer([{ location: ["body", "name"], code: "type", message: "must be string" }]), wrong.place)).toBe(true);
    const path = validationInput(s, put, "bad path parameter", exampleInput(s, put))!;
    expect(prismValidationAnswer(answer([{ location: ["path", "team_id"], code: "type", message: "must be integer" }]), path.place)).toBe(true);
  });

  it("is refused when it names another fault, is not Prism's, or is not a 422", () => {
    const place = { location: ["body"], missing: "name" };
    expect(prismValidationAnswer(answer([{ location: ["body"], code: "required", message: "must have required property 'size'" }]), place)).toBe(false);
    expect(prismValidationAnswer(answer([{ location: ["body", "name"], code: "type", message: "must be string" }]), place)).toBe(false);
    expect(prismValidationAnswer(answer([{ location: ["body"], code: "required", message: "'name'" }], { type: "about:blank" }), place)).toBe(false);
    expect(prismValidationAnswer(answer([{ location: ["body"], code: "required", message: "'name'" }], { status: 400 }), place)).toBe(false);
    expect(prismValidationAnswer({ message: "Validation Failed" }, place)).toBe(false);
    expect(prismValidationAnswer(undefined, place)).toBe(false);
  });
});

describe("an operation that documents only redirects", () => {
  it("expects its 3xx; one with a 2xx expects that", () => {
    expect(documentedRedirects(op(spec(), "downloadLogs"))).toEqual(["302"]);
    expect(documentedRedirects(op(spec(), "updateTeam"))).toEqual([]);
  });
});

describe("synthetic checks: examples normalize sampled", () => {
  const s = spec();
  const put = op(s, "updateTeam");

  it("the parts of the example call that were sampled, and sampled response examples", () => {
    expect(syntheticInput(s, put)).toEqual(["path parameter team_id"]);
    expect(syntheticResponse(s, put, "200")).toBe(true);
    expect(syntheticResponse(s, put, "404")).toBe(false);
    expect(isGeneratedExample(s, { examples: { default: { value: 1 } } })).toBe(false);
    // a published example kept after a sampled replacement: the sampled one is the canonical one
    expect(isGeneratedExample(s, { examples: { ...sampled(1), default: { value: "x" } } })).toBe(true);
  });

  it("the curated vendors have none", () => {
    for (const vendor of vendors().filter((v) => v.lint === "strict"))
      for (const o of operationsOf(vendor.spec)) expect(syntheticInput(vendor.spec, o)).toEqual([]);
  });

  it("the coverage table gets a synthetic column only when a check ran on them", () => {
    const row = (check: string, outcome: ResultRow["outcome"], synthetic?: boolean): ResultRow => ({
      suite: "deep",
      vendor: "acme",
      operation: "updateTeam",
      check,
      outcome,
      ...(synthetic ? { synthetic } : {}),
    });
    const plain = coverageTable([row("success", "pass")], "mocks");
    expect(plain).not.toContain("synthetic");
    const table = coverageTable([row("success", "pass", true), row("wrong type", "fail", true), row("auth", "skip", true)], "mocks");
    expect(table).toContain("| vendor | operation | passed | failed | known | skipped | synthetic | not passed |");
    expect(table).toContain("| acme | updateTeam | 1 | 1 | 0 | 1 | 2 | wrong type (fail, synthetic) |");
    expect(table).toContain("1 of 2 checks run passed (1 failed, 0 known server defects, 2 synthetic); 1 skipped");
  });
});
