import type { GlobalContext, OpenAPI3 } from "openapi-typescript";
import type { OpenApiDoc } from "../openapi.ts";
import { findUnresolvedRef } from "../normalize/refs.ts";

type OpenapiTypescript = Pick<typeof import("openapi-typescript"), "transformSchema" | "scanDiscriminators" | "resolveRef">;

/** The openapi-typescript options we generate with (see emitTypes); every other option keeps its default. */
const OPTIONS = { alphabetize: false, silent: true, defaultNonNullable: false, emptyObjectsUnknown: true } as const;

/**
 * openapi-typescript's `openapiTS()` without its first step, `validateAndBundle`: that step lints the document again
 * with its own redocly (1.x) and bundles it, which takes twice as long as the transform itself on a big spec (GitHub's:
 * ~6 s of ~9 s). Our documents are already bundled (one file, local `$ref`s only: external ones are refused on load)
 * and linted with the house style, a superset of what it checks. The one error it would still raise, an unresolved
 * `$ref`, is checked here. The context mirrors the one `openapiTS()` builds (openapi-typescript is pinned; its
 * `GlobalContext` type flags a new field). The document is changed in place (discriminator enums): pass a copy.
 */
export function typesAst(ots: OpenapiTypescript, doc: OpenApiDoc): ReturnType<OpenapiTypescript["transformSchema"]> {
  const unresolved = findUnresolvedRef(doc);
  if (unresolved) throw new Error(`Can't resolve $ref at ${unresolved}`);
  const schema = doc as OpenAPI3;
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: OPTIONS.alphabetize,
    arrayLength: false,
    defaultNonNullable: OPTIONS.defaultNonNullable,
    discriminators: ots.scanDiscriminators(schema, OPTIONS),
    emptyObjectsUnknown: OPTIONS.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // only validateAndBundle reads the redocly config
    redoc: undefined as never,
    silent: OPTIONS.silent,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref) => ots.resolveRef(schema, $ref, { silent: OPTIONS.silent }),
  };
  return ots.transformSchema(schema, ctx);
}
