/**
 * Writes the vendor's resource and pagination semantics (vendor.yaml `resources:` and `pagination:`) into the
 * normalized document as x-model-apis-resources (root) and x-model-apis-pagination (list operations), after
 * checking them against the document. A problem is a one-line error at its place in vendor.yaml.
 */
import { join } from "node:path";
import { CodegenError } from "../errors.ts";
import type { OpenApiDoc } from "../openapi.ts";
import { checkPagination, checkResources, describeProblem, listOperations, PAGINATION_EXTENSION, RESOURCES_EXTENSION } from "../spec-model.ts";
import type { VendorConfig } from "../vendor-config.ts";

export function applySemantics(doc: OpenApiDoc, config: VendorConfig): void {
  const file = join(config.dir, "vendor.yaml");
  const fail = (base: (string | number)[], problem: { at: (string | number)[]; message: string }): never => {
    const { pointer, message } = describeProblem(base, problem);
    throw new CodegenError(file, pointer, message);
  };
  if (config.pagination) {
    const byId = new Map(listOperations(doc).map((entry) => [entry.op.operationId as string, entry]));
    for (const [operationId, pagination] of Object.entries(config.pagination)) {
      const entry = byId.get(operationId);
      if (!entry) fail(["pagination", operationId], { at: [], message: `no operation "${operationId}" in the normalized spec` });
      const problem = checkPagination(pagination, doc, entry!)[0];
      if (problem) fail(["pagination", operationId], problem);
      entry!.op[PAGINATION_EXTENSION] = pagination;
    }
  }
  if (config.resources) {
    const problem = checkResources(config.resources, doc)[0];
    if (problem) fail(["resources"], problem);
    doc[RESOURCES_EXTENSION] = config.resources;
  }
}
