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
  format(name: string, generate: (schema: Record<string, unknown>) => string): void;
}

/**
 * A `format: uri-template` value that the response validation accepts. json-schema-faker 0.5.8 generates these from
 * a pattern that allows `-` in variable names and a `:` without a length (`{iiwM-IIzUfl}`, `{tU:t}`), which RFC 6570
 * and ajv-formats (Prism's validator) refuse; about a third of its values were refused, so in errors mode a dynamic
 * response with such a field (GitHub's root document has 33) was a 500 instead of the documented 200.
 */
export const URI_TEMPLATE_SAMPLE = "https://api.example.com/items{/item_id}{?page,per_page}";

let faker: JsonSchemaFaker | undefined | null;

function prismsFaker(): JsonSchemaFaker | undefined {
  if (faker === undefined) {
    try {
      // require.resolve, not import.meta.resolve: vitest's module runner (a globalSetup that starts mocks) has no
      // import.meta.resolve, and without the faker our settings silently did not apply there
      const requireFromPrism = createRequire(createRequire(import.meta.url).resolve("@stoplight/prism-http"));
      faker = (requireFromPrism("json-schema-faker") as { JSONSchemaFaker: JsonSchemaFaker }).JSONSchemaFaker;
    } catch {
      faker = null;
    }
  }
  return faker ?? undefined;
}

/** Resets the generator to Prism's defaults and applies our fillProperties setting and format generators. */
export function configureFaker(fillProperties: boolean): void {
  resetJSONSchemaGenerator();
  const faker = prismsFaker();
  faker?.option("fillProperties", fillProperties);
  faker?.format("uri-template", () => URI_TEMPLATE_SAMPLE);
}
