import type { OpenApiDoc } from "../openapi.ts";
import type { VendorConfig } from "../vendor-config.ts";
import { docText, identifier, tsKey, tsString } from "./escape.ts";
import type { OperationModel, SchemaName } from "./model.ts";
import { paginationLiteral } from "./pagination.ts";
import { ERROR_CLASS_NAMES } from "../../../../packages/runtime/src/error-classes.ts";

/**
 * src/index.ts of a client package: a table of operations that `satisfies` the runtime's check against `paths`,
 * one typed method per operationId, and a named type per component schema. All behaviour lives in
 * @model-apis/runtime; this file is declarations only. The client type is written out (for its docs) and the
 * client `createClient` derives from the table is assigned to it, so the two cannot disagree.
 */
/**
 * Names this file declares or imports: a schema alias must not take one (`export type Client = ...` would clash
 * with the import of Client). schemaNames gets these as its reserved set.
 */
export function clientReservedNames(clientName: string): Set<string> {
  const name = identifier(clientName, true);
  // CallOptions, OperationInput and OperationResult were imported before; they stay reserved so aliases keep their names.
  const imported = [
    "createClient",
    "CallOptions",
    "Client",
    "ClientOptions",
    "OperationInput",
    "OperationResult",
    "OperationMethod",
    "OperationTable",
    "PaginatedMethod",
    ...ERROR_CLASSES,
    "components",
    "operations",
    "paths",
  ];
  return new Set([...imported, "OPERATIONS", "DEFAULT_BASE_URL", "loadSpec", `create${name}Client`, `${name}Client`, `${name}ClientOptions`]);
}

/** The runtime's error classes, re-exported by every client so callers can `instanceof` them. */
const ERROR_CLASSES = ERROR_CLASS_NAMES;

export function emitClient(doc: OpenApiDoc, config: VendorConfig, ops: OperationModel[], schemas: SchemaName[], header: string): string {
  const name = identifier(config.clientName, true);
  const server = doc.servers?.[0];
  const baseUrl = server ? defaultServerUrl(server) : "";
  const headerOptions = Object.entries(config.clientHeaders ?? {});
  const supplied = headerOptions.length ? `, ${headerOptions.map(([, h]) => tsString(h)).join(" | ")}` : "";

  const table = ops
    .map((op) => {
      const idem = op.idempotencyHeader ? `, idempotencyHeader: ${tsString(op.idempotencyHeader)}` : "";
      const errors = op.errorKeys.length ? `, errors: [${op.errorKeys.map((k) => (typeof k === "number" ? String(k) : tsString(k))).join(", ")}]` : "";
      const pagination = op.pagination ? `, pagination: ${paginationLiteral(op.pagination)}` : "";
      const form = op.requestMediaType ? `, requestMediaType: ${tsString(op.requestMediaType)}` : "";
      return `  ${tsKey(op.id)}: { method: ${tsString(op.method)}, path: ${tsString(op.path)}${idem}${errors}${pagination}${form} },`;
    })
    .join("\n");

  const methods = ops
    .map((op) => {
      const key = tsString(op.id);
      const lines = [op.summary, op.description !== op.summary ? op.description : ""].filter(Boolean).map((t) => `   * ${docText(t)}`);
      return [
        "  /**",
        ...lines,
        `   * \`${docText(op.method.toUpperCase())} ${docText(op.path)}\``,
        ...(op.pagination
          ? [
              `   * \`.all(input)\` iterates over every item, \`.pages(input)\` over every page (${op.pagination.style === "cursor" ? "cursor" : "numbered"} pages).`,
            ]
          : []),
        "   */",
        op.pagination
          ? `  readonly ${key}: PaginatedMethod<operations[${key}], ${tsString(op.pagination.items)}${supplied}>;`
          : `  readonly ${key}: OperationMethod<operations[${key}]${supplied}>;`,
      ].join("\n");
    })
    .join("\n");

  const aliases = schemas
    .map((s) => `${s.description ? `/** ${docText(s.description)} */\n` : ""}export type ${s.alias} = components["schemas"][${tsString(s.key)}];`)
    .join("\n");

  const optionFields = headerOptions
    .map(([option, headerName]) => `  /** Sent as the \`${docText(headerName)}\` header on every request. */\n  ${identifier(option)}?: string | number;`)
    .join("\n");
  const headerTable = headerOptions.map(([option, headerName]) => `${identifier(option)}: ${tsString(headerName)}`).join(", ");

  return `// ${header}
import { createClient, type Client, type ClientOptions, type OperationMethod, type OperationTable${ops.some((o) => o.pagination) ? ", type PaginatedMethod" : ""} } from "@model-apis/runtime";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";
export { ${ERROR_CLASSES.join(", ")} } from "@model-apis/runtime";

${aliases}

/** Every operation of the spec by operationId: HTTP method, path template, documented error statuses, pagination. */
export const OPERATIONS = {
${table}
} as const satisfies OperationTable<paths>;

${optionFields ? `export interface ${name}ClientOptions extends ClientOptions {\n${optionFields}\n}` : `export type ${name}ClientOptions = ClientOptions;`}

/**
 * ${docText(config.title)}: one method per operation; non-2xx responses throw ApiError subclasses. Each method also has
 * \`withResponse\` (the result with its Response) and \`isError\` (narrows a caught error to a documented status and body).
 */
export interface ${name}Client {
${methods}
  /** The underlying openapi-fetch client, for the \`{ data, error, response }\` style. */
  readonly raw: Client<paths>;
}

/** Default server: ${docText(baseUrl)} */
export const DEFAULT_BASE_URL = ${tsString(baseUrl)};

export function create${name}Client(options: ${name}ClientOptions = {}): ${name}Client {
  return createClient<paths, typeof OPERATIONS${supplied || ", never"}>(OPERATIONS, options, {
    baseUrl: DEFAULT_BASE_URL,
    spec: loadSpec,
    headerOptions: {${headerTable ? ` ${headerTable} ` : ""}},
  });
}

/** The bundled spec, loaded only when response validation is on. */
function loadSpec(): Promise<unknown> {
  const file = "../openapi.json";
  return import(file, { with: { type: "json" } }).then((module: { default: unknown }) => module.default);
}
`;
}

/** A server URL with its variables replaced by their defaults. */
function defaultServerUrl(server: { url: string; variables?: Record<string, { default?: unknown }> }): string {
  const variables = server.variables ?? {};
  return String(server.url).replace(/\{([^}]+)\}/g, (_, name: string) => String(Object.hasOwn(variables, name) ? (variables[name]?.default ?? "") : ""));
}
