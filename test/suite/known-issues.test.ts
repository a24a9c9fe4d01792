/** A divergence the spec records as a server defect is reported as known; any other divergence fails. */
import { describe, expect, it } from "vitest";
import { ContractViolation, type Divergence } from "../contract/lib/divergence.ts";
import { operationsOf } from "../contract/lib/operations.ts";
import { knownIssues, record } from "../contract/lib/record.ts";
import { deref, vendors } from "../contract/lib/vendors.ts";

const openWebui = vendors().find((v) => v.slug === "open-webui")!;
const update = operationsOf(openWebui.spec).find((o) => o.id === "updateModel")!;
const known = knownIssues(update.op, (node) => deref(openWebui.spec, node));
const row = { suite: "deep" as const, vendor: "open-webui", operation: "updateModel", check: "success" };
const divergence = (status: number): Divergence => ({
  vendor: "open-webui",
  operation: "updateModel",
  check: "success",
  request: { method: "post", path: "/api/v1/models/model/update" },
  expected: "200",
  got: { status, message: `status ${status}` },
});

describe("x-known-issue", () => {
  it("Open WebUI's update documents its 0.10.2 defect on the 500 response", () => {
    expect(known).toEqual([{ status: 500, description: expect.stringContaining("0.10.2") }]);
  });

  it("a divergence with the known status is recorded as known and does not fail", async () => {
    await expect(record(row, () => Promise.reject(new ContractViolation("boom", divergence(500))), known)).resolves.toBeUndefined();
  });

  it("a divergence with another status fails", async () => {
    await expect(record(row, () => Promise.reject(new ContractViolation("boom", divergence(502))), known)).rejects.toThrow("boom");
  });
});
