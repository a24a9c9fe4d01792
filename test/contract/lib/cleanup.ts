/**
 * Deletes what a run left behind (the ledger files in a results folder) through each vendor's generated client.
 * The global teardown calls it (so Ctrl-C cleans up too); after a SIGKILL, `npm run contract:cleanup -w test`
 * does, with the same CONTRACT_<SLUG>_TOKEN variables as the live run.
 */
import { rmSync, writeFileSync } from "node:fs";
import { readLeftovers, type Leftover } from "./ledger.ts";
import { vendors } from "./vendors.ts";

type AnyClient = Record<string, (input: unknown) => Promise<unknown>>;

export interface CleanupResult {
  deleted: number;
  failed: string[];
}

export async function cleanupLeftovers(dir: string, tokenFor: (slug: string) => string | undefined): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: 0, failed: [] };
  const names = new Map(vendors().map((v) => [v.slug, v.clientName]));
  for (const { file, entries } of readLeftovers(dir)) {
    const remaining: Leftover[] = [];
    for (const entry of entries) {
      const token = tokenFor(entry.vendor);
      const clientName = names.get(entry.vendor);
      if (!token || !clientName) {
        remaining.push(entry);
        result.failed.push(`${entry.vendor} ${entry.resource} ${entry.id}: no token or client for ${entry.vendor}`);
        continue;
      }
      const mod = (await import(`@model-apis/${entry.vendor}`)) as Record<string, (o: object) => AnyClient>;
      const client = mod[`create${clientName}Client`]!({ baseUrl: entry.baseUrl, token, retries: 1 });
      const ok = await client[entry.operation]!(entry.input).then(
        () => true,
        (error: { status?: number }) => (error.status === 404 ? true : `${String(error)}`),
      );
      if (ok === true) result.deleted++;
      else {
        remaining.push(entry);
        result.failed.push(`${entry.vendor} ${entry.operation} ${entry.id}: ${ok}`);
      }
    }
    if (remaining.length) writeFileSync(file, JSON.stringify(remaining, null, 2));
    else rmSync(file, { force: true });
  }
  return result;
}
