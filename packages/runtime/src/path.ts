/**
 * A path serializer compiled once per operation. openapi-fetch's default one scans the URL with a regular
 * expression and rewrites it once per parameter on every request (~0.5 µs for one parameter); this one splits
 * the template once and joins the encoded values. It gives exactly what openapi-fetch's default gives (tested
 * side by side) and hands anything else to it: label, matrix and exploded parameters, array and object values,
 * and a URL other than the one it was compiled for.
 */
import { defaultPathSerializer } from "openapi-fetch";

export type PathSerializer = (pathname: string, params: Record<string, unknown>) => string;

const PARAM = /\{[^{}]+\}/g;

/** For `url` (base URL + path template) with simple `{name}` parameters; undefined when it has none. */
export function compilePath(url: string): PathSerializer | undefined {
  const tokens = url.match(PARAM);
  if (!tokens) return undefined;
  if (tokens.some((t) => /^\{[.;]|\*\}$/.test(t))) return undefined;
  const names = tokens.map((t) => t.slice(1, -1));
  const literals = url.split(PARAM);
  return (pathname, params) => {
    if (pathname !== url) return defaultPathSerializer(pathname, params);
    let out = literals[0]!;
    for (let i = 0; i < names.length; i++) {
      const value = params[names[i]!];
      if (value === undefined || value === null) out += tokens[i]!;
      else if (typeof value === "object") return defaultPathSerializer(pathname, params);
      else out += encodeURIComponent(value as string | number | boolean);
      out += literals[i + 1]!;
    }
    return out;
  };
}
