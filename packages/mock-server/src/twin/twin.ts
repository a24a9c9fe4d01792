/**
 * The twin: the state of every resource a spec declares in x-model-apis-resources, and the answers built from it.
 * It knows nothing about any vendor: the semantics, schemas and examples of the spec say everything.
 */
import { readFileSync } from "node:fs";
import {
  allExamples,
  deref,
  findOperation,
  getAt,
  isRecord,
  listOperations,
  operationRoles,
  PAGINATION_EXTENSION,
  readResources,
  type OperationEntry,
  type OperationRole,
  type PaginationSemantics,
  type ResourceSemantics,
} from "@model-apis/spec-model";
import { fixedAnswer, success, type TwinRequest, type TwinResponse } from "./context.js";
import { fromRepresentation } from "./records.js";
import { ROLE_HANDLERS } from "./roles.js";
import { Collection, type RecordValue } from "./store.js";
import { validationBody, type Violation } from "./validation-errors.js";

/** Where a twin's state starts: the spec's examples, nothing, a JSON file, or an object (resource → records). */
export type TwinSeed = "examples" | "empty" | { file: string } | Record<string, RecordValue[]>;

export type TwinState = Record<string, RecordValue[]>;

function successExamples(doc: Record<string, unknown>, entry: OperationEntry): unknown[] {
  const { contentType } = success({ doc, entry });
  const responses = isRecord(entry.op.responses) ? entry.op.responses : {};
  const key = Object.keys(responses).find((k) => /^2\d\d$/.test(k));
  const response = key === undefined ? undefined : deref<Record<string, unknown>>(doc, responses[key]);
  const content = isRecord(response?.content) ? response.content : {};
  return contentType === undefined ? [] : allExamples(doc, content[contentType]);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export class Twin {
  private readonly collections = new Map<string, Collection>();
  private readonly roles: Map<string, OperationRole>;
  private readonly entries: Map<string, OperationEntry>;
  private readonly initial: TwinState;
  private readonly links = new Map<string, Set<string>>();
  private readonly resources: Record<string, ResourceSemantics>;

  constructor(
    private readonly doc: Record<string, unknown>,
    seed: TwinSeed = "examples",
  ) {
    this.resources = readResources(doc);
    this.roles = operationRoles(doc);
    this.entries = new Map(listOperations(doc).map((e) => [String(e.op.operationId), e]));
    for (const [name, semantics] of Object.entries(this.resources))
      this.collections.set(name, new Collection(name, semantics.id.property, semantics.id.format));
    this.initial = this.seedState(seed);
    this.reset();
  }

  /** Whether the spec declares any resource (without one, the twin answers nothing and Prism answers all). */
  get active(): boolean {
    return this.collections.size > 0;
  }

  /** Whether this operation's answers come from the state. */
  owns(operationId: string): boolean {
    return this.roles.has(operationId);
  }

  reset(): void {
    this.links.clear();
    for (const [name, collection] of this.collections) collection.load(this.initial[name] ?? []);
  }

  snapshot(): TwinState {
    return Object.fromEntries([...this.collections].map(([name, c]) => [name, structuredClone(c.all())]));
  }

  /** The answer of a valid request to an operation the twin owns. */
  answer(operationId: string, request: TwinRequest): TwinResponse {
    const role = this.roles.get(operationId);
    const entry = this.entries.get(operationId);
    if (!role || !entry) throw new Error(`the twin does not own operation ${operationId}`);
    return ROLE_HANDLERS[role.operation.role]({
      doc: this.doc,
      entry,
      role,
      collection: this.collections.get(role.resource)!,
      collectionOf: (name) => this.collections.get(name),
      request,
      links: this.links,
    });
  }

  /** The validation style of the operation's resource, else the first resource that declares one. */
  private validation(operationId: string) {
    const own = this.roles.get(operationId)?.semantics.errors?.validation;
    return own ?? Object.values(this.resources).find((r) => r.errors?.validation)?.errors?.validation;
  }

  /** The vendor's answer to a request that failed validation, or undefined when the spec names no style. */
  validationAnswer(operationId: string, violations: readonly Violation[], sources: Record<string, unknown>): TwinResponse | undefined {
    const refusals = this.roles.get(operationId)?.semantics.errors?.refusals ?? [];
    for (const refusal of refusals) {
      if (violations.some((v) => v.location.join(".") === refusal.location && v.code === refusal.code)) return fixedAnswer(refusal, undefined);
    }
    const style = this.validation(operationId);
    if (!style) return undefined;
    return { status: style.status, contentType: "application/json", body: validationBody(style.style, style.status, violations, sources) };
  }

  /** The vendor's answer to a body that is not JSON, or undefined. */
  malformedAnswer(operationId: string | undefined): TwinResponse | undefined {
    const own = operationId === undefined ? undefined : this.roles.get(operationId)?.semantics.errors?.malformed;
    const answer = own ?? Object.values(this.resources).find((r) => r.errors?.malformed)?.errors?.malformed;
    return answer ? fixedAnswer(answer, undefined) : undefined;
  }

  private seedState(seed: TwinSeed): TwinState {
    const state: TwinState = {};
    for (const [name, semantics] of Object.entries(this.resources)) {
      if (semantics.seed) state[name] = this.fromExamples(semantics, [{ operation: semantics.seed.operation, pointer: semantics.seed.pointer }]);
      else if (seed === "examples") state[name] = this.fromExamples(semantics, this.examplePlaces(name, semantics));
    }
    if (seed === "examples" || seed === "empty") return state;
    const given = "file" in seed && typeof seed.file === "string" ? readSeedFile(seed.file) : (seed as TwinState);
    for (const [name, records] of Object.entries(given)) {
      if (!this.collections.has(name))
        throw new Error(`Twin seed: no resource "${name}" (the spec declares ${[...this.collections.keys()].join(", ") || "none"})`);
      if (!Array.isArray(records) || !records.every(isRecord)) throw new Error(`Twin seed: "${name}" must be a list of records`);
      state[name] = records;
    }
    return state;
  }

  /** Where a resource's records appear in examples: the single-record bodies of reads, the items of lists. */
  private examplePlaces(name: string, semantics: ResourceSemantics): { operation: string; pointer: string }[] {
    const places: { operation: string; pointer: string }[] = [];
    for (const [operationId, role] of this.roles) {
      if (role.resource !== name) continue;
      if (role.operation.role === "read") places.push({ operation: operationId, pointer: semantics.envelope?.single ?? "" });
      if (role.operation.role === "list" && !role.operation.where) {
        const pagination = this.entries.get(operationId)?.op[PAGINATION_EXTENSION] as PaginationSemantics | undefined;
        places.push({ operation: operationId, pointer: pagination?.items ?? "" });
      }
    }
    return places;
  }

  private fromExamples(semantics: ResourceSemantics, places: { operation: string; pointer: string }[]): RecordValue[] {
    const byId = new Map<string, RecordValue>();
    for (const place of places) {
      const entry = findOperation(this.doc, place.operation);
      if (!entry) continue;
      for (const example of successExamples(this.doc, entry)) {
        for (const value of asList(getAt(example, place.pointer))) {
          const record = fromRepresentation(semantics, value);
          const id = record?.[semantics.id.property];
          if (record && id !== undefined && id !== null && !byId.has(String(id))) byId.set(String(id), record);
        }
      }
    }
    return [...byId.values()];
  }
}

function readSeedFile(file: string): TwinState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`Cannot read the twin seed ${file}: ${reason}`);
  }
  if (!isRecord(parsed)) throw new Error(`Twin seed ${file}: expected a JSON object of resource name to records`);
  return parsed as TwinState;
}
