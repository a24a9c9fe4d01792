/**
 * Deletes what a run left behind (the ledger files in a results folder) with plain HTTP requests built from each
 * entry's method, path template and input, so that it needs nothing built. The global teardown calls it, its
 * SIGINT/SIGTERM handler runs it (contract/cleanup.ts) before the run exits, and after a SIGKILL
 * `npm run contract:cleanup -w test` does, with the same CONTRACT_<SLUG>_TOKEN variables as the live run.
 */
import { rmSync, writeFileSync } from "node:fs";
import { readLeftovers, type Leftover } from "./ledger.ts";

export interface CleanupResult {
  deleted: number;
  failed: string[];
}

function request(entry: Leftover, token: string): { url: string; init: RequestInit } {
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(entry.input.path?.[name] ?? "")));
  const url = new URL(`${entry.baseUrl.replace(/\/$/, "")}${path}`);
  for (const [k, v] of Object.entries(entry.input.query ?? {})) for (const value of [v].flat()) url.searchParams.append(k, String(value));
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
  for (const [k, v] of Object.entries(entry.input.header ?? {})) headers[k] = String(v);
  if (entry.input.body !== undefined) headers["content-type"] = "application/json";
  return {
    url: url.href,
    init: {
      method: entry.method.toUpperCase(),
      headers,
      ...(entry.input.body === undefined ? {} : { body: JSON.stringify(entry.input.body) }),
      signal: AbortSignal.timeout(10_000),
    },
  };
}

export async function cleanupLeftovers(dir: string, tokenFor: (slug: string) => string | undefined): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: 0, failed: [] };
  for (const { file, entries } of readLeftovers(dir)) {
    const remaining: Leftover[] = [];
    for (const entry of entries) {
      const token = tokenFor(entry.vendor);
      if (!token) {
        remaining.push(entry);
        result.failed.push(`${entry.vendor} ${entry.resource} ${entry.id}: no token (CONTRACT_<SLUG>_TOKEN) for ${entry.vendor}`);
        continue;
      }
      const { url, init } = request(entry, token);
      const status = await fetch(url, init).then(
        async (response) => (await response.arrayBuffer(), response.status),
        (error: unknown) => String(error),
      );
      // 2xx: deleted; 404: already gone. Anything else stays in the ledger.
      if (typeof status === "number" && (status < 300 || status === 404)) result.deleted++;
      else {
        remaining.push(entry);
        result.failed.push(`${entry.vendor} ${entry.operation} ${entry.id}: ${typeof status === "number" ? `status ${status}` : status}`);
      }
    }
    if (remaining.length) writeFileSync(file, JSON.stringify(remaining, null, 2));
    else rmSync(file, { force: true });
  }
  return result;
}
