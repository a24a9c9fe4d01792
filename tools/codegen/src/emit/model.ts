import { isObject, operations, type OpenApiDoc } from "../openapi.ts";
import { deref, firstExample } from "../spec-model.ts";
import { identifier } from "./escape.ts";
import { paginationModel, type PaginationModel } from "./pagination.ts";

/** What the emitters need to know about one operation, derived from the normalized spec. */
export interface OperationModel {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  /** The input argument may be omitted: no required parameters and no required body. */
  inputOptional: boolean;
  idempotencyHeader?: string;
  /** The request body's first media type when it is a form (the runtime encodes the body as one). */
  requestMediaType?: "multipart/form-data" | "application/x-www-form-urlencoded";
  successStatuses: string[];
  errorStatuses: string[];
  /** The non-2xx response keys as openapi-typescript keys them: codes as numbers, `NXX` ranges and `default` as text. */
  errorKeys: (number | string)[];
  pagination?: PaginationModel;
  requestExample?: unknown;
  pathExample?: Record<string, unknown>;
}

export interface SchemaName {
  /** Key in components.schemas (untrusted text). */
  key: string;
  /** Safe TypeScript identifier for the exported alias. */
  alias: string;
  description: string;
}

/** clientHeaders: header names a client option sends on every request (they do not make the input required). */
export function operationModels(doc: OpenApiDoc, clientHeaders: string[] = []): OperationModel[] {
  const supplied = new Set(clientHeaders.map((h) => h.toLowerCase()));
  return operations(doc).map((ref) => {
    const { path, method, op } = ref;
    const params = [...(doc.paths[path].parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(doc, p)).filter(isObject);
    const idem = params.find((p) => p.in === "header" && String(p.name).toLowerCase() === "idempotency-key");
    const statuses = Object.keys(op.responses ?? {});
    const body = deref(doc, op.requestBody);
    const media = isObject(body) && isObject(body.content) ? (Object.values(body.content)[0] as Record<string, unknown>) : undefined;
    const mediaType = isObject(body) && isObject(body.content) ? Object.keys(body.content)[0]?.toLowerCase() : undefined;
    const form = mediaType === "multipart/form-data" || mediaType === "application/x-www-form-urlencoded" ? mediaType : undefined;
    const pagination = paginationModel(
      doc,
      ref,
      params.filter((p) => p.in === "query" && typeof p.name === "string").map((p) => String(p.name)),
    );
    const pathExample = Object.fromEntries(params.filter((p) => p.in === "path").map((p) => [String(p.name), firstExample(doc, p)]));
    return {
      id: String(op.operationId),
      method,
      path,
      summary: String(op.summary ?? ""),
      description: String(op.description ?? ""),
      inputOptional:
        !params.some((p) => p.required === true && p.in !== "cookie" && !(p.in === "header" && supplied.has(String(p.name).toLowerCase()))) &&
        !(isObject(body) && body.required === true),
      ...(idem ? { idempotencyHeader: String(idem.name) } : {}),
      ...(form ? { requestMediaType: form } : {}),
      successStatuses: statuses.filter((s) => /^2/.test(s)),
      errorStatuses: statuses.filter((s) => !/^2/.test(s)),
      errorKeys: errorKeys(statuses),
      ...(pagination ? { pagination } : {}),
      ...(media ? { requestExample: firstExample(doc, media) } : {}),
      ...(Object.keys(pathExample).length ? { pathExample } : {}),
    };
  });
}

/** Exported type aliases for component schemas, with names that are always valid and unique identifiers. */
export function schemaNames(doc: OpenApiDoc, reserved: Set<string>): SchemaName[] {
  const used = new Set(reserved);
  return Object.keys(doc.components?.schemas ?? {}).map((key) => {
    let alias = identifier(key, true).replace(/_$/, "Schema");
    while (used.has(alias)) alias = `${alias}Schema`;
    used.add(alias);
    const schema = doc.components.schemas[key];
    return { key, alias, description: isObject(schema) ? String(schema.description ?? schema.title ?? "") : "" };
  });
}

/** Codes (`404` -> 404), ranges (`4XX`) and `default`; 2xx and keys openapi-typescript would not type alike are left out. */
function errorKeys(statuses: string[]): (number | string)[] {
  return statuses.flatMap((s): (number | string)[] => (/^[1345]\d\d$/.test(s) ? [Number(s)] : /^[1345]XX$/i.test(s) || s === "default" ? [s] : []));
}
