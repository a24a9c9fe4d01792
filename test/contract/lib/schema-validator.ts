import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { escapeToken } from "@model-apis/spec-model";
import type { Spec } from "./vendors.ts";

export interface SchemaIssue {
  /** JSON pointer into the validated value, e.g. /data/attributes/name ("" = the value itself). */
  pointer: string;
  message: string;
  /** The JSON Schema keyword that failed (type, required, enum …). */
  keyword?: string;
}

/**
 * JSON Schema 2020-12 validation against schemas inside an OpenAPI 3.1 document (refs resolve against the
 * document itself). One compiled validator per schema location, cached.
 */
export function specValidator(spec: Spec, id: string): (schemaPointer: string, value: unknown) => SchemaIssue[] {
  // ownProperties: a property named constructor is not read from Object.prototype
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, ownProperties: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  const base = `https://model-apis.test/${encodeURIComponent(id)}.json`;
  ajv.addSchema({ ...spec, $id: base }, base);
  const cache = new Map<string, ValidateFunction>();
  return (schemaPointer, value) => {
    let validate = cache.get(schemaPointer);
    if (!validate) {
      validate = ajv.getSchema(`${base}#${schemaPointer}`);
      if (!validate) throw new Error(`no schema at ${schemaPointer} in ${id}`);
      cache.set(schemaPointer, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map(issue);
  };
}

function issue(e: ErrorObject): SchemaIssue {
  const detail = e.keyword === "required" ? ` (${String((e.params as { missingProperty?: string }).missingProperty)})` : "";
  return { pointer: e.instancePath, message: `${e.message ?? e.keyword}${detail}`, keyword: e.keyword };
}

/**
 * JSON pointer of a response schema, without the leading #: /paths/<path>/<method>/responses/<status>/content/<type>/schema,
 * or /components/responses/<Name>/content/<type>/schema when the response is a $ref (ajv does not follow a $ref
 * in the middle of a pointer).
 */
export function responsePointer(spec: Spec, path: string, method: string, status: string, mediaType: string): string {
  const ref = spec.paths?.[path]?.[method]?.responses?.[status]?.$ref;
  const response = typeof ref === "string" && ref.startsWith("#/") ? ref.slice(1) : `/paths/${escapeToken(path)}/${method}/responses/${status}`;
  return `${response}/content/${escapeToken(mediaType)}/schema`;
}
