import { requirePackage } from "../require-package.ts";
import type { OpenApiDoc } from "../openapi.ts";

/**
 * Whether an example is valid against the schema at a place in the document, the way the mock sees it: JSON Schema
 * 2020-12 with ajv-formats, as Prism validates an OpenAPI 3.1 document that declares its dialect (response and
 * request bodies as they are; parameters as the strings they travel as, coerced to the schema's types, as Prism
 * coerces them). Validators are compiled on first use, one per schema place.
 *
 * Compiled without ajv's code optimizer and without inlining `$ref`s: on GitHub's spec (about 1,500 media types) that
 * compiles in a third of the time, and an example is validated once.
 */
export interface ExampleCheck {
  /** undefined when `value` is valid against the schema at `pointer` (`#/...`), else the first problem, e.g. `/id: must be integer`. */
  body(pointer: string, value: unknown): string | undefined;
  /** The same for a parameter's value, validated as the string (or strings) it is sent as. */
  parameter(pointer: string, value: unknown): string | undefined;
}

type AjvModule = typeof import("ajv/dist/2020.js");
type Ajv = InstanceType<AjvModule["default"]>;
type Validate = ((value: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string }[] | null };

const BASE = "https://model-apis.invalid/normalized.json";

export function exampleCheck(doc: OpenApiDoc): ExampleCheck {
  let plain: Ajv | undefined;
  let coercing: Ajv | undefined;
  const compiled = new Map<string, Validate | null>();
  const make = (coerceTypes: boolean): Ajv => {
    const Ajv2020 = (requirePackage("ajv/dist/2020.js") as AjvModule).default;
    const addFormats = requirePackage("ajv-formats") as (ajv: Ajv) => void;
    const ajv = new Ajv2020({
      strict: false,
      logger: false,
      allowUnionTypes: true,
      allowMatchingProperties: true,
      ownProperties: true,
      validateSchema: false,
      coerceTypes,
      inlineRefs: false,
      code: { optimize: false },
    });
    addFormats(ajv);
    // only what schemas can point at: a `$ref` in a schema names a component
    ajv.addSchema({ $id: BASE, components: doc.components ?? {}, paths: doc.paths ?? {} }, BASE);
    return ajv;
  };
  const validator = (kind: "body" | "parameter", pointer: string): Validate | null => {
    const key = `${kind} ${pointer}`;
    let validate = compiled.get(key);
    if (validate !== undefined) return validate;
    try {
      if (kind === "body") validate = ((plain ??= make(false)).getSchema(`${BASE}${pointer}`) as Validate | undefined) ?? null;
      else validate = (coercing ??= make(true)).compile({ type: "object", properties: { value: { $ref: `${BASE}${pointer}` } } }) as Validate;
    } catch {
      validate = null; // a schema ajv cannot compile: nothing is said about its examples
    }
    compiled.set(key, validate);
    return validate;
  };
  const problem = (validate: Validate, strip = ""): string => {
    const first = validate.errors?.[0];
    return first ? `${first.instancePath.slice(strip.length) || "/"}: ${first.message ?? first.keyword}` : "invalid";
  };
  return {
    body(pointer, value) {
      const validate = validator("body", pointer);
      if (!validate || validate(value)) return undefined;
      return problem(validate);
    },
    parameter(pointer, value) {
      const validate = validator("parameter", pointer);
      const wire = Array.isArray(value) ? value.map(String) : typeof value === "object" && value !== null ? value : String(value);
      if (!validate || validate({ value: wire })) return undefined;
      return problem(validate, "/value");
    },
  };
}
