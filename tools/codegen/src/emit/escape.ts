/**
 * Every string that comes from a spec goes through one of these before it reaches generated code.
 * Spec text is untrusted: it may hold `*\/`, quotes, backticks, `${}`, newlines or U+2028/U+2029.
 */

/** A TypeScript/JavaScript string literal (double-quoted, line separators escaped). */
export function tsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A property key in an object literal. `"__proto__": v` would set the object's prototype instead of adding a key,
 * so that one is written as a computed key, which always defines an own property.
 */
export function tsKey(value: string): string {
  return value === "__proto__" ? `[${tsString(value)}]` : tsString(value);
}

/** Text safe inside a JSDoc block: one line, cannot close the comment, capped in length. */
export function docText(value: unknown, max = 300): string {
  const flat = String(value ?? "")
    .replace(/[\r\n\u2028\u2029\t]+/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with as implements interface let package private " +
    "protected public static yield any boolean constructor declare get module require number set string symbol type from of async await " +
    "never unknown object undefined keyof readonly infer is asserts abstract namespace bigint unique global satisfies accessor out " +
    "__proto__ prototype toString valueOf hasOwnProperty Error Promise Object Array String Number Boolean Date Map Set Record Partial " +
    "Required Readonly Pick Omit Response Request Headers URL JSON Math Symbol Function RegExp"
  ).split(" "),
);

/** A safe TypeScript type/value identifier derived from arbitrary text (PascalCase when `pascal`). */
export function identifier(value: string, pascal = false): string {
  const words = value.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
  let name = words.map((w, i) => (pascal || i > 0 ? w[0]!.toUpperCase() + w.slice(1) : w)).join("");
  if (name === "" || /^[0-9]/.test(name)) name = `_${name}`;
  if (name.length > 100) name = name.slice(0, 100);
  return RESERVED.has(name) ? `${name}_` : name;
}

/** Markdown table cell / inline text: no HTML, no pipes, one line. */
export function markdownText(value: unknown, max = 200): string {
  const flat = String(value ?? "")
    .replace(/[\r\n\u2028\u2029\t]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/`/g, "'")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
