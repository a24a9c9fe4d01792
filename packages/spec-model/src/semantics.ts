/**
 * The resource and pagination semantics that normalize writes into a spec as two documented extensions, and the
 * readers of them. specs/README.md documents every key; check-semantics.ts checks them against the document.
 */
import { getAt } from "./pointer.js";
import { isRecord } from "./refs.js";
import { listOperations } from "./operations.js";

/** Root extension: resource name → its semantics. */
export const RESOURCES_EXTENSION = "x-model-apis-resources";
/** Operation extension: how a list operation pages. */
export const PAGINATION_EXTENSION = "x-model-apis-pagination";

export const ROLES = ["create", "read", "list", "update", "delete", "toggle", "clear", "import", "sync", "link"] as const;
export type Role = (typeof ROLES)[number];

/** `path:<name>`, `query:<name>` or `body:<JSON pointer>`. */
export type IdLocation = string;

/** A fixed answer: status and body; `{id}` in a body string becomes the id the request named. */
export interface ErrorAnswer {
  status: number;
  body?: unknown;
}

export const VALIDATION_STYLES = ["problem", "fastapi", "dry-validation"] as const;
export type ValidationStyle = (typeof VALIDATION_STYLES)[number];

export interface ListFilter {
  /** Query parameter; a repeated parameter matches any of its values. */
  param: string;
  /** Record fields compared with the value. */
  fields: string[];
  /** `exact` equality, or `contains` (case-insensitive substring). */
  match: "exact" | "contains";
  /** One value holds several, separated by this (e.g. `,` for `query_type=raw_sql,dbt`). */
  split?: string;
}

export interface ResourceOperation {
  role: Role;
  /** Where the request names the record (read, update, delete, toggle, link; create with a client-given id). */
  id?: IdLocation;
  /** update: `merge` (sent fields overwrite) or `replace` (the body is the new record). Default `merge`. */
  mode?: "merge" | "replace";
  /** update with `replace`: fields kept from the stored record when the body lacks them (or sends null). */
  keepWhenAbsent?: string[];
  /** update: take only these fields from the body. */
  fields?: string[];
  /** toggle: the boolean field that is flipped. */
  field?: string;
  /** import and sync: JSON pointer of the records array in the body. */
  items?: string;
  /** list: query filters. */
  filters?: ListFilter[];
  /** list: only records whose field is non-null (`present`) or null/absent (`absent`). */
  where?: Record<string, "present" | "absent">;
  /** This operation's answer for an unknown id, when it differs from the resource's. */
  notFound?: ErrorAnswer;
}

/** A value the server fills: `now` (ISO date-time or epoch seconds, after the field's schema), `uuid`, `id`, or a constant. */
export type Fill = "now" | "uuid" | "id" | { value: unknown };

export interface Related {
  /** The resource that holds the related records. */
  collection: string;
  /** Record field that receives the related record (default: none). */
  as?: string;
  /** Fields copied from the related record when the request leaves them out or null. */
  copy?: string[];
  /** The answer to a create when no related record has that id. */
  missing?: ErrorAnswer;
  /** The answer to an update that names a related id nobody has (default: the update goes through). */
  missingOnUpdate?: ErrorAnswer;
}

export interface ResourceSemantics {
  /** components/schemas name of one record as responses show it (inside the envelope). */
  schema: string;
  id: {
    property: string;
    source: "server" | "client";
    /** How a server makes ids. */
    format?: "uuid" | "integer" | "string";
    /** A client-given id longer than this (or empty) gets `invalid`. */
    maxLength?: number;
    invalid?: ErrorAnswer;
  };
  envelope?: {
    /** JSON pointer of the record's fields in create and update bodies (default: the body). */
    request?: string;
    /** JSON pointer of the record in single-record responses (default: the body). */
    single?: string;
    /** Inside a record's representation: where the id goes, and where the other fields go. */
    id?: string;
    attributes?: string;
  };
  /** operationId → role; a seeded, read-only resource may have none. */
  operations?: Record<string, ResourceOperation>;
  /** Record fields (or slash-separated paths, `*` for every array item) that the server fills on create. */
  fill?: Record<string, Fill>;
  /** Array fields (slash paths) whose items that do not fit the record schema are dropped, as the server drops them. */
  drop?: string[];
  /** Slash path (`*` for every array item) → property: a string sent there is stored as `{property: string}`. */
  wrap?: Record<string, string>;
  /** Fields set to now on every write. */
  touch?: string[];
  /** Request field holding a related record's id → the relation. */
  related?: Record<string, Related>;
  errors?: {
    notFound?: ErrorAnswer;
    duplicate?: ErrorAnswer;
    validation?: { status: number; style: ValidationStyle };
    /**
     * Violations the vendor answers otherwise: the first whose location (e.g. `body.model`) and rule (the JSON
     * Schema keyword, e.g. `minProperties`) match gets this answer instead of the validation style.
     */
    refusals?: { location: string; code: string; status: number; body?: unknown }[];
    malformed?: ErrorAnswer;
    /** A list answers this instead of an empty page (a server that 404s when nothing is there). */
    emptyList?: ErrorAnswer;
  };
  /** A read-only collection seeded from the examples of an operation's success response. */
  seed?: { operation: string; pointer: string };
}

export interface PaginationSemantics {
  style: "cursor" | "page";
  /** JSON pointer of the items array in the 200 body (`""`: the body is the array). */
  items: string;
  cursorParam?: string;
  nextCursor?: string;
  hasMore?: string;
  pageParam?: string;
  firstPage?: number;
  next?: string;
  total?: string;
  limitParam?: string;
  pageSize?: number;
}

/** The resources a document declares (an empty object when it declares none). */
export function readResources(doc: unknown): Record<string, ResourceSemantics> {
  const value = isRecord(doc) ? doc[RESOURCES_EXTENSION] : undefined;
  return isRecord(value) ? (value as Record<string, ResourceSemantics>) : {};
}

/** operationId → its pagination, for every operation that declares one. */
export function readPagination(doc: unknown): Map<string, PaginationSemantics> {
  const out = new Map<string, PaginationSemantics>();
  for (const { op } of listOperations(doc)) {
    const value = op[PAGINATION_EXTENSION];
    if (typeof op.operationId === "string" && isRecord(value)) out.set(op.operationId, value as unknown as PaginationSemantics);
  }
  return out;
}

export interface OperationRole {
  resource: string;
  semantics: ResourceSemantics;
  operation: ResourceOperation;
}

/** operationId → the resource it touches and its role there. */
export function operationRoles(doc: unknown): Map<string, OperationRole> {
  const out = new Map<string, OperationRole>();
  for (const [resource, semantics] of Object.entries(readResources(doc))) {
    for (const [operationId, operation] of Object.entries(semantics.operations ?? {})) {
      out.set(operationId, { resource, semantics, operation });
    }
  }
  return out;
}

export interface ParsedIdLocation {
  in: "path" | "query" | "body";
  /** Parameter name, or the JSON pointer into the body. */
  name: string;
}

export function parseIdLocation(location: IdLocation): ParsedIdLocation | undefined {
  const match = /^(path|query|body):(.+)$/.exec(location);
  if (!match) return undefined;
  return { in: match[1] as ParsedIdLocation["in"], name: match[2]! };
}

/** The items of a list body under its pagination (or the body itself when it is an array). */
export function pageItems(body: unknown, pagination: PaginationSemantics | undefined): unknown[] | undefined {
  const items = pagination ? getAt(body, pagination.items) : body;
  return Array.isArray(items) ? items : undefined;
}
