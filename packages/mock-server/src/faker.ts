/**
 * Dynamic responses come from json-schema-faker, a process-wide singleton that prism-http configures
 * (its resetJSONSchemaGenerator() restores Prism's defaults). Prism's CLI sets `fillProperties` on that
 * same instance for `--json-schema-faker-fillProperties`; we reach it through prism-http's own dependency
 * resolution, so it is the instance prism-http uses, whatever npm hoists.
 */
import { createRequire } from "node:module";
import { resetJSONSchemaGenerator } from "@stoplight/prism-http";

interface JsonSchemaFaker {
  option(name: string, value: unknown): void;
}

let faker: JsonSchemaFaker | undefined | null;

function prismsFaker(): JsonSchemaFaker | undefined {
  if (faker === undefined) {
    try {
      const requireFromPrism = createRequire(import.meta.resolve("@stoplight/prism-http"));
      faker = (requireFromPrism("json-schema-faker") as { JSONSchemaFaker: JsonSchemaFaker }).JSONSchemaFaker;
    } catch {
      faker = null;
    }
  }
  return faker ?? undefined;
}

/** Resets the generator to Prism's defaults and applies our fillProperties setting. */
export function configureFaker(fillProperties: boolean): void {
  resetJSONSchemaGenerator();
  prismsFaker()?.option("fillProperties", fillProperties);
}
