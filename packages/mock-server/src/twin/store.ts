/**
 * The twin's state: one collection of records per resource, in insertion order, keyed by the id as a string
 * (a path or query parameter is always a string, a stored integer id is not). Every mutation is synchronous, so
 * concurrent requests on Node's one thread can neither interleave inside one nor lose each other's writes.
 */
import { randomUUID } from "node:crypto";

export type RecordValue = Record<string, unknown>;
export type IdFormat = "uuid" | "integer" | "string";

export class Collection {
  private readonly records = new Map<string, RecordValue>();
  private nextInteger = 1;

  constructor(
    readonly name: string,
    readonly idProperty: string,
    private readonly format: IdFormat | undefined,
  ) {}

  /** A new id in the collection's format (server-made ids). */
  newId(): string | number {
    if (this.format === "integer") return this.nextInteger++;
    const id = randomUUID();
    return this.format === "string" ? `${this.name}_${id.replace(/-/g, "").slice(0, 24)}` : id;
  }

  get(id: unknown): RecordValue | undefined {
    return this.records.get(String(id));
  }

  has(id: unknown): boolean {
    return this.records.has(String(id));
  }

  /** Inserts or replaces the record under its own id. */
  put(record: RecordValue): void {
    const id = record[this.idProperty];
    this.records.set(String(id), record);
    if (typeof id === "number" && Number.isInteger(id) && id >= this.nextInteger) this.nextInteger = id + 1;
  }

  delete(id: unknown): boolean {
    return this.records.delete(String(id));
  }

  clear(): void {
    this.records.clear();
  }

  all(): RecordValue[] {
    return [...this.records.values()];
  }

  get size(): number {
    return this.records.size;
  }

  /** Replaces the whole content (a seed or a reset). */
  load(records: readonly RecordValue[]): void {
    this.records.clear();
    this.nextInteger = 1;
    for (const record of records) this.put(structuredClone(record));
  }
}
