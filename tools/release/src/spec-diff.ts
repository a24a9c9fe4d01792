/**
 * The classified changes between two normalized specs. api-smart-diff finds and classifies every change (it
 * resolves $refs, so a change to a shared schema shows up in each operation that uses it); on top of its
 * classification we apply what a change means for a *typed* client, which only ever makes a change more severe:
 * renaming an operationId renames a client method, removing a request field breaks code that sets it, and a
 * response field that is removed, retyped or loses an enum value breaks code that reads it. What the library leaves
 * unclassified counts as minor, except examples and notes for readers (x-origin, x-assumption, ...), which are
 * documentation.
 */
import { apiDiff, type Diff } from "api-smart-diff";
import { type Level, maxLevel } from "./bump.ts";
import { describeChange, type Described } from "./describe-change.ts";

/** How a change counts; "chosen" is a level the maintainer gave (--bump), for a change the diff cannot judge. */
export type Kind = "breaking" | "non-breaking" | "deprecation" | "documentation" | "unclassified" | "chosen";

export interface Change {
  level: Level;
  kind: Kind;
  /** One line in plain words, e.g. "Removed `listCatalogModels` (GET /v1/models/catalog)". */
  text: string;
  /** The JSON path in the spec, for --verbose and tests. */
  path: string;
}

const LEVEL_OF: Record<Exclude<Kind, "chosen">, Level> = {
  breaking: "major",
  "non-breaking": "minor",
  deprecation: "minor",
  documentation: "patch",
  unclassified: "minor",
};
const KIND_OF: Record<string, Exclude<Kind, "chosen">> = {
  breaking: "breaking",
  "non-breaking": "non-breaking",
  deprecated: "deprecation",
  annotation: "documentation",
  unclassified: "unclassified",
};
const ORDER: Kind[] = ["breaking", "chosen", "unclassified", "non-breaking", "deprecation", "documentation"];

/** Shared definitions: their changes are reported where they are used, in each operation. */
const REPORTED_IN_OPERATIONS = new Set(["schemas", "responses", "parameters", "requestBodies", "headers", "examples", "links", "callbacks", "pathItems"]);

type Doc = Record<string, unknown>;

export function specChanges(before: Doc, after: Doc): Change[] {
  const diffs = apiDiff(before, after);
  const out = new Map<string, Change>();
  for (const diff of diffs) {
    if (diff.path[0] === "components" && REPORTED_IN_OPERATIONS.has(String(diff.path[1]))) continue;
    const described = describeChange(diff, before, after);
    const kind = classify(diff, described);
    const text = described.text;
    const existing = out.get(text);
    // the same words from several diffs (one field in two responses of the same status) are one line, at its worst
    if (!existing || ORDER.indexOf(kind) < ORDER.indexOf(existing.kind)) out.set(text, { level: LEVEL_OF[kind], kind, text, path: jsonPath(diff.path) });
  }
  return [...out.values()].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}

/** The level of a set of changes: the worst of them; undefined when there are none. */
export function changesLevel(changes: readonly Change[]): Level | undefined {
  return maxLevel(changes.map((c) => c.level));
}

function classify(diff: Diff, d: Described): Exclude<Kind, "chosen"> {
  const library = KIND_OF[diff.type] ?? "unclassified";
  const ours = typedClientKind(diff, d);
  if (ours && ORDER.indexOf(ours) < ORDER.indexOf(library)) return ours;
  // examples only change what the mock serves and the docs show; vendor extensions other than our semantics
  // (x-origin provenance, x-assumption, x-known-issue) are notes for readers
  if (library === "unclassified" && (d.examples || isNoteExtension(diff.path))) return "documentation";
  return library;
}

/** What the change means for code compiled against the generated client, where that is worse than the library says. */
function typedClientKind(diff: Diff, d: Described): Exclude<Kind, "chosen"> | undefined {
  if (d.keyword === "operationId" && d.place === "operation") return "breaking";
  if (d.keyword === "enum" && diff.action === "remove") return "breaking";
  if (d.place === "response") {
    if ((d.keyword === "type" || d.keyword === "format") && diff.action !== "add") return "breaking";
    if (d.keyword === "" && diff.action === "remove") return "breaking";
    if (d.keyword === "required" && diff.action === "remove") return "breaking";
  }
  if (d.place === "request" && d.keyword === "" && diff.action === "remove") return "breaking";
  if (d.place === "document" && d.keyword === "servers") return "non-breaking";
  return undefined;
}

function isNoteExtension(path: readonly (string | number)[]): boolean {
  const extension = path.find((k) => typeof k === "string" && k.startsWith("x-"));
  return typeof extension === "string" && !extension.startsWith("x-model-apis-");
}

function jsonPath(path: readonly (string | number)[]): string {
  return "#/" + path.map((k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}
