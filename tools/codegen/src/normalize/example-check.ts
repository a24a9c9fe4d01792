import { requirePackage } from "../require-package.ts";
import { type OpenApiDoc, setOwn } from "../openapi.ts";
import { resolvePointer } from "./refs.ts";

/**
 * Whether an example is valid against the schema at a place in the document, the way the mock sees it: JSON Schema
 * 2020-12 with ajv-formats' string formats, as Prism validates an OpenAPI 3.1 document that declares its dialect
 * (response and request bodies as they are; parameters as the strings they travel as, coerced to the schema's types,
 * as Prism coerces them).
 *
 * Bodies go through @cfworker/json-schema, a validator that interprets the schema, with ajv-formats' full formats in
 * place of its own. Every example is validated once, so compiling a validator for it (ajv) costs more than the
 * validation: on GitHub's spec (about 1,500 media types) ajv spent about 2 s compiling. Run side by side there, the
 * two gave the same verdict on all 1,803 validations; the bench's import section validates every served body example
 * of the specs it imports with ajv. The interpreter's `$ref`s are looked up in the document on demand: nothing is
 * copied or changed. Parameters go through ajv with `coerceTypes`, which is what Prism does to their strings; each
 * schema is compiled alone, its `$ref`s inlined (they are small: most are a plain string or integer).
 */
export interface ExampleCheck {
  /**
   * undefined when `value` is valid against the schema at `pointer` (`#/...`), else the first problem, in the
   * validator's words, e.g. `/id: Instance type "string" is invalid. Expected "integer"` (a parameter: `/: must be integer`).
   */
  body(pointer: string, value: unknown): string | undefined;
  /** The same for a parameter's value, validated as the string (or strings) it is sent as. */
  parameter(pointer: string, value: unknown): string | undefined;
}

type AjvModule = typeof import("ajv/dist/2020.js");
type Validate = ((value: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string }[] | null };
type Interpreter = typeof import("@cfworker/json-schema");
type FormatDefinition = RegExp | ((value: string) => boolean) | true | { type?: string; validate?: RegExp | ((value: string) => boolean) };

/** How deep `$ref`s are followed into a parameter's schema; deeper (a cycle) gives no verdict. */
const MAX_REF_DEPTH = 16;

/**
 * A copy of a parameter's schema with each `$ref` replaced by what it names (beside its sibling keywords, as an
 * `allOf`), so that ajv compiles it alone; undefined for a `$ref` to nowhere or a chain deeper than MAX_REF_DEPTH.
 */
function withRefsInlined(doc: OpenApiDoc, node: unknown, depth = 0): unknown {
  if (Array.isArray(node)) {
    const items = node.map((item) => withRefsInlined(doc, item, depth));
    return items.includes(undefined) ? undefined : items;
  }
  if (typeof node !== "object" || node === null) return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    const copy = withRefsInlined(doc, value, depth);
    if (copy === undefined) return undefined;
    setOwn(out, key, copy);
  }
  if (typeof $ref !== "string") return out;
  if (depth >= MAX_REF_DEPTH) return undefined;
  const target = withRefsInlined(doc, resolvePointer(doc, $ref), depth + 1);
  if (target === undefined) return undefined;
  out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), target];
  return out;
}

let interpreter: Interpreter | undefined;
/** @cfworker/json-schema, its string formats replaced by ajv-formats' full ones (Prism's), once per process. */
function loadInterpreter(): Interpreter {
  if (interpreter) return interpreter;
  const loaded = requirePackage("@cfworker/json-schema") as Interpreter;
  const { fullFormats } = requirePackage("ajv-formats/dist/formats.js") as { fullFormats: Record<string, FormatDefinition> };
  for (const [name, definition] of Object.entries(fullFormats)) {
    const check = typeof definition === "object" && !(definition instanceof RegExp) ? definition.validate : definition;
    if (typeof definition === "object" && !(definition instanceof RegExp) && (definition.type ?? "string") !== "string") continue;
    loaded.format[name] = check instanceof RegExp ? (value) => check.test(value) : typeof check === "function" ? check : () => true;
  }
  return (interpreter = loaded);
}

export function exampleCheck(doc: OpenApiDoc): ExampleCheck {
  // what a `$ref` names, looked up in the document when the interpreter first follows it
  const found = new Map<string, unknown>();
  const lookup = new Proxy(Object.create(null) as Record<string, never>, {
    get(_, ref) {
      if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
      if (!found.has(ref)) found.set(ref, resolvePointer(doc, ref));
      return found.get(ref);
    },
  });
  let coercing: { compile(schema: object): unknown } | undefined;
  const parameters = new Map<string, Validate | null>();
  // the same schema (most parameters are a plain string or integer) is compiled once
  const compiled = new Map<string, Validate>();
  const parameterValidator = (pointer: string): Validate | null => {
    let validate = parameters.get(pointer);
    if (validate !== undefined) return validate;
    validate = null; // a schema that cannot be compiled (or has a $ref cycle or one to nowhere): nothing is said
    const schema = withRefsInlined(doc, resolvePointer(doc, pointer));
    if (schema !== undefined) {
      try {
        if (!coercing) {
          const Ajv2020 = (requirePackage("ajv/dist/2020.js") as AjvModule).default;
          const ajv = new Ajv2020({
            strict: false,
            logger: false,
            allowUnionTypes: true,
            allowMatchingProperties: true,
            ownProperties: true,
            validateSchema: false,
            coerceTypes: true,
            code: { optimize: false },
          });
          (requirePackage("ajv-formats") as (a: typeof ajv) => void)(ajv);
          coercing = ajv;
        }
        const key = JSON.stringify(schema);
        validate = compiled.get(key) ?? (coercing.compile({ type: "object", properties: { value: schema } }) as Validate);
        compiled.set(key, validate);
      } catch {}
    }
    parameters.set(pointer, validate);
    return validate;
  };
  return {
    body(pointer, value) {
      const schema = resolvePointer(doc, pointer);
      if (schema === undefined) return undefined;
      try {
        const result = loadInterpreter().validate(value, schema as never, "2020-12", lookup, true);
        if (result.valid) return undefined;
        // the innermost problem is the last one (each enclosing keyword reports before what failed inside it)
        const last = result.errors[result.errors.length - 1];
        return last ? `${last.instanceLocation.replace(/^#/, "") || "/"}: ${last.error.replace(/\.$/, "")}` : "invalid";
      } catch {
        return undefined; // a schema the validator cannot follow (a $ref to nowhere): nothing is said about its examples
      }
    },
    parameter(pointer, value) {
      const validate = parameterValidator(pointer);
      const wire = Array.isArray(value) ? value.map(String) : typeof value === "object" && value !== null ? value : String(value);
      if (!validate || validate({ value: wire })) return undefined;
      const first = validate.errors?.[0];
      return first ? `${first.instancePath.slice("/value".length) || "/"}: ${first.message ?? first.keyword}` : "invalid";
    },
  };
}
