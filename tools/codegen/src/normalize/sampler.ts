import { isObject, type OpenApiDoc } from "../openapi.ts";
import { requirePackage } from "../require-package.ts";
import { deref } from "../spec-model.ts";
import type { ExampleCheck } from "./example-check.ts";
import { resolvePointer } from "./refs.ts";

/**
 * Samples from schemas, for the examples of a spec taken as published (examples.ts says where they go):
 * openapi-sampler (Redocly's, deterministic) on a bounded copy, randexp for string patterns, and each sample checked
 * against its schema (example-check.ts) until one is valid.
 */

/** Bounds for sampling untrusted schemas: a `minItems: 1e9` or a megabyte-long `pattern` must not hang the run. */
const MAX_ITEMS = 8;
const MAX_LENGTH = 256;
const MAX_PATTERN = 200;

type Sampler = typeof import("openapi-sampler");
type Node = Record<string, unknown>;
export interface SampleOptions {
  skipReadOnly?: boolean;
  skipWriteOnly?: boolean;
  skipNonRequired?: boolean;
}

/** Where a schema to sample is (`#/...`), and what it is the schema of (a parameter's travels as a string). */
export interface SampleTarget {
  schemaAt: string;
  kind: "parameter" | "request" | "response";
}

/** Samples schemas of one document (bounded copy, deterministic), checking each sample against its schema. */
export class Samples {
  private readonly sampler = requirePackage("openapi-sampler") as Sampler;
  private readonly copies: { bounded?: OpenApiDoc; withoutExamples?: OpenApiDoc } = {};
  constructor(
    private readonly doc: OpenApiDoc,
    readonly check: ExampleCheck,
  ) {}

  /**
   * What openapi-sampler resolves `$ref`s in: a bounded copy of the components without components/examples (never
   * sampled from; on GitHub's spec it is a third of them); `withoutExamples`: also without the schemas' own examples.
   */
  private copy(withoutExamples: boolean): OpenApiDoc {
    const components = isObject(this.doc.components) ? { ...this.doc.components, examples: undefined } : {};
    if (withoutExamples) return (this.copies.withoutExamples ??= { components: boundedCopy(components, true) } as OpenApiDoc);
    return (this.copies.bounded ??= { components: boundedCopy(components, false) } as OpenApiDoc);
  }

  private sampleSchema(schema: unknown, options: SampleOptions, from: OpenApiDoc): unknown {
    if (!isObject(schema)) return undefined;
    try {
      return this.sampler.sample(schema as never, { ...options, quiet: true, enablePatterns: true }, from);
    } catch {
      return undefined; // a schema the sampler cannot follow gets no example
    }
  }

  /**
   * The first valid sample of the schema at `schemaAt` (as it is, then each oneOf/anyOf branch, then with the required
   * properties only; each first with the schemas' own examples, which openapi-sampler takes before anything, then
   * without them, for a schema example that violates its schema), or, when none is valid, the first sample and its
   * problem.
   */
  sample(place: SampleTarget, options: SampleOptions): { value: unknown; problem?: string } | undefined {
    const validate = (value: unknown) => (place.kind === "parameter" ? this.check.parameter(place.schemaAt, value) : this.check.body(place.schemaAt, value));
    let first: { value: unknown; problem?: string } | undefined;
    for (const withoutExamples of [false, true]) {
      const from = this.copy(withoutExamples);
      const schema = deref(from, boundedCopy(resolvePointer(this.doc, place.schemaAt), withoutExamples));
      if (!isObject(schema)) return first;
      const branches = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
      const { oneOf: _o, anyOf: _a, ...rest } = schema;
      const candidates: (() => unknown)[] = [
        () => this.sampleSchema(schema, options, from),
        ...branches.map((branch) => () => {
          const resolved = deref(from, branch);
          return isObject(resolved) ? this.sampleSchema({ ...rest, ...resolved }, options, from) : undefined;
        }),
        ...(options.skipNonRequired ? [] : [() => this.sampleSchema(schema, { ...options, skipNonRequired: true }, from)]),
      ];
      for (const candidate of candidates) {
        const value = candidate();
        if (value === undefined) continue;
        const problem = validate(value);
        if (!problem) return { value };
        first ??= { value, problem };
      }
    }
    return first;
  }
}

/** Whether a parameter, media type or schema has an example of its own (`example`, or a non-empty `examples`). */
export function hasExample(node: Node): boolean {
  return (
    node.example !== undefined ||
    (isObject(node.examples) && Object.keys(node.examples).length > 0) ||
    (Array.isArray(node.examples) && node.examples.length > 0)
  );
}

/**
 * A JSON copy (of schemas) with the sizes a sample could take bounded (the copy is only sampled from; with
 * `withoutExamples`, without the schemas' own `examples`), and with a value for every string schema that has a
 * `pattern` but no example, default, const or enum: randexp's, when it matches the pattern and the length bounds
 * (openapi-sampler takes a schema's examples before its own guess).
 */
function boundedCopy<T>(node: T, withoutExamples: boolean): T {
  if (node === undefined) return node;
  return JSON.parse(JSON.stringify(node), (key, value: unknown) => {
    // a schema's `examples` keyword is an array (a property named examples is an object)
    if (withoutExamples && key === "examples" && Array.isArray(value)) return undefined;
    if ((key === "minItems" || key === "minProperties") && typeof value === "number") return Math.min(value, MAX_ITEMS);
    if (key === "minLength" && typeof value === "number") return Math.min(value, MAX_LENGTH);
    if (key === "pattern" && typeof value === "string" && value.length > MAX_PATTERN) return undefined;
    if (
      isObject(value) &&
      typeof value.pattern === "string" &&
      isStringSchema(value) &&
      !hasExample(value) &&
      value.default === undefined &&
      value.const === undefined &&
      value.enum === undefined
    ) {
      const matching = patternSample(value.pattern, value.minLength, value.maxLength);
      if (matching !== undefined) return { ...value, examples: [matching] };
    }
    return value;
  }) as T;
}

/** A schema whose `type` is (or includes) string: `pattern` applies to strings only. */
function isStringSchema(node: Node): boolean {
  return node.type === "string" || (Array.isArray(node.type) && node.type.includes("string"));
}

/** A string that matches `pattern` (and the length bounds), from randexp with a fixed seed, or undefined. */
export function patternSample(pattern: string, minLength: unknown, maxLength: unknown): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
  const RandExp = requirePackage("randexp") as typeof import("randexp");
  const generator = new RandExp(pattern);
  generator.max = 4;
  let state = 0x9e3779b9;
  // mulberry32: the same pattern always gives the same string
  generator.randInt = (from: number, to: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return from + Math.floor(r * (to - from + 1));
  };
  generator.defaultRange.subtract(0, 31);
  generator.defaultRange.subtract(127, 0x10ffff);
  let value: string;
  try {
    value = generator.gen();
  } catch {
    return undefined;
  }
  if (!regex.test(value)) return undefined;
  if (typeof minLength === "number" && value.length < minLength) return undefined;
  if (typeof maxLength === "number" && value.length > maxLength) return undefined;
  return value;
}
