/**
 * Prism routes a request on the operation's `paths` key alone and ignores the path part of the spec's
 * `servers` (it only compares servers when a request names one with `?__server=`). So for a server
 * `https://api.example.com/api/v1` and a path `/models`, Prism serves `/models`, not `/api/v1/models`.
 *
 * The mock serves both: a request path that starts with a server's path prefix is rewritten to the part
 * after it before Prism sees it. A prefix that a `paths` key itself starts with is never stripped, so specs
 * that put full paths in `paths` (e.g. `/v1/models` with a host-only server) route exactly as Prism does.
 */
import type { HttpOperations } from "./load-spec.js";

interface ServerLike {
  url: string;
  variables?: Record<string, { default?: unknown } | undefined>;
}

function serverPath(server: ServerLike): string | undefined {
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = server.variables?.[name]?.default;
    return value === undefined ? whole : String(value);
  });
  let pathname: string;
  try {
    pathname = new URL(url, "http://placeholder.invalid").pathname;
  } catch {
    return undefined;
  }
  pathname = decodeURI(pathname).replace(/\/+$/, "");
  if (pathname === "" || pathname.includes("{")) return undefined;
  return pathname;
}

/** The server path prefixes to strip, longest first. */
export function serverPathPrefixes(operations: HttpOperations): string[] {
  const prefixes = new Set<string>();
  for (const operation of operations) {
    for (const server of (operation.servers ?? []) as ServerLike[]) {
      const prefix = serverPath(server);
      if (prefix !== undefined) prefixes.add(prefix);
    }
  }
  const opPaths = operations.map((operation) => operation.path);
  return [...prefixes].filter((prefix) => !opPaths.some((path) => path === prefix || path.startsWith(`${prefix}/`))).sort((a, b) => b.length - a.length);
}

/** `url` is a request target (path and query). Returns it without the first matching prefix. */
export function stripServerPath(url: string, prefixes: readonly string[]): string {
  for (const prefix of prefixes) {
    if (!url.startsWith(prefix)) continue;
    const rest = url.slice(prefix.length);
    if (rest === "") return "/";
    if (rest.startsWith("/")) return rest;
    if (rest.startsWith("?")) return `/${rest}`;
  }
  return url;
}
