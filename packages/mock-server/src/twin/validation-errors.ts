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

const PYDANTIC: Record<string, [type: string, msg: string]> = {
  required: ["missing", "Field required"],
  type: ["type_error", "Input should be a valid value of the declared type"],
  enum: ["enum", "Input should be one of the allowed values"],
  const: ["literal_error", "Input should be the allowed literal value"],
  minLength: ["string_too_short", "String should have fewer characters than required"],
  maxLength: ["string_too_long", "String should have at most the allowed number of characters"],
  minimum: ["greater_than_equal", "Input should be greater than or equal to the minimum"],
  maximum: ["less_than_equal", "Input should be less than or equal to the maximum"],
  pattern: ["string_pattern_mismatch", "String should match pattern"],
  format: ["value_error", "Input should be in the declared format"],
  "415": ["model_attributes_type", "Input should be a valid dictionary or object to extract fields from"],
};

const DRY: Record<string, string> = {
  required: "is missing",
  type: "must be of the declared type",
  enum: "must be one of the allowed values",
  minLength: "size cannot be less than the minimum",
  maxLength: "size cannot be greater than the maximum",
  minimum: "must be greater than or equal to the minimum",
  maximum: "must be less than or equal to the maximum",
  pattern: "is in invalid format",
  format: "is in invalid format",
};

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
        const [type, msg] = PYDANTIC[v.code] ?? ["value_error", v.message];
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
      const message = DRY[v.code] ?? v.message;
      const existing = key.reduce<unknown>((node, t) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[t] : undefined), errors);
      setAt(errors, key, Array.isArray(existing) ? [...existing, message] : [message]);
    }
    return { errors };
  }
  const detail = violations.map((v) => `${v.location.slice(1).join(".") || v.location[0] || "request"}: ${v.message}`).join("; ");
  return { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail };
}
