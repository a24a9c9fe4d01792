/**
 * Records the run creates for its own checks: on a twin or a live server, an operation that names a record is
 * called on a fresh one this run created (never on the spec's example ids, never on somebody else's data), and
 * every record is in the ledger until it is deleted.
 */
import { randomUUID } from "node:crypto";
import { operationRoles, type OperationRole } from "@model-apis/spec-model";
import type { Target } from "./checks.ts";
import { stopped, type Ledger } from "./ledger.ts";
import { createInput, lifecyclePlans, notFoundAnswer, recordOf, withId, type LifecyclePlan } from "./lifecycle.ts";
import type { Operation } from "./operations.ts";
import { exampleInput, type Input } from "./requests.ts";

/** Roles that touch records this run did not create: never run against a live server. */
export const GLOBAL_ROLES = new Set(["clear", "sync", "import"]);
/** Roles that name one existing record. */
export const RECORD_ROLES = new Set(["read", "update", "delete", "toggle", "link"]);

export class Subjects {
  private readonly plans: Map<string, LifecyclePlan>;
  readonly roles: Map<string, OperationRole>;
  private count = 0;

  constructor(
    private readonly target: Target,
    private readonly ledger: Ledger,
    readonly run: string,
  ) {
    this.plans = new Map(lifecyclePlans(target.vendor.spec).map((p) => [p.resource, p]));
    this.roles = operationRoles(target.vendor.spec);
  }

  /** The results folder the ledger lives in. */
  get ledgerDir(): string {
    return this.ledger.dir;
  }

  private get spec() {
    return this.target.vendor.spec;
  }

  private call(operationId: string, input: Input): Promise<unknown> {
    return this.target.createClient({ baseUrl: this.target.baseUrl, token: this.target.token, retries: 0 })[operationId](input);
  }

  /** The lifecycle plan of the resource an operation touches, when it has one. */
  planOf(operationId: string): LifecyclePlan | undefined {
    const role = this.roles.get(operationId);
    return role ? this.plans.get(role.resource) : undefined;
  }

  /** A run-unique label and client id. */
  private fresh(): { label: string; clientId: string } {
    this.count++;
    return { label: `${this.run} ${this.count}`, clientId: `${this.run}-${this.count}` };
  }

  /** A create input for the plan, with a run-unique label (and client id). */
  createInputFor(plan: LifecyclePlan): Input {
    const { label, clientId } = this.fresh();
    return createInput(this.spec, plan, label, clientId);
  }

  /** Notes a record the server created from a create's answer. */
  track(plan: LifecyclePlan, value: unknown): unknown {
    const id = recordOf(plan.semantics, value)?.[plan.semantics.id.property];
    if (id === undefined || id === null || !plan.remove) return id;
    this.ledger.add({
      vendor: this.target.vendor.slug,
      baseUrl: this.target.baseUrl,
      resource: plan.resource,
      id: String(id),
      operation: plan.remove.id,
      method: plan.remove.method,
      path: plan.remove.path,
      input: withId(this.spec, plan.semantics, plan.remove, id),
    });
    return id;
  }

  untrack(plan: LifecyclePlan, id: unknown): void {
    this.ledger.remove(this.target.vendor.slug, plan.resource, String(id));
  }

  /** Creates a record of the plan's resource and returns its id (not once the run is interrupted). */
  async create(plan: LifecyclePlan): Promise<unknown> {
    if (stopped(this.ledger.dir)) throw new Error("the run was interrupted: no more records are created");
    const id = this.track(plan, await this.call(plan.create.id, this.createInputFor(plan)));
    if (id === undefined || id === null) throw new Error(`${this.target.vendor.slug} ${plan.create.id}: the answer holds no ${plan.semantics.id.property}`);
    return id;
  }

  /** The input to call `op` with: its example, on a record this run created where the operation names one. */
  async inputFor(op: Operation): Promise<{ input: Input; id?: unknown; plan?: LifecyclePlan }> {
    const role = this.roles.get(op.id);
    const plan = this.planOf(op.id);
    const base = exampleInput(this.spec, op);
    if (!role || !plan) return { input: base };
    if (role.operation.role === "create" && op.id === plan.create.id) return { input: this.createInputFor(plan), plan };
    if (role.operation.role === "list") {
      // a list of the run's own data is never empty (some servers answer an empty list with an error)
      const id = await this.create(plan);
      return { input: base, id, plan };
    }
    if (!RECORD_ROLES.has(role.operation.role)) return { input: base, plan };
    const id = await this.create(plan);
    return { input: withId(this.spec, plan.semantics, op, id, base), id, plan };
  }

  /** An id of the operation's resource that nobody created. */
  unknownId(op: Operation): unknown {
    const format = this.planOf(op.id)?.semantics.id.format;
    if (format === "integer") return 2_000_000_000 + Math.floor(Math.random() * 100_000_000);
    if (format === "uuid") return randomUUID();
    return `${this.run}-missing`;
  }

  /** Deletes what this run created for this vendor; returns what could not be deleted. */
  async cleanup(): Promise<string[]> {
    const failed: string[] = [];
    for (const entry of this.ledger.list(this.target.vendor.slug)) {
      const plan = this.plans.get(entry.resource);
      const gone = (plan?.remove && notFoundAnswer(plan, plan.remove)?.status) ?? 404;
      const outcome = await this.call(entry.operation, entry.input).then(
        () => "deleted",
        (error: { status?: number }) => (error.status === gone ? "gone" : `${entry.operation} ${entry.id}: ${String(error)}`),
      );
      if (outcome === "deleted" || outcome === "gone") this.ledger.remove(entry.vendor, entry.resource, entry.id);
      else failed.push(outcome);
    }
    return failed;
  }
}
