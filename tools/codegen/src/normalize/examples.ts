import { escapeToken, HTTP_METHODS, isObject, type OpenApiDoc, setOwn } from "../openapi.ts";
import { firstNamedExample } from "../spec-model.ts";
import { type ExampleCheck, exampleCheck } from "./example-check.ts";
import { resolvePointer } from "./refs.ts";
import { hasExample, type SampleOptions, type SampleTarget, Samples } from "./sampler.ts";

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
 *
 * Each sample is checked against its schema (example-check.ts: as the mock validates it). openapi-sampler's own
 * regular-expression support knows no groups, alternations or escapes (`^\d+\.\d+$` gives `\d\.\d`), so a string
 * schema with a `pattern` and no example is sampled from the value randexp gives for it; where the sample of a schema
 * with `oneOf`/`anyOf` is invalid (a path parameter `oneOf: [integer, string]` sampled as 0 travels as "0", which
 * both match), each branch is tried in turn, and then the required properties alone. The first valid sample is
 * taken; when none is, the first (`model-apis-codegen lint` reports it).
 *
 * A published example that violates its own schema is an upstream defect that the mock would serve as it is (in
 * errors mode, a 500 instead of the documented answer). replaceInvalidExamples gives each such place a valid sample,
 * first (the one the mock serves and the contract suite calls with), and keeps the published example after it:
 *
 *   examples:
 *     generated:
 *       summary: 'Sampled from the schema: the published example "default" violates it (/id: must be integer).'
 *       x-model-apis-generated: openapi-sampler 1.7.10
 *       value: ...
 *     default: <the published example, unchanged>
 *
 * (a published `example:` becomes `examples: {generated, published}`). It looks at the first example of every path
 * or required parameter, every request body and every JSON response, the ones the mock and the suite use.
 */

export const GENERATED_EXAMPLE = "generated";
/** The name a published `example:` gets beside a sampled replacement. */
export const PUBLISHED_EXAMPLE = "published";
const MARK = "x-model-apis-generated";
/** A property name that JavaScript orders before all others (an array index). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,8})$/;
const SAMPLER = "openapi-sampler 1.7.10";
const SUMMARY = "Sampled from the schema; the published spec has no example here.";

type Node = Record<string, unknown>;
/** A place that takes an example: a parameter, or a media type of a request body or response. */
interface Place extends SampleTarget {
  holder: Node;
  /** Where the holder is, for messages. */
  at: string;
}

/** What replaceInvalidExamples did. */
export interface Replacements {
  /** Published examples that violate their schemas and now come after a valid sample. */
  replaced: number;
  /** Published examples that violate their schemas and for which no valid sample was found: left first. */
  unsolved: number;
  /** The first place replaced and why, for the one-line report. */
  first?: { at: string; problem: string };
}

/** One sampler per check (so per document): replaceInvalidExamples and addGeneratedExamples share its copies. */
const samplers = new WeakMap<ExampleCheck, Samples>();
function samplesFor(doc: OpenApiDoc, check: ExampleCheck): Samples {
  let samples = samplers.get(check);
  if (!samples) samplers.set(check, (samples = new Samples(doc, check)));
  return samples;
}

/** Adds the examples in place; returns how many were added. */
export function addGeneratedExamples(doc: OpenApiDoc, check: ExampleCheck = exampleCheck(doc)): number {
  const samples = samplesFor(doc, check);
  let added = 0;
  for (const place of examplePlaces(doc)) {
    if (hasExample(place.holder)) continue;
    if (place.kind === "parameter") {
      const schema = place.holder.schema;
      if (!isObject(schema) || hasExample(schema) || schema.default !== undefined) continue;
    }
    if (place.kind === "response" && !place.success) continue;
    const sampled = samples.sample(place, optionsFor(place.kind));
    if (sampled === undefined || sampled.value === undefined) continue;
    place.holder.examples = { [GENERATED_EXAMPLE]: { summary: SUMMARY, [MARK]: SAMPLER, value: sampled.value } };
    added++;
  }
  return added;
}

/**
 * Puts a valid sample in front of every published example (the first of a place) that violates its schema, keeping
 * the published one after it (see the top of this file). Returns the counts.
 */
export function replaceInvalidExamples(doc: OpenApiDoc, check: ExampleCheck = exampleCheck(doc)): Replacements {
  let samples: Samples | undefined;
  const out: Replacements = { replaced: 0, unsolved: 0 };
  for (const place of examplePlaces(doc)) {
    const first = firstNamedExample(doc, place.holder);
    const published = first && { name: first.name ?? PUBLISHED_EXAMPLE, value: first.value };
    if (!published || (isObject(place.holder.examples) && Object.hasOwn(place.holder.examples, GENERATED_EXAMPLE))) continue;
    const problem = place.kind === "parameter" ? check.parameter(place.schemaAt, published.value) : check.body(place.schemaAt, published.value);
    if (!problem) continue;
    const sampled = (samples ??= samplesFor(doc, check)).sample(place, optionsFor(place.kind));
    if (!sampled || sampled.problem !== undefined || sampled.value === undefined) {
      out.unsolved++;
      continue;
    }
    const generated = {
      summary: `Sampled from the schema: the published example "${published.name}" violates it (${problem}).`,
      [MARK]: SAMPLER,
      value: sampled.value,
    };
    const examples: Node = {};
    setOwn(examples, GENERATED_EXAMPLE, generated);
    if (published.name === PUBLISHED_EXAMPLE && !isObject(place.holder.examples)) {
      setOwn(examples, PUBLISHED_EXAMPLE, { summary: "The published example.", value: place.holder.example });
      delete place.holder.example;
    } else if (isObject(place.holder.examples)) {
      // a name that is an array index ("202") would come before "generated" in any object (JavaScript orders such
      // keys first, and so does the mock reading the file): it gets a prefix
      for (const [name, entry] of Object.entries(place.holder.examples))
        setOwn(examples, ARRAY_INDEX.test(name) ? `${PUBLISHED_EXAMPLE}-${name}` : name, entry);
    }
    place.holder.examples = examples;
    out.replaced++;
    out.first ??= { at: place.at, problem };
  }
  return out;
}

const optionsFor = (kind: Place["kind"]): SampleOptions =>
  kind === "request" ? { skipReadOnly: true, skipNonRequired: true } : kind === "response" ? { skipWriteOnly: true } : {};

/**
 * Every place that takes an example, once each (a $ref'd parameter, body or response shared by operations is one
 * place): path and required parameters, request bodies' media types, and JSON media types of responses (`success`
 * for 2xx ones).
 */
function examplePlaces(doc: OpenApiDoc): (Place & { success?: boolean })[] {
  const places: (Place & { success?: boolean })[] = [];
  const done = new Set<object>();
  /** The object a (possibly $ref'd) node stands for, and the pointer it lives at. */
  const located = (node: unknown, pointer: string): [Node, string] | undefined => {
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
        const found = located(raw, at);
        if (!found || done.has(found[0])) continue;
        const [param, paramAt] = found;
        done.add(param);
        if ((param.in === "path" || param.required === true) && isObject(param.schema))
          places.push({ holder: param, schemaAt: `${paramAt}/schema`, kind: "parameter", at: paramAt });
      }
      const body = located(op.requestBody, `${opAt}/requestBody`);
      if (body && !done.has(body[0])) {
        done.add(body[0]);
        for (const [type, media] of Object.entries(isObject(body[0].content) ? body[0].content : {})) {
          const at = `${body[1]}/content/${escapeToken(type)}`;
          if (isObject(media) && isObject(media.schema)) places.push({ holder: media, schemaAt: `${at}/schema`, kind: "request", at });
        }
      }
      for (const [status, raw] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const response = located(raw, `${opAt}/responses/${escapeToken(status)}`);
        if (!response || done.has(response[0])) continue;
        done.add(response[0]);
        for (const [type, media] of Object.entries(isObject(response[0].content) ? response[0].content : {})) {
          const at = `${response[1]}/content/${escapeToken(type)}`;
          if (/json/i.test(type) && isObject(media) && isObject(media.schema))
            places.push({ holder: media, schemaAt: `${at}/schema`, kind: "response", at, success: /^2/.test(status) });
        }
      }
    }
  }
  return places;
}
