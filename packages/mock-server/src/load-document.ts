/** The spec as a plain document, for the twin (Prism's operations are dereferenced and lose the extensions). */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { SpecInput } from "./options.js";

export async function loadDocument(spec: SpecInput, label: string): Promise<Record<string, unknown>> {
  let text: string;
  if (spec instanceof URL && spec.protocol !== "file:") text = await (await fetch(spec)).text();
  else if (typeof spec === "string" && /^https?:\/\//i.test(spec)) text = await (await fetch(spec)).text();
  else if (spec instanceof URL || typeof spec === "string") {
    const file = spec instanceof URL || /^file:/i.test(spec) ? fileURLToPath(spec) : resolve(spec);
    text = await readFile(file, "utf8");
  } else return structuredClone(spec) as Record<string, unknown>;
  try {
    return parse(text, { maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot load spec ${label}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}
