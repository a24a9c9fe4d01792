/**
 * Request-validation failures in the vendor's framework's own shape, built from the violations Prism found:
 * - `problem`: RFC 7807 problem details (`type`, `title`, `status`, `detail`), one `detail` line per violation;
 * - `fastapi`: FastAPI/pydantic `{"detail": [{type, loc, msg, input}]}`;
 * - `dry-validation`: Rails dry-validation `{"errors": {<field path>: [<message>]}}`, nested by path.
 */
import { STATUS_CODES } from "node:http";
import { setAt } from "@model-apis/spec-model";
import type { ValidationStyle } from "@model-apis/spec-model";

/** One violation: where (`body`, `query`, `path` or `header` first), what rule, and Prism's message. */
export interface Violation {
  location: string[];
  code: string;
  message: string;
}

/** Prism reports a missing property at its parent, naming it in the message: put it into the location. */
export function normalizeViolation(path: readonly (string | number)[] | undefined, code: unknown, message: string): Violation {
  const location = (path ?? []).map(String);
  const kind = String(code ?? "invalid");
  if (kind === "required") {
    const missing = /property '([^']+)'/.exec(message)?.[1];
    if (missing !== undefined) location.push(missing);
  }
  return { location, code: kind, message };
}

const PYDANTIC_TYPES: Record<string, [type: string, parsing: string, msg: string]> = {
  integer: ["int_type", "int_parsing", "Input should be a valid integer"],
  number: ["float_type", "float_parsing", "Input should be a valid number"],
  boolean: ["bool_type", "bool_parsing", "Input should be a valid boolean"],
  string: ["string_type", "string_type", "Input should be a valid string"],
  array: ["list_type", "list_type", "Input should be a valid list"],
  object: ["dict_type", "dict_type", "Input should be a valid dictionary"],
};

/** The type a `type` violation expected ("integer", …), from Prism's (ajv's) message. */
function expectedType(message: string): string {
  return /must be (\w+)/.exec(message)?.[1] ?? "value";
}

/** The limit in a minLength/maxLength/minimum/maximum message. */
function limit(message: string): string {
  return /(-?\d+(?:\.\d+)?)/.exec(message)?.[1] ?? "the limit";
}

function pydantic(v: Violation): [type: string, msg: string] {
  const n = limit(v.message);
  switch (v.code) {
    case "required":
      return ["missing", "Field required"];
    case "type": {
      const [bodyType, parsing, msg] = PYDANTIC_TYPES[expectedType(v.message)] ?? ["type_error", "type_error", v.message];
      return [
        v.location[0] === "body" ? bodyType : parsing,
        v.location[0] === "body" || parsing === bodyType ? msg : `${msg}, unable to parse string as an ${expectedType(v.message)}`,
      ];
    }
    case "enum":
      return ["enum", "Input should be one of the allowed values"];
    case "const":
      return ["literal_error", "Input should be the allowed literal value"];
    case "minLength":
      return ["string_too_short", `String should have at least ${n} character${n === "1" ? "" : "s"}`];
    case "maxLength":
      return ["string_too_long", `String should have at most ${n} characters`];
    case "minimum":
      return ["greater_than_equal", `Input should be greater than or equal to ${n}`];
    case "maximum":
      return ["less_than_equal", `Input should be less than or equal to ${n}`];
    case "pattern":
      return ["string_pattern_mismatch", "String should match the pattern"];
    case "415":
      return ["model_attributes_type", "Input should be a valid dictionary or object to extract fields from"];
    default:
      return ["value_error", v.message];
  }
}

function dryValidation(v: Violation): string {
  const n = limit(v.message);
  switch (v.code) {
    case "required":
      return "is missing";
    case "type": {
      const type = expectedType(v.message);
      return `must be ${/^[aeiou]/.test(type) ? "an" : "a"} ${type === "object" ? "hash" : type}`;
    }
    case "enum":
      return "must be one of the allowed values";
    case "minLength":
      return n === "1" ? "must be filled" : `size cannot be less than ${n}`;
    case "maxLength":
      return `size cannot be greater than ${n}`;
    case "minimum":
      return `must be greater than or equal to ${n}`;
    case "maximum":
      return `must be less than or equal to ${n}`;
    case "pattern":
    case "format":
      return "is in invalid format";
    default:
      return v.message;
  }
}

function inputAt(request: unknown, location: readonly string[]): unknown {
  let node = request;
  for (const token of location.slice(0, -1)) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[token] : undefined;
  return node ?? null;
}

/** The body of a validation failure in `style`; `sources` holds the request's parts (body, query, path, header). */
export function validationBody(style: ValidationStyle, status: number, violations: readonly Violation[], sources: Record<string, unknown>): unknown {
  if (style === "fastapi") {
    return {
      detail: violations.map((v) => {
        const [type, msg] = pydantic(v);
        const loc = v.location.map((t) => (/^\d+$/.test(t) ? Number(t) : t));
        return { type, loc, msg, input: inputAt(sources, v.location) };
      }),
    };
  }
  if (style === "dry-validation") {
    const errors: Record<string, unknown> = {};
    for (const v of violations) {
      const tokens = v.location.slice(1);
      const key = tokens.length > 0 ? tokens : [v.location[0] ?? "request"];
      const message = dryValidation(v);
      const existing = key.reduce<unknown>((node, t) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[t] : undefined), errors);
      setAt(errors, key, Array.isArray(existing) ? [...existing, message] : [message]);
    }
    return { errors };
  }
  const detail = violations.map((v) => `${v.location.slice(1).join(".") || v.location[0] || "request"}: ${v.message}`).join("; ");
  return { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail };
}
