import { escapeToken, HTTP_METHODS, isObject, type OpenApiDoc } from "../openapi.ts";
import { requirePackage } from "../require-package.ts";
import { resolvePointer } from "./refs.ts";

/**
 * Examples where a spec taken as published (vendor.yaml `lint: imported`) has none, so that the contract suite can
 * call each operation: every path parameter and required parameter, every request body and every JSON 2xx response
 * body without an example of its own (or, for a parameter, without one in its schema or a default) gets one, sampled
 * from its schema by openapi-sampler (Redocly's, deterministic: the same schema gives the same value), and marked:
 *
 *   examples:
 *     generated:
 *       summary: Sampled from the schema; the published spec has no example here.
 *       x-model-apis-generated: openapi-sampler 1.7.10
 *       value: ...
 *
 * Request bodies get the required properties only, responses every property (read-only ones left out of requests,
 * write-only ones of responses). Curated vendors (`lint: strict`) never get any: their examples cite evidence.
 * A generated example is not checked against its schema here (a pattern or a combination the sampler does not
 * solve can make it invalid); `model-apis-codegen lint` validates every example.
 */

export const GENERATED_EXAMPLE = "generated";
const MARK = "x-model-apis-generated";
const SAMPLER = "openapi-sampler 1.7.10";
const SUMMARY = "Sampled from the schema; the published spec has no example here.";

/** Bounds for sampling untrusted schemas: a `minItems: 1e9` or a megabyte-long `pattern` must not hang the run. */
const MAX_ITEMS = 8;
const MAX_LENGTH = 256;
const MAX_PATTERN = 200;

type Sampler = typeof import("openapi-sampler");
type Node = Record<string, unknown>;

/** Adds the examples in place; returns how many were added. */
export function addGeneratedExamples(doc: OpenApiDoc): number {
  const { sample } = requirePackage("openapi-sampler") as Sampler;
  const bounded = boundedCopy(doc);
  let added = 0;
  const done = new Set<object>();
  /** Samples the schema at `pointer` (a place in the document, resolved in the bounded copy). */
  const sampleAt = (pointer: string, options: { skipReadOnly?: boolean; skipWriteOnly?: boolean; skipNonRequired?: boolean }): unknown => {
    const schema = resolvePointer(bounded, pointer);
    if (!isObject(schema)) return undefined;
    try {
      return sample(schema as never, { ...options, quiet: true, enablePatterns: true }, bounded);
    } catch {
      return undefined; // a schema the sampler cannot follow gets no example
    }
  };
  const mark = (holder: Node, value: unknown) => {
    if (value === undefined) return;
    holder.examples = { [GENERATED_EXAMPLE]: { summary: SUMMARY, [MARK]: SAMPLER, value } };
    added++;
  };
  /** The object a (possibly $ref'd) node stands for, and the pointer it lives at. */
  const deref = (node: unknown, pointer: string): [Node, string] | undefined => {
    let current = node;
    let at = pointer;
    for (let i = 0; i < 10 && isObject(current) && typeof current.$ref === "string"; i++) {
      at = current.$ref;
      current = resolvePointer(doc, at);
    }
    return isObject(current) ? [current, at] : undefined;
  };

  for (const [path, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    const itemAt = `#/paths/${escapeToken(path)}`;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const opAt = `${itemAt}/${method}`;
      const params = [
        ...(Array.isArray(item.parameters) ? item.parameters.map((p, i) => [p, `${itemAt}/parameters/${i}`] as const) : []),
        ...(Array.isArray(op.parameters) ? op.parameters.map((p, i) => [p, `${opAt}/parameters/${i}`] as const) : []),
      ];
      for (const [raw, at] of params) {
        const found = deref(raw, at);
        if (!found || done.has(found[0])) continue;
        const [param, paramAt] = found;
        done.add(param);
        if (
          (param.in === "path" || param.required === true) &&
          isObject(param.schema) &&
          !hasExample(param) &&
          !hasExample(param.schema) &&
          param.schema.default === undefined
        ) {
          mark(param, sampleAt(`${paramAt}/schema`, {}));
        }
      }
      const body = deref(op.requestBody, `${opAt}/requestBody`);
      if (body && !done.has(body[0])) {
        done.add(body[0]);
        for (const [type, media] of Object.entries(isObject(body[0].content) ? body[0].content : {})) {
          if (isObject(media) && isObject(media.schema) && !hasExample(media))
            mark(media, sampleAt(`${body[1]}/content/${escapeToken(type)}/schema`, { skipReadOnly: true, skipNonRequired: true }));
        }
      }
      for (const [status, raw] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        if (!/^2/.test(status)) continue;
        const response = deref(raw, `${opAt}/responses/${escapeToken(status)}`);
        if (!response || done.has(response[0])) continue;
        done.add(response[0]);
        for (const [type, media] of Object.entries(isObject(response[0].content) ? response[0].content : {})) {
          if (/json/i.test(type) && isObject(media) && isObject(media.schema) && !hasExample(media))
            mark(media, sampleAt(`${response[1]}/content/${escapeToken(type)}/schema`, { skipWriteOnly: true }));
        }
      }
    }
  }
  return added;
}

function hasExample(node: Node): boolean {
  return (
    node.example !== undefined ||
    (isObject(node.examples) && Object.keys(node.examples).length > 0) ||
    (Array.isArray(node.examples) && node.examples.length > 0)
  );
}

/** A JSON copy of the document with the sizes a sample could take bounded (the copy is only sampled from). */
function boundedCopy(doc: OpenApiDoc): OpenApiDoc {
  return JSON.parse(JSON.stringify(doc), (key, value: unknown) => {
    if ((key === "minItems" || key === "minProperties") && typeof value === "number") return Math.min(value, MAX_ITEMS);
    if (key === "minLength" && typeof value === "number") return Math.min(value, MAX_LENGTH);
    if (key === "pattern" && typeof value === "string" && value.length > MAX_PATTERN) return undefined;
    return value;
  }) as OpenApiDoc;
}
