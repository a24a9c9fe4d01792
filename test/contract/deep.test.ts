/**
 * The deep checks: everything a real server can answer, run the same on each vendor's twin and (CONTRACT_TARGET=
 * live) on a live server. Per operation: success on records this run created, auth without a token and with a
 * bad one, three validation cases, and an unknown id; per resource, the lifecycle and the vendor's refusal of a
 * duplicate or invalid create. Records get a run-unique label and client ids a run-unique prefix; whatever the run
 * created is deleted at the end, also after a failure (and by the global teardown after Ctrl-C).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as runtime from "@model-apis/runtime";
import { authNotApplicable, type ValidationCase, validationInput } from "./lib/applicability.ts";
import { checkAuth, checkSuccess, checkUnknownId, checkValidation, ContractViolation, type AuthCase, type Target } from "./lib/checks.ts";
import { Ledger } from "./lib/ledger.ts";
import { lifecyclePlans, notFoundAnswer, withId } from "./lib/lifecycle.ts";
import { runLifecycle, runRefusal } from "./lib/lifecycle-run.ts";
import { allowDestructive, isDestructive } from "./lib/live.ts";
import { operationsOf, syntheticInput } from "./lib/operations.ts";
import { flushResults, knownIssues, record, recordSkip, RESULTS_DIR } from "./lib/record.ts";
import { exampleInput } from "./lib/requests.ts";
import { GLOBAL_ROLES, RECORD_ROLES, Subjects } from "./lib/subjects.ts";
import { deref, vendors } from "./lib/vendors.ts";

const RUN = `ma-${randomBytes(3).toString("hex")}`;
const VALIDATION: ValidationCase[] = ["missing required field", "wrong type", "bad path parameter"];
const AUTH: AuthCase[] = ["no token", "bad token"];
const ledger = new Ledger(RESULTS_DIR, "deep");

afterAll(() => flushResults("deep"));

for (const vendor of vendors()) {
  describe(`${vendor.slug} (deep)`, () => {
    const target = {} as Target;
    let live = false;
    let subjects: Subjects | undefined;
    beforeAll(async () => {
      const t = inject("servers")[vendor.slug];
      if (!t) return;
      live = t.live;
      const mod = (await import(`@model-apis/${vendor.slug}`)) as Record<string, unknown>;
      const createClient = mod[`create${vendor.clientName}Client`] as Target["createClient"];
      expect(createClient, `@model-apis/${vendor.slug} exports create${vendor.clientName}Client`).toBeTypeOf("function");
      Object.assign(target, { vendor, baseUrl: t.baseUrl, token: t.token, createClient, errors: runtime, examples: false, mock: !t.live });
      subjects = new Subjects(target, ledger, RUN);
    });
    afterAll(async () => {
      const failed = (await subjects?.cleanup()) ?? [];
      expect(failed, `${vendor.slug}: records this run could not delete (see ${RESULTS_DIR})`).toEqual([]);
    });

    /** Why a check cannot run on this target, or undefined. */
    const blocked = (method: string, role?: string): string | undefined => {
      if (!subjects) return "no server for this vendor (set CONTRACT_<SLUG>_BASE_URL and _TOKEN)";
      if (live && isDestructive(method) && !allowDestructive()) return "read-only run: set CONTRACT_ALLOW_DESTRUCTIVE=1";
      if (live && role && GLOBAL_ROLES.has(role)) return `a ${role} touches records this run did not create`;
      return undefined;
    };

    for (const op of operationsOf(vendor.spec)) {
      const role = (() => {
        for (const plan of lifecyclePlans(vendor.spec)) if (plan.semantics.operations?.[op.id]) return plan.semantics.operations[op.id]!.role;
        return undefined;
      })();
      const known = knownIssues(op.op, (node) => deref(vendor.spec, node));
      // every deep check starts from the example call: synthetic when normalize sampled a part of it
      const synthetic = syntheticInput(vendor.spec, op).length > 0;
      describe(op.id, () => {
        const row = (check: string) => ({
          suite: "deep" as const,
          vendor: vendor.slug,
          operation: op.id,
          check,
          ...(op.assumption ? { assumption: true } : {}),
          ...(synthetic ? { synthetic: true } : {}),
        });
        const skip = (check: string, reason: string, ctx: { skip: (note?: string) => void }) => {
          recordSkip(row(check), reason);
          ctx.skip(reason);
        };

        it("success on a record this run created", async (ctx) => {
          const reason = blocked(op.method, role);
          if (reason) return skip("success", reason, ctx);
          const { input, id, plan } = await subjects!.inputFor(op);
          await record(
            row("success"),
            async () => {
              const value = await checkSuccess(target, op, input);
              if (plan && role === "create") subjects!.track(plan, value);
              if (plan && role === "delete") subjects!.untrack(plan, id);
            },
            known,
          );
        });

        if (op.errors.includes("401")) {
          for (const which of AUTH) {
            it(`auth: ${which} gives a 401 AuthenticationError`, async (ctx) => {
              const reason = authNotApplicable(vendor.spec, op) ?? blocked(op.method);
              if (reason) return skip(`auth: ${which}`, reason, ctx);
              await record(row(which === "no token" ? "auth" : "auth: bad token"), () => checkAuth(target, op, which), known);
            });
          }
        }

        for (const which of VALIDATION) {
          if (!validationInput(vendor.spec, op, which, exampleInput(vendor.spec, op))) continue;
          it(`validation: ${which} gives a documented 4xx`, async (ctx) => {
            const reason = blocked(op.method, role);
            if (reason) return skip(which, reason, ctx);
            const { input, plan } = await subjects!.inputFor(op);
            const mutated = validationInput(vendor.spec, op, which, input)!;
            await record(
              row(which),
              () =>
                checkValidation(target, op, which, mutated).catch((error: unknown) => {
                  // a server that accepted the bad create made a record: it goes into the ledger, to be deleted
                  if (plan && role === "create" && error instanceof ContractViolation && error.value !== undefined) subjects!.track(plan, error.value);
                  throw error;
                }),
              known,
            );
          });
        }

        if (role && RECORD_ROLES.has(role)) {
          it("unknown id: the documented not-found", async (ctx) => {
            const reason = blocked(op.method, role);
            if (reason) return skip("unknown id", reason, ctx);
            const resource = subjects!.planOf(op.id)!;
            const status = notFoundAnswer(resource, op)?.status ?? 404;
            const input = withId(vendor.spec, resource.semantics, op, subjects!.unknownId(op), exampleInput(vendor.spec, op));
            await record(row("unknown id"), () => checkUnknownId(target, op, input, status), known);
          });
        }
      });
    }

    for (const plan of lifecyclePlans(vendor.spec)) {
      describe(`${plan.resource} lifecycle`, () => {
        const row = (check: string) => ({ suite: "deep" as const, vendor: vendor.slug, operation: `${plan.resource} lifecycle`, check });
        const context = () => ({
          vendor: vendor.slug,
          spec: vendor.spec,
          plan,
          subjects: subjects!,
          live,
          call: (id: string, input: unknown) => target.createClient({ baseUrl: target.baseUrl, token: target.token, retries: 0 })[id](input),
        });

        it("create two → get each → list holds both → update → get reflects it → delete → not found → list lacks it", async (ctx) => {
          const reason = blocked("post");
          if (reason) return skipWith(row, "lifecycle", reason, ctx);
          await record(row("lifecycle"), () => runLifecycle(context()));
        });

        it("a duplicate or invalid create gets the vendor's own status and body", async (ctx) => {
          const reason = blocked("post");
          if (reason) return skipWith(row, "refusal", reason, ctx);
          await record(row("refusal"), async () => {
            if ((await runRefusal(context())) === undefined) throw new Error("the resource declares neither a duplicate nor a validation answer");
          });
        });
      });
    }
  });
}

function skipWith(row: (check: string) => Parameters<typeof recordSkip>[0], check: string, reason: string, ctx: { skip: (note?: string) => void }): void {
  recordSkip(row(check), reason);
  ctx.skip(reason);
}
