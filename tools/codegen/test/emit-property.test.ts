import fc from "fast-check";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { clientReservedNames, emitClient } from "../src/emit/client.ts";
import { markdownText } from "../src/emit/escape.ts";
import { emitMockBin, emitMockIndex } from "../src/emit/mock.ts";
import { operationModels, schemaNames } from "../src/emit/model.ts";
import { emitTypes, uriDecodable } from "../src/emit/types.ts";
import type { OpenApiDoc } from "../src/openapi.ts";
import type { VendorConfig } from "../src/vendor-config.ts";

/**
 * Property: whatever strings a spec holds, the emitted TypeScript parses without errors and has exactly the syntax
 * tree it has for harmless strings; every literal that carries spec text evaluates back to that text, and spec
 * text never becomes any other kind of node. FC_RUNS sets the number of runs (npm run test:property: 100,000).
 */
const RUNS = Number(process.env.FC_RUNS ?? 1000);

const FIELDS = [
  "title",
  "server",
  "path",
  "operationId",
  "summary",
  "description",
  "param",
  "enumValue",
  "schemaKey",
  "schemaDescription",
  "property",
  "propertyDescription",
  "example",
  "slug",
] as const;
type Field = (typeof FIELDS)[number];
type Texts = Record<Field, string>;

/** The JSON pointer (RFC 6901) of a top-level property. */
function pointerTo(property: string): string {
  return `/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** The same spec for any strings; the harmless version uses `zq<i>qz`, which stays one identifier-like token. */
function build(t: Texts): { doc: OpenApiDoc; config: VendorConfig } {
  const config = {
    slug: t.slug,
    title: t.title,
    clientName: "Prop",
    package: "@model-apis/prop",
    version: "1",
    description: "",
    servers: [{ url: t.server }],
    upstream: [],
    dir: "/nowhere",
  } as VendorConfig;
  // a JSON pointer in a URI fragment: ~ and / escaped, then percent-encoded
  const ref = `#/components/schemas/${encodeURIComponent(t.schemaKey.replace(/~/g, "~0").replace(/\//g, "~1"))}`;
  const doc: OpenApiDoc = {
    openapi: "3.1.0",
    info: { title: t.title, version: "1" },
    servers: config.servers,
    paths: {
      [t.path]: {
        get: {
          operationId: t.operationId,
          summary: t.summary,
          description: t.description,
          parameters: [{ name: t.param, in: "query", description: t.description, schema: { type: "string", enum: [t.enumValue] } }],
          responses: {
            "200": { description: t.description, content: { "application/json": { schema: { $ref: ref }, example: { [t.property]: [t.example] } } } },
          },
          "x-model-apis-pagination": { style: "cursor", items: pointerTo(t.property), cursorParam: t.param, nextCursor: pointerTo(t.property) },
        },
      },
    },
    components: {
      schemas: {
        [t.schemaKey]: {
          type: "object",
          description: t.schemaDescription,
          properties: { [t.property]: { type: "array", items: { type: "string" }, description: t.propertyDescription, example: [t.example] } },
        },
      },
    },
  };
  return { doc, config };
}

async function emitAll(t: Texts): Promise<Record<string, string>> {
  const { doc, config } = build(t);
  const ops = operationModels(doc);
  return {
    client: emitClient(doc, config, ops, schemaNames(doc, clientReservedNames(config.clientName)), "header"),
    mockIndex: emitMockIndex(config, "header"),
    mockBin: emitMockBin(config, "header").replace(/^#!.*\n/, ""),
    types: await emitTypes(doc, "header"),
  };
}

type Nodes = { kind: ts.SyntaxKind; text?: string }[];

/**
 * Parses each emitted file once: its syntax errors (a Program's syntactic diagnostics: public API, no re-parse; one
 * Program over all the files of a run) and a preorder list of its nodes (comments are not nodes); leaves carry their
 * text. A computed key `["x"]` counts as the literal "x" (the emitters write `["__proto__"]` so that it stays a key),
 * and `"__proto__": v` in an object literal, which would set the prototype instead, is marked.
 */
function analyze(codes: Record<string, string>): Record<string, { errors: string[]; nodes: Nodes }> {
  const files = new Map(
    Object.entries(codes).map(([name, code]) => [`${name}.ts`, ts.createSourceFile(`${name}.ts`, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)]),
  );
  const host: ts.CompilerHost = {
    getSourceFile: (name) => files.get(name),
    fileExists: (name) => files.has(name),
    readFile: () => undefined,
    writeFile: () => {},
    getDefaultLibFileName: () => "lib.d.ts",
    getCurrentDirectory: () => "",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: { noLib: true, noResolve: true, types: [] }, host });
  const out: Record<string, { errors: string[]; nodes: Nodes }> = {};
  for (const [name, file] of files) {
    const errors = program.getSyntacticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    const nodes: Nodes = [];
    const visit = (node: ts.Node): void => {
      if (ts.isComputedPropertyName(node) && ts.isStringLiteral(node.expression)) return visit(node.expression);
      if (
        ts.isPropertyAssignment(node) &&
        (ts.isIdentifier(node.name) ? ts.idText(node.name) : ts.isStringLiteral(node.name) ? node.name.text : "") === "__proto__"
      ) {
        nodes.push({ kind: ts.SyntaxKind.Unknown, text: "__proto__ key that sets the prototype" });
      }
      const leaf = ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNumericLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
      nodes.push({ kind: node.kind, ...(leaf ? { text: ts.isIdentifier(node) ? ts.idText(node) : node.text } : {}) });
      ts.forEachChild(node, visit);
    };
    visit(file);
    out[name.slice(0, -".ts".length)] = { errors, nodes };
  }
  return out;
}

const NAME_KINDS = new Set([ts.SyntaxKind.Identifier, ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NumericLiteral]);
const HARMLESS = Object.fromEntries(FIELDS.map((f, i) => [f, `${f === "path" ? "/" : ""}zq${i}qz`])) as Texts;
/** Placeholders are zq<i>qz; a type alias derived from one is Zq<i>qz. */
const PLACEHOLDER = /^\/?zq\d+qz$/;
const ANY_HARMLESS = new RegExp(Object.values(HARMLESS).join("|"), "g");
const DERIVED = /zq\d+qz/i;

/** The text a spec string should arrive as (a `{name}` in a server URL is a variable, replaced by its default: none here). */
function expected(field: Field, t: Texts): string {
  return field === "server" ? t.server.replace(/\{([^}]+)\}/g, "") : t[field];
}

/** Compares the emitted code for `t` with the harmless baseline, node by node; returns the first difference. */
function compare(baseline: Nodes, { errors, nodes }: { errors: string[]; nodes: Nodes }, t: Texts): string | undefined {
  if (errors.length) return `syntax error: ${errors[0]}`;
  if (nodes.length !== baseline.length) return `${nodes.length} nodes instead of ${baseline.length}`;
  for (const [i, base] of baseline.entries()) {
    const node = nodes[i]!;
    const carries = base.text !== undefined && DERIVED.test(base.text);
    if (carries && base.kind === ts.SyntaxKind.Identifier && !PLACEHOLDER.test(base.text!)) {
      // an identifier derived from spec text (a type alias name): still exactly one identifier
      if (node.kind !== ts.SyntaxKind.Identifier) return `identifier from spec text became a ${ts.SyntaxKind[node.kind]}`;
    } else if (carries) {
      // a name or literal that carries spec text: any name kind, with exactly the original text in it
      // the pagination pointers carry the property escaped as a JSON pointer
      const want =
        base.text === pointerTo(HARMLESS.property)
          ? pointerTo(t.property)
          : base.text!.replace(ANY_HARMLESS, (h) => expected(FIELDS.find((f) => HARMLESS[f] === h)!, t));
      if (!NAME_KINDS.has(node.kind)) return `spec text became a ${ts.SyntaxKind[node.kind]}`;
      if (node.text !== want) return `${JSON.stringify(want)} reads back as ${JSON.stringify(node.text)}`;
    } else if (node.kind !== base.kind || node.text !== base.text) {
      return `node ${i}: ${ts.SyntaxKind[node.kind]} ${node.text ?? ""} where the baseline has ${ts.SyntaxKind[base.kind]} ${base.text ?? ""}`;
    }
  }
  return undefined;
}

/** Strings that break out of literals and comments, mixed with arbitrary Unicode (lone surrogates included). */
const TOKENS = [
  "*/",
  "/*",
  "//",
  '"',
  "'",
  "`",
  "${",
  "}",
  "\\",
  "\n",
  "\r",
  "\u2028",
  "\u2029",
  "\0",
  "<script>",
  "</script>",
  "-->",
  "__proto__",
  "constructor",
  "prototype",
  "delete",
  "class",
  "await",
  "{",
  "~",
  "/",
  "%",
  "#",
];
const text = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join("")),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Where the pipeline guarantees a shape (normalize derives missing operationIds; paths start with /), so does this. */
const SHAPED: Partial<Record<Field, fc.Arbitrary<string>>> = {
  operationId: text.filter((s) => s !== ""),
  schemaKey: text.filter((s) => s !== "" && !LONE_SURROGATE.test(s)), // a $ref (a URI) cannot name it otherwise
  path: text.map((s) => `/${s}`),
};
const texts = fc.record(Object.fromEntries(FIELDS.map((f) => [f, SHAPED[f] ?? text])) as Record<Field, fc.Arbitrary<string>>);
/** Input openapi-typescript cannot type (an operationId with "#" or "%", a key or parameter name with a stray "%"): emitTypes refuses it, naming the place. */
const refusable = (t: Texts) => /[#%]/.test(t.operationId) || [t.path, t.property, t.schemaKey, t.param].some((k) => !uriDecodable(k));

let baselines: Record<string, Nodes>;
let baselineErrors: string[];
beforeAll(async () => {
  const analyzed = Object.entries(analyze(await emitAll(HARMLESS)));
  baselines = Object.fromEntries(analyzed.map(([name, { nodes }]) => [name, nodes]));
  baselineErrors = analyzed.flatMap(([name, { errors }]) => errors.map((e) => `${name}: ${e}`));
});

describe("emitters on arbitrary spec strings", () => {
  it("the harmless baseline parses, and carries every spec string as a literal or name", () => {
    expect(baselineErrors).toEqual([]);
    const carried = (file: string) => FIELDS.filter((f) => baselines[file]!.some((n) => n.text?.includes(HARMLESS[f])));
    expect(carried("client")).toEqual(["server", "path", "operationId", "param", "schemaKey", "property"]);
    expect(carried("mockBin")).toEqual(["slug"]);
    expect(carried("types")).toEqual(["path", "operationId", "param", "enumValue", "schemaKey", "property"]);
  });

  it(
    `parse without errors, with the baseline's syntax tree and the original strings in their literals (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(texts, async (t) => {
          let emitted: Record<string, string>;
          try {
            emitted = await emitAll(t);
          } catch (error) {
            // the one allowed failure: a clear refusal, for input openapi-typescript cannot type
            expect(refusable(t), String(error)).toBe(true);
            expect(String(error)).toMatch(/ at #\/[\s\S]* cannot be typed: /);
            return;
          }
          for (const [name, analyzed] of Object.entries(analyze(emitted))) {
            const problem = compare(baselines[name]!, analyzed, t);
            if (problem) throw new Error(`${name}: ${problem}`);
          }
        }),
        { numRuns: RUNS },
      );
    },
    RUNS * 200 + 60_000,
  );

  it(`markdown text is one line with no HTML, pipes or backticks (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(markdownText(s, 1e6)).not.toMatch(/[\n\r\u2028\u2029<>`]|(^|[^\\])\|/);
      }),
      { numRuns: RUNS },
    );
  });
});
