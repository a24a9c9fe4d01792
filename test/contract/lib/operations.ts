import { firstExample as specExample, HTTP_METHODS } from "@model-apis/spec-model";
import { deref, type Spec } from "./vendors.ts";

export interface Operation {
  id: string;
  method: string;
  path: string;
  op: Spec;
  /** Documented success statuses (2xx) and error statuses (everything else), as strings. */
  success: string[];
  errors: string[];
  parameters: Spec[];
  requestBody?: Spec;
  /** The media type of the request body, and its first (canonical) example. */
  requestMedia?: { type: string; schema: Spec; example: unknown };
  /** x-assumption on the operation: the check still runs, but the coverage table marks it. */
  assumption?: string;
}

/** Every operation of a spec, in document order: the list the contract suite iterates. */
export function operationsOf(spec: Spec): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths ?? {}) as [string, Spec][]) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as Spec | undefined;
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: unknown) => deref(spec, p));
      const statuses = Object.keys(op.responses ?? {});
      const body = op.requestBody ? deref(spec, op.requestBody) : undefined;
      const entry = body?.content ? (Object.entries(body.content)[0] as [string, Spec] | undefined) : undefined;
      out.push({
        id: op.operationId,
        method,
        path,
        op,
        success: statuses.filter((s) => s.startsWith("2")),
        errors: statuses.filter((s) => !s.startsWith("2")),
        parameters,
        ...(body ? { requestBody: body } : {}),
        ...(entry ? { requestMedia: { type: entry[0], schema: entry[1].schema, example: firstExample(spec, entry[1]) } } : {}),
        ...(op["x-assumption"] ? { assumption: String(op["x-assumption"]) } : {}),
      });
    }
  }
  return out;
}

/** The canonical example of a media type or parameter: `example`, else the first of `examples` (spec-model). */
export const firstExample = (spec: Spec, holder: Spec | undefined): unknown => specExample(spec, holder);

/** The marker normalize puts on an example it sampled from the schema (a `lint: imported` vendor's spec only). */
export const GENERATED_MARK = "x-model-apis-generated";

/** Whether the canonical example of a media type or parameter (firstExample's) is one normalize sampled. */
export function isGeneratedExample(spec: Spec, holder: Spec | undefined): boolean {
  if (!holder || holder.example !== undefined || typeof holder.examples !== "object" || holder.examples === null) return false;
  for (const entry of Object.values(holder.examples as Spec)) {
    const resolved = deref(spec, entry);
    if (resolved?.value !== undefined) return resolved[GENERATED_MARK] !== undefined;
  }
  return false;
}

/**
 * The parts of an operation's example call (exampleInput) that normalize sampled from the schemas, e.g.
 * `["path parameter owner", "request body"]`: a check that calls with them is `synthetic` in the coverage table.
 */
export function syntheticInput(spec: Spec, op: Operation): string[] {
  const parts: string[] = [];
  for (const p of op.parameters) {
    if ((p.required || p.in === "path") && p.example === undefined && isGeneratedExample(spec, p)) parts.push(`${p.in} parameter ${p.name}`);
  }
  const body = op.requestBody?.content ? (Object.values(op.requestBody.content)[0] as Spec | undefined) : undefined;
  if (op.requestMedia && isGeneratedExample(spec, body)) parts.push("request body");
  return parts;
}

/** Whether the example of a documented response (its first media type) is one normalize sampled. */
export function syntheticResponse(spec: Spec, op: Operation, status: string): boolean {
  const response = deref(spec, op.op.responses?.[status]);
  const media = response?.content ? (Object.values(response.content)[0] as Spec | undefined) : undefined;
  return isGeneratedExample(spec, media);
}

/** The documented example of a response (status, first media type), and its schema. */
export function responseExample(spec: Spec, op: Operation, status: string): { type?: string; schema?: Spec; example?: unknown } {
  const response = deref(spec, op.op.responses?.[status]);
  const entry = response?.content ? (Object.entries(response.content)[0] as [string, Spec] | undefined) : undefined;
  if (!entry) return {};
  return { type: entry[0], schema: entry[1].schema, example: firstExample(spec, entry[1]) };
}

/** Parameter values from the spec's examples: { path, query, header } as the client takes them. */
export function exampleParams(spec: Spec, op: Operation): { path?: Spec; query?: Spec; header?: Spec } {
  const out: Record<string, Spec> = {};
  for (const p of op.parameters) {
    if (!p.required && p.in !== "path") continue;
    const value = p.example ?? firstExample(spec, p) ?? p.schema?.example ?? p.schema?.examples?.[0] ?? p.schema?.default;
    if (value === undefined) continue;
    (out[p.in] ??= {})[p.name] = value;
  }
  return out;
}
