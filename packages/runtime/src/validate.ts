/**
 * Opt-in response validation. ajv (2020-12 dialect) and ajv-formats are optional peer dependencies, imported
 * on first use only, so clients that do not validate never load them. The whole OpenAPI document is added to
 * ajv under an `$id`; a response schema is compiled as a `$ref` into it, so `#/components/...` refs resolve.
 */
import { escapeToken, unescapeToken } from "@model-apis/spec-model/pointer";
import type { ValidationIssue } from "./errors.js";

/** The few ajv members used here (ajv's own types are not part of this package's public types). */
interface AjvLike {
  addSchema(schema: object, key: string): unknown;
  compile(schema: object): AjvValidate;
}
interface AjvValidate {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string; keyword: string; params?: Record<string, unknown> }> | null;
}
interface SpecValidators {
  ajv: AjvLike;
  id: string;
  doc: OpenApiDoc;
  compiled: Map<string, AjvValidate | null>;
}
type OpenApiDoc = { paths?: Record<string, Record<string, unknown>> } & Record<string, unknown>;

/** Validates one response body; resolves to the issues, or undefined when valid or undocumented. */
export type ResponseValidator = (method: string, path: string, status: number, body: unknown) => Promise<ValidationIssue[] | undefined>;

/** Shared by every client built from the same (imported, hence identical) document object. */
const byDocument = new WeakMap<object, SpecValidators>();
let documentCount = 0;

export function createResponseValidator(loadSpec: () => Promise<unknown>): ResponseValidator {
  let ready: Promise<SpecValidators> | undefined;
  return async (method, path, status, body) => {
    ready ??= prepare(loadSpec).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    const spec = await ready;
    const key = `${method} ${path} ${status}`;
    let validate = spec.compiled.get(key);
    if (validate === undefined) {
      const pointer = responseSchemaPointer(spec.doc, method, path, status);
      validate = pointer === undefined ? null : spec.ajv.compile({ $ref: `${spec.id}#${pointer}` });
      spec.compiled.set(key, validate);
    }
    if (validate === null || validate(body)) return undefined;
    return (validate.errors ?? []).map((e) => ({ instancePath: e.instancePath, message: describe(e) }));
  };
}

async function prepare(loadSpec: () => Promise<unknown>): Promise<SpecValidators> {
  const loaded = await loadSpec();
  const doc = unwrapDefault(loaded) as OpenApiDoc;
  if (!doc || typeof doc !== "object" || typeof doc.paths !== "object")
    throw new TypeError("validateResponses: the spec loader did not return an OpenAPI document");
  const cached = byDocument.get(doc);
  if (cached) return cached;
  const [ajvModule, formatsModule] = await Promise.all([import("ajv/dist/2020.js"), import("ajv-formats")]).catch((error: unknown) => {
    throw new Error("validateResponses needs the optional peer dependencies `ajv` (8.x) and `ajv-formats` (3.x); install them", { cause: error });
  });
  const Ajv = unwrapDefault(ajvModule) as new (options: object) => AjvLike;
  const addFormats = unwrapDefault(formatsModule) as (ajv: AjvLike) => void;
  // strict: false tolerates OpenAPI keywords (example, discriminator, xml, ...); the document root is not a schema.
  // ownProperties: a property named like an Object.prototype member (constructor, toString) is checked only when
  // the body has it, not read from the prototype (without it, {} fails "/constructor must be string").
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false, ownProperties: true });
  addFormats(ajv);
  const id = `https://model-apis.invalid/openapi/${++documentCount}.json`;
  ajv.addSchema(doc, id);
  const spec: SpecValidators = { ajv, id, doc, compiled: new Map() };
  byDocument.set(doc, spec);
  return spec;
}

/**
 * URI fragment (JSON pointer) of the JSON schema for `status` under `paths[path][method].responses`: the exact
 * code, else its range (`2XX`). A response given as a local `$ref` (`#/components/responses/X`) is followed.
 */
export function responseSchemaPointer(doc: OpenApiDoc, method: string, path: string, status: number): string | undefined {
  const responses = asObject(asObject(doc.paths?.[path]?.[method])?.responses);
  if (!responses) return undefined;
  const range = `${String(status)[0]}XX`;
  const code = [String(status), range, range.toLowerCase()].find((k) => k in responses);
  if (code === undefined) return undefined;
  let segments = ["paths", path, method, "responses", code];
  let response = asObject(responses[code]);
  for (let hops = 0; response && typeof response.$ref === "string" && hops < 8; hops++) {
    if (!response.$ref.startsWith("#/")) return undefined;
    segments = response.$ref.slice(2).split("/").map(unescapePointer);
    response = asObject(segments.reduce<unknown>((node, k) => asObject(node)?.[k], doc));
  }
  const content = asObject(response?.content);
  if (!content) return undefined;
  const media = "application/json" in content ? "application/json" : Object.keys(content).find((m) => /[/+]json(?:$|[;\s])/i.test(m));
  if (media === undefined || asObject(content[media])?.schema === undefined) return undefined;
  return `/${[...segments, "content", media, "schema"].map(escapePointer).join("/")}`;
}

function describe(error: { message?: string; keyword: string; params?: Record<string, unknown> }): string {
  const message = error.message ?? error.keyword;
  if (error.keyword === "additionalProperties" && typeof error.params?.additionalProperty === "string")
    return `${message}: '${error.params.additionalProperty}'`;
  if (error.keyword === "enum" && Array.isArray(error.params?.allowedValues)) return `${message}: ${JSON.stringify(error.params.allowedValues)}`;
  return message;
}

function escapePointer(segment: string): string {
  return encodeURIComponent(escapeToken(segment));
}

function unescapePointer(segment: string): string {
  return unescapeToken(decodeURIComponent(segment));
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** CJS modules imported from ESM may arrive as `{ default: { default: X } }`, `{ default: X }` or `X`. */
function unwrapDefault(module: unknown): unknown {
  let value = module;
  for (let i = 0; i < 2; i++) {
    const inner = (value as { default?: unknown } | null)?.default;
    if (inner === undefined || (typeof value === "function" && typeof inner !== "function")) break;
    if (typeof value === "object" && value !== null && "paths" in value) break;
    value = inner;
  }
  return value;
}
