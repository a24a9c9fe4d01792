/** Small shared vocabulary for walking OpenAPI documents. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
// biome-ignore lint/suspicious/noExplicitAny: the normalizer edits documents whose content it does not trust
export type OpenApiDoc = Record<string, any>;

import { listOperations, type OperationEntry } from "./spec-model.ts";

export { escapeToken, HTTP_METHODS, type HttpMethod, unescapeToken } from "./spec-model.ts";

/** One operation: its path, method and object (the spec model's OperationEntry). */
export type OperationRef = OperationEntry;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every operation in document order (paths in key order, methods in HTTP_METHODS order). */
export const operations = (doc: OpenApiDoc): OperationRef[] => listOperations(doc);

/** Deep copy that also drops prototype-polluting keys (`__proto__` is kept only as plain data). */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** obj[key] = value as an own data property, also when key is "__proto__" (which assignment would not store). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Canonical JSON: object keys sorted, so equal schemas give equal strings (and only equal ones). */
export function canonical(value: unknown): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonical(item))).join(",")}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${canonical(item)}`);
  }
  return `{${parts.join(",")}}`;
}

export function pascalCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[A-Z]/.test(name) ? name : `T${name}`;
}
