import { canonical, isObject, operations, pascalCase, type OpenApiDoc } from "../openapi.ts";

/**
 * Moves inline schemas of request bodies and responses into components/schemas with PascalCase
 * names (CreateModelRequest, GetModelResponse, GetModel404Response, ...), so generated types have names.
 * Identical schemas are stored once: an inline schema equal to an existing component becomes a $ref to it.
 */
export function hoistInlineSchemas(doc: OpenApiDoc): void {
  doc.components ??= {};
  doc.components.schemas ??= {};
  const schemas: Record<string, unknown> = doc.components.schemas;
  const byContent = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const key = canonical(schema);
    if (!byContent.has(key)) byContent.set(key, name);
  }

  const hoist = (schema: unknown, name: string): unknown => {
    if (!isObject(schema) || schema.$ref !== undefined) return schema;
    const key = canonical(schema);
    let target = byContent.get(key);
    if (!target) {
      target = uniqueName(schemas, name);
      schemas[target] = schema;
      byContent.set(key, target);
    }
    return { $ref: `#/components/schemas/${target}` };
  };

  for (const { op } of operations(doc)) {
    const base = pascalCase(String(op.operationId));
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
      if (isObject(media)) media.schema = hoist(media.schema, `${base}Request${suffix(type)}`);
    }
    const statuses = Object.keys(op.responses ?? {});
    const successes = statuses.filter((s) => /^2/.test(s));
    for (const status of statuses) {
      const response = op.responses[status];
      if (!isObject(response) || !isObject(response.content)) continue;
      const name = successes.length === 1 && successes[0] === status ? `${base}Response` : `${base}${pascalCase(status)}Response`;
      for (const [type, media] of Object.entries(response.content)) {
        if (isObject(media)) media.schema = hoist(media.schema, `${name}${suffix(type)}`);
      }
    }
  }
}

function suffix(mediaType: string): string {
  return /json/.test(mediaType) ? "" : pascalCase(mediaType.split(/[/;]/)[1] ?? mediaType);
}

function uniqueName(schemas: Record<string, unknown>, name: string): string {
  if (!(name in schemas)) return name;
  for (let i = 2; ; i++) if (!(`${name}${i}` in schemas)) return `${name}${i}`;
}
